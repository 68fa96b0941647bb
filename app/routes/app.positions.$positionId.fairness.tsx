import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { describeCut, getFairnessReport, type FairnessAttribute } from "~/models/fairness.server";
import trustCss from "~/styles/trust.css?url";
import { DEFAULT_THRESHOLD, fairnessSearch, parseFairnessQuery } from "~/utils/schemas/fairness.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Adverse impact${data ? ` · ${data.report.position.title}` : ""} · valuebench` },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.fairness");
  const { cut, error } = parseFairnessQuery(new URL(request.url));
  const report = await getFairnessReport(user.organizationId, params.positionId ?? "", cut);
  return data(
    {
      report,
      error,
      cutText: describeCut(cut),
      csvHref: `/app/positions/${report.position.id}/fairness.csv${fairnessSearch(cut)}`,
      threshold: cut.kind === "overall" ? cut.threshold : DEFAULT_THRESHOLD,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, digits: number) => (x === null ? "–" : x.toFixed(digits));
const pValue = (p: number | null) => (p === null ? "–" : p < 0.0001 ? "< 0.0001" : p.toPrecision(3));

function AttributeTable({ attribute }: { attribute: FairnessAttribute }) {
  const headingId = `attr-${attribute.key}`;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>{attribute.label}</h2>
      {attribute.groups.length === 0 ? (
        <p className="muted">No submitted candidates yet.</p>
      ) : (
        <>
          {!attribute.comparable ? (
            <p className="muted">
              Fewer than two groups are large enough to compare, so there are no impact ratios for this attribute.
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="fairness-table">
              <caption className="sr-only">Selection by {attribute.label.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="num">
                    Candidates
                  </th>
                  <th scope="col" className="num">
                    Selected
                  </th>
                  <th scope="col" className="num">
                    Selection rate
                  </th>
                  <th scope="col" className="num">
                    Impact ratio
                  </th>
                  <th scope="col" className="num">
                    z
                  </th>
                  <th scope="col" className="num">
                    Fisher p
                  </th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {attribute.groups.map((g) => (
                  <tr key={g.group} className={g.flagged ? "flagged" : undefined}>
                    <th scope="row">{g.label}</th>
                    <td className="num">{g.total}</td>
                    <td className="num">{g.selected}</td>
                    <td className="num">{pct(g.rate)}</td>
                    <td className="num">{fixed(g.impactRatio, 2)}</td>
                    <td className="num">{fixed(g.z, 2)}</td>
                    <td className="num">{pValue(g.fisherP)}</td>
                    <td>
                      {g.flagged ? <span className="badge flag">below four-fifths</span> : null}
                      {g.reference ? "highest rate (reference)" : null}
                      {g.excludedSmall ? "under 2%: not compared" : null}
                      {g.notDisclosed ? "not compared" : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export default function FairnessPage() {
  const { report, error, cutText, csvHref, threshold } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Adverse impact</h1>
      <p>
        Selected: <strong>{cutText}</strong>. {report.selected} of {report.candidates} submitted candidates are
        selected.
        {report.setAside > 0
          ? ` ${report.setAside} candidate${report.setAside === 1 ? " was" : "s were"} set aside after review (not assessed) and ${report.setAside === 1 ? "is" : "are"} not counted.`
          : ""}
      </p>
      {error ? (
        <p className="alert warning" role="status">
          {error} Showing the default cut instead.
        </p>
      ) : null}
      <Form method="get" className="fairness-cut card">
        <fieldset>
          <legend>Who counts as selected</legend>
          <div className="choices">
            <label>
              <input type="radio" name="cut" value="overall" defaultChecked={report.cut.kind === "overall"} />
              Overall alignment at least the threshold
            </label>
            <label>
              <input type="radio" name="cut" value="advance" defaultChecked={report.cut.kind === "advance"} />
              Latest recruiter decision is “advance”
            </label>
          </div>
        </fieldset>
        <div>
          <label htmlFor="threshold">Threshold (0–100)</label>
          <input id="threshold" name="threshold" type="number" min={0} max={100} step="any" defaultValue={threshold} />
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </Form>
      <p>
        <a href={csvHref} download>
          Download as CSV
        </a>
      </p>

      {report.attributes.map((attribute) => (
        <AttributeTable key={attribute.key} attribute={attribute} />
      ))}

      <section aria-labelledby="how-to-read" className="stack">
        <h2 id="how-to-read">How to read this</h2>
        <p>
          The <strong>selection rate</strong> of a group is the share of its candidates that the cut selects. The{" "}
          <strong>impact ratio</strong> divides it by the rate of the group with the highest rate. Under the{" "}
          <strong>four-fifths rule</strong> used by the US EEOC, a ratio below 0.8 (80%) is a sign of possible adverse
          impact and is marked “below four-fifths”.
        </p>
        <p>
          The <strong>z</strong> value and <strong>Fisher p</strong> test whether the difference to the highest-rate
          group could be chance: a z above about 2, or a p below 0.05, means chance alone is an unlikely explanation.
          With small groups these tests are unreliable, and a ratio can swing a lot when one person more or less is
          selected. Groups under 2% of the candidates who answered are listed but not compared.
        </p>
        <p>
          Answers are voluntary. “Not disclosed” counts candidates who did not answer or chose “prefer not to say”; it
          is shown so you can see how much is unknown, but it is not compared.
        </p>
        <p>
          This report is a <strong>monitor, not a verdict</strong>: a flag is a reason to look at the questionnaire, the
          threshold and the decisions more closely, not proof of discrimination, and no flag is not proof that there is
          none. Demographic answers are never used in scoring.
        </p>
      </section>
    </div>
  );
}
