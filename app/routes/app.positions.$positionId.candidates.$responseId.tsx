import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CandidatePrivacyActions } from "~/components/candidate-privacy";
import { DecisionSection } from "~/components/decision-section";
import { LanguageNote } from "~/components/language-note";
import { ValueBandChart } from "~/components/value-band-chart";
import { recordDecision, requireCandidate } from "~/models/decision.server";
import { getLanguageComparison } from "~/models/respondent-locale.server";
import { getFitReport, type FitReport } from "~/models/results.server";
import reportCss from "~/styles/report.css?url";
import { parseForm } from "~/utils/form.server";
import { whole } from "~/utils/report-wording";
import { decisionSchema } from "~/utils/schemas/results.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.candidate.name} · ${data.position.title}` : "Fit report"} · valuebench` },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId");
  const report = await getFitReport(user.organizationId, params.positionId ?? "", params.responseId ?? "");
  // In which language the candidate answered, and whether the benchmark's agents answered in it (issue 11).
  const language = await getLanguageComparison(user.organizationId, report.position.id, report.candidate.responseId);
  return data({ ...report, language }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId");
  const positionId = params.positionId ?? "";
  const responseId = params.responseId ?? "";
  await requireCandidate(user.organizationId, positionId, responseId); // 404 before reading the form
  const parsed = await parseForm(request, decisionSchema);
  if (!parsed.ok) return data(parsed, 400);
  await recordDecision(user.organizationId, positionId, responseId, parsed.data, user);
  return redirect(`/app/positions/${positionId}/candidates/${responseId}#decision`);
}

const BAND_LABEL = { above: "Above", within: "Within", below: "Below" } as const;

function dateOnly(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "–";
}

function ValueSection({ value }: { value: FitReport["values"][number] }) {
  const r = value.result;
  return (
    <section className="report-value" aria-labelledby={`value-${value.id}`}>
      <div className="report-value-head">
        <h3 id={`value-${value.id}`}>{value.name}</h3>
        {value.direction === "target" ? (
          <span className="badge" title="Closest to your top agents is best">
            target
          </span>
        ) : null}
      </div>
      {value.iStatement ? <p className="i-statement">“{value.iStatement}”</p> : null}
      <ValueBandChart
        valueName={value.name}
        score={r?.score ?? null}
        p10={value.stats?.p10 ?? null}
        median={value.stats?.median ?? null}
        p90={value.stats?.p90 ?? null}
        n={value.stats?.n ?? 0}
      />
      <p className={`verdict verdict-${value.verdict.kind}${value.verdict.uncertain ? " verdict-uncertain" : ""}`}>
        <strong>{value.verdict.sentence}.</strong>
      </p>
      <dl className="report-numbers">
        <div>
          <dt>Score</dt>
          <dd>{whole(r?.score)}</dd>
        </div>
        <div>
          <dt>Percentile</dt>
          <dd>{value.percentileText ?? "not computed"}</dd>
        </div>
        <div>
          <dt>Alignment</dt>
          <dd>{r?.alignment !== null && r?.alignment !== undefined ? `${whole(r.alignment)} of 100` : "–"}</dd>
        </div>
        <div>
          <dt>Band</dt>
          <dd>
            {r?.band ? BAND_LABEL[r.band] : "–"}
            {r?.uncertain ? " (uncertain)" : ""}
          </dd>
        </div>
      </dl>
    </section>
  );
}

const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

/** One line per scenario for the printed page: the candidate's option beside the agents' choice. */
function ScenarioSummary({ scenario }: { scenario: FitReport["scenarios"][number] }) {
  const chosen = scenario.options.find((o) => o.id === scenario.chosen);
  const consensus = scenario.options.filter((o) => o.consensus);
  return (
    <li>
      <strong>{scenario.valueName}:</strong>{" "}
      {chosen ? (
        <>
          chose “{chosen.text}” ({percent(chosen.share)} of agents)
          {chosen.consensus
            ? ", the agents' choice."
            : `; agents' choice: ${consensus.map((o) => `“${o.text}” (${percent(o.share)})`).join(" or ")}.`}
        </>
      ) : (
        "not answered."
      )}
    </li>
  );
}

