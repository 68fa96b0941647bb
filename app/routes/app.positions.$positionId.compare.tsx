import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useStaffT } from "~/i18n/staff";
import { getComparison } from "~/models/fit-report.server";
import reportCss from "~/styles/report.css?url";
import { whole } from "~/utils/report-wording";
import { parseCompareIds } from "~/utils/schemas/results.server";
import { requireRole } from "~/utils/route-roles.server";
import { decisionLabel } from "~/utils/decision-labels";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Compare${data ? ` · ${data.position.title}` : ""} · valuebench` },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.compare");
  const ids = parseCompareIds(new URL(request.url));
  const comparison = await getComparison(user.organizationId, params.positionId ?? "", ids, user.locale);
  return data(comparison, { headers: { "Cache-Control": "private, no-store" } });
}

export default function ComparePage() {
  const { position, values, candidates, message, notice } = useLoaderData<typeof loader>();
  const tw = useStaffT("wording");
  const base = `/app/positions/${position.id}`;
  return (
    <div className="stack">
      <p>
        <Link to={`${base}/results`}>← Results</Link>
      </p>
      <h1>Compare candidates: {position.title}</h1>
      {notice ? (
        <p className="alert" role="status">
          {notice}
        </p>
      ) : null}
      {message ? (
        <p className="alert warning" role="status">
          {message} Go back to the <Link to={`${base}/results`}>results</Link>, tick the boxes of the candidates and
          press “Compare selected”.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="compare-table">
            <caption className="sr-only">Candidates side by side, one column each</caption>
            <thead>
              <tr>
                <th scope="col">Value</th>
                {candidates.map((c) => (
                  <th scope="col" key={c.responseId}>
                    <Link to={`${base}/candidates/${c.responseId}`}>{c.name}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Overall alignment</th>
                {candidates.map((c) => (
                  <td key={c.responseId}>
                    {c.scored ? `${whole(c.overall)} of 100` : "not scored"}
                    {c.weakest ? (
                      <div className="muted small">
                        weakest: {c.weakest} ({whole(c.minAlignment)})
                      </div>
                    ) : null}
                  </td>
                ))}
              </tr>
              {values.map((v, i) => (
                <tr key={v.id}>
                  <th scope="row">
                    {v.name}
                    {v.iStatement ? <div className="muted small">“{v.iStatement}”</div> : null}
                  </th>
                  {candidates.map((c) => {
                    const cell = c.values[i];
                    return (
                      <td key={c.responseId}>
                        <div className={`verdict verdict-${cell.tone}`}>
                          <strong>{cell.sentence}</strong>
                        </div>
                        <div>Score {whole(cell.score)}</div>
                        <div>{cell.percentileText ?? "Percentile not computed"}</div>
                        <div>Alignment {cell.alignmentText ?? whole(cell.alignment)}</div>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">Answer quality</th>
                {candidates.map((c) => (
                  <td key={c.responseId}>
                    {c.reviewLabel ? <span className="badge review-badge">{c.reviewLabel}</span> : null}{" "}
                    {c.flags.length ? c.flags.join(", ") : "no flags"}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Decision</th>
                {candidates.map((c) => (
                  <td key={c.responseId}>{c.decision ? decisionLabel(tw, c.decision) : "–"}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
