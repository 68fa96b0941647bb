import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { getComparison } from "~/models/fit-report.server";
import reportCss from "~/styles/report.css?url";
import { whole } from "~/utils/report-wording";
import { parseCompareIds } from "~/utils/schemas/results.server";
import { requireRole } from "~/utils/route-roles.server";
import { decisionLabel } from "~/utils/decision-labels";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.compare");
  const ids = parseCompareIds(new URL(request.url));
  const comparison = await getComparison(user.organizationId, params.positionId ?? "", ids, user.locale);
  const title = `${staffT(user.locale, "results")("compare.metaTitle", { position: comparison.position.title })} · valuebench`;
  return data({ ...comparison, title }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function ComparePage() {
  const { position, values, candidates, message, notice } = useLoaderData<typeof loader>();
  const t = useStaffT("results");
  const base = `/app/positions/${position.id}`;
  return (
    <div className="stack">
      <p>
        <Link to={`${base}/results`}>{t("compare.back")}</Link>
      </p>
      <h1>{t("compare.heading", { position: position.title })}</h1>
      {notice ? (
        <p className="alert" role="status">
          {notice}
        </p>
      ) : null}
      {message ? (
        <p className="alert warning" role="status">
          {message}{" "}
          <RichText text={t("compare.pickHelp")} link={(label) => <Link to={`${base}/results`}>{label}</Link>} />
        </p>
      ) : (
        <div className="table-scroll">
          <table className="compare-table">
            <caption className="sr-only">{t("compare.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("compare.value")}</th>
                {candidates.map((c) => (
                  <th scope="col" key={c.responseId}>
                    <Link to={`${base}/candidates/${c.responseId}`}>{c.name}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("compare.overall")}</th>
                {candidates.map((c) => (
                  <td key={c.responseId}>
                    {c.scored ? t("compare.ofHundred", { score: whole(c.overall) }) : t("compare.notScored")}
                    {c.weakest ? (
                      <div className="muted small">
                        {t("compare.weakest", { name: c.weakest, score: whole(c.minAlignment) })}
                      </div>
                    ) : null}
                  </td>
                ))}
              </tr>
              {values.map((v, i) => (
                <tr key={v.id}>
                  <th scope="row">
                    {v.name}
                    {v.iStatement ? (
                      <div className="muted small">{t("compare.quoted", { text: v.iStatement })}</div>
                    ) : null}
                  </th>
                  {candidates.map((c) => {
                    const cell = c.values[i];
                    return (
                      <td key={c.responseId}>
                        <div className={`verdict verdict-${cell.tone}`}>
                          <strong>{cell.sentence}</strong>
                        </div>
                        <div>{t("compare.score", { score: whole(cell.score) })}</div>
                        <div>{cell.percentileText ?? t("compare.noPercentile")}</div>
                        <div>{t("compare.alignment", { alignment: cell.alignmentText ?? whole(cell.alignment) })}</div>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">{t("compare.quality")}</th>
                {candidates.map((c) => (
                  <td key={c.responseId}>
                    {c.reviewLabel ? <span className="badge review-badge">{c.reviewLabel}</span> : null}{" "}
                    {c.flags.length ? c.flags.map((f) => t(`wording:flagName.${f}`)).join(", ") : t("compare.noFlags")}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t("compare.decision")}</th>
                {candidates.map((c) => (
                  <td key={c.responseId}>{c.decision ? decisionLabel(t, c.decision) : "–"}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