export default function FitReportPage() {
  const report = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/app/positions/${report.position.id}`;
  const guide = report.values.filter((v) => v.probeReason);
  const fieldErrors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  const formError = actionData && !actionData.ok ? actionData.formError : null;
  return (
    <article className="report stack">
      <p className="no-print">
        <Link to={`${base}/results`}>← Results</Link>
      </p>
      <header className="report-header">
        <h1>
          Fit report: {report.candidate.name}
          {report.review ? <span className="badge review-badge">Needs review</span> : null}
        </h1>
        <p className="muted">
          {report.position.title} · submitted {dateOnly(report.candidate.submittedAt)}
        </p>
        <LanguageNote name={report.candidate.name} language={report.language} />
      </header>

      {!report.scored ? (
        <p className="alert warning" role="status">
          {report.notScoredReason}
        </p>
      ) : null}

      {report.overall ? (
        <section className="report-overall card" aria-labelledby="overall-heading">
          <h2 id="overall-heading">Overall</h2>
          {report.overall.overall !== null ? (
            <p>
              Overall alignment <strong>{whole(report.overall.overall)} of 100</strong> (the weighted mean of the values
              below; 100 = at or beyond your top agents&apos; typical answer on every value).
              {report.overall.weakest ? (
                <>
                  {" "}
                  Weakest value: <strong>{report.overall.weakest.name}</strong> (alignment{" "}
                  {whole(report.overall.minAlignment)}).
                </>
              ) : null}
            </p>
          ) : (
            <p>No value could be compared with the benchmark, so there is no overall alignment.</p>
          )}
          <p>
            {report.overall.below.length > 0
              ? `Below most of your top agents on: ${report.overall.below.join(", ")}.`
              : "Not below your top agents on any value."}
          </p>
          {report.overall.incomplete ? (
            <p className="alert warning">
              Incomplete: {report.overall.missing.join(", ")} could not be compared (too few answers or too small a
              benchmark), so the overall covers only the other values.
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="values-heading" className="report-values">
        <h2 id="values-heading">Values</h2>
        <p className="muted legend">
          Shaded band: the middle 80% of your top agents (10th–90th percentile); dark tick: their median; amber marker:
          this candidate.
        </p>
        {report.values.map((value) => (
          <ValueSection key={value.id} value={value} />
        ))}
      </section>

      {report.scored ? (
        <section aria-labelledby="quality-heading" className="report-quality">
          <h2 id="quality-heading">Answer quality</h2>
          {report.flags.length === 0 ? (
            <p>No answer-quality flags.</p>
          ) : (
            <ul>
              {report.flags.map((f) => (
                <li key={f.flag}>
                  <strong>{f.flag}</strong>: {f.meaning}
                </li>
              ))}
            </ul>
          )}
          {report.review ? (
            <p className="alert warning">
              <strong>Needs review:</strong> a hard flag or two soft flags. Flags are never a reason to reject on their
              own; check the answers with the candidate.
            </p>
          ) : null}
        </section>
      ) : null}

      {report.scenarios.length > 0 ? (
        <section aria-labelledby="scenarios-heading" className="report-scenarios">
          <h2 id="scenarios-heading">Scenario answers</h2>
          <ul className="scenario-summary print-only">
            {report.scenarios.map((s) => (
              <ScenarioSummary key={s.itemId} scenario={s} />
            ))}
          </ul>
          {report.scenarios.map((s) => (
            <div key={s.itemId} className="scenario no-print">
              <p>
                <span className="muted">{s.valueName}:</span> {s.text}
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Option</th>
                    <th scope="col">Candidate</th>
                    <th scope="col">Agents&apos; share</th>
                  </tr>
                </thead>
                <tbody>
                  {s.options.map((o) => (
                    <tr key={o.id} className={o.id === s.chosen ? "chosen" : undefined}>
                      <td>
                        {o.text}
                        {o.consensus ? <span className="badge">agents&apos; choice</span> : null}
                      </td>
                      <td>{o.id === s.chosen ? "✓ chosen" : ""}</td>
                      <td>{percent(o.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">
                {s.chosen ? "" : "Not answered. "}
                {s.agentsAnswered} agents answered
                {s.scored ? "" : " (fewer than 5: not scored)"}; shares are smoothed (each option counts one extra
                vote).
              </p>
            </div>
          ))}
        </section>
      ) : null}

      {report.scored ? (
        <section aria-labelledby="guide-heading" className="report-guide">
          <h2 id="guide-heading">Interview guide</h2>
          {guide.length === 0 ? (
            <p>No value is below or uncertain: use your usual interview.</p>
          ) : (
            guide.map((v) => (
              <div key={v.id}>
                <h3>
                  {v.name} <span className="muted small">— {v.probeReason}</span>
                </h3>
                {v.probes.length > 0 ? (
                  <ul>
                    {v.probes.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">The item bank has no probes for this value; ask for a recent example of it.</p>
                )}
              </div>
            ))
          )}
        </section>
      ) : null}

      <DecisionSection decisions={report.decisions} busy={busy} fieldErrors={fieldErrors} formError={formError} />

      {report.provenance ? (
        <footer className="report-footer muted small">
          <span className="badge">{report.provenance.algorithmLabel}</span> Scored against the benchmark activated on{" "}
          {dateOnly(report.provenance.benchmarkActivatedAt)}
          {report.provenance.benchmarkIsActive ? "" : " (no longer the active one)"}; questionnaire “
          {report.provenance.questionnaireTitle}” version {report.provenance.questionnaireVersion}; scored on{" "}
          {dateOnly(report.provenance.scoredAt)}.
        </footer>
      ) : null}
      <CandidatePrivacyActions />
    </article>
  );
}
