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
import { FormattedDate } from "~/components/formatted-date";
import { LanguageNote } from "~/components/language-note";
import { CandidateReview } from "~/components/candidate-review";
import { ReportScenarios } from "~/components/report-scenarios";
import { ReportValue } from "~/components/report-value";
import { NotOnReviewListError, reviewCandidate } from "~/models/candidate-review.server";
import { recordDecision, requireCandidate } from "~/models/decision.server";
import { getFitReportPage } from "~/models/fit-report.server";
import reportCss from "~/styles/report.css?url";
import { failure, parseForm } from "~/utils/form.server";
import { readIntent } from "~/utils/form-intent.server";
import { whole } from "~/utils/report-wording";
import { decisionSchema } from "~/utils/schemas/results.server";
import { candidateReviewSchema } from "~/utils/schemas/review.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.candidate.name} · ${data.position.title}` : "Fit report"} · valuebench` },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId");
  // With the language the candidate answered in, and whether the benchmark's agents answered in it (issue 11).
  const report = await getFitReportPage(
    user.organizationId,
    params.positionId ?? "",
    params.responseId ?? "",
    user.locale,
  );
  return data(report, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId");
  const positionId = params.positionId ?? "";
  const responseId = params.responseId ?? "";
  await requireCandidate(user.organizationId, positionId, responseId); // 404 before reading the form
  if ((await readIntent(request)) === "review") {
    const review = await parseForm(request, candidateReviewSchema);
    if (!review.ok) return data({ ...review, values: { ...review.values, intent: "review" } }, 400);
    try {
      await reviewCandidate(user.organizationId, positionId, responseId, review.data, user);
    } catch (error) {
      if (error instanceof NotOnReviewListError) return data(failure(error.message, {}, { intent: "review" }), 409);
      throw error;
    }
    return redirect(`/app/positions/${positionId}/candidates/${responseId}#review`);
  }
  const parsed = await parseForm(request, decisionSchema);
  if (!parsed.ok) return data(parsed, 400);
  await recordDecision(user.organizationId, positionId, responseId, parsed.data, user);
  return redirect(`/app/positions/${positionId}/candidates/${responseId}#decision`);
}

export default function FitReportPage() {
  const report = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/app/positions/${report.position.id}`;
  const guide = report.values.filter((v) => v.probeReason);
  const failed = actionData && !actionData.ok ? actionData : null;
  const reviewFailed = failed?.values.intent === "review" ? failed : null;
  const fieldErrors = failed && !reviewFailed ? failed.fieldErrors : {};
  const formError = failed && !reviewFailed ? failed.formError : null;
  return (
    <article className="report stack">
      <p className="no-print row">
        <Link to={`${base}/results`}>← Results</Link>
        {/* The browser's print dialog; the print stylesheet fits the report on one A4 page. */}
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <header className="report-header">
        <h1>
          {`Fit report: ${report.candidate.name}`}
          {report.reviewState ? <span className="badge review-badge">{report.reviewState.label}</span> : null}
        </h1>
        <p className="muted">
          {`${report.position.title} · submitted `}
          <FormattedDate value={report.candidate.submittedAt} precision="day" />
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
              Overall alignment <strong>{`${whole(report.overall.overall)} of 100`}</strong> (the weighted mean of the
              values below; 100 = at or beyond your top agents&apos; typical answer on every value).
              {report.overall.weakest ? (
                <>
                  {" Weakest value: "}
                  <strong>{report.overall.weakest.name}</strong>
                  {` (alignment ${whole(report.overall.minAlignment)}).`}
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
            {report.overall.offTarget ? <strong> {report.overall.offTarget}</strong> : null}
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
          <ReportValue key={value.id} value={value} />
        ))}
      </section>

      {report.reviewState ? (
        <CandidateReview
          review={report.reviewState}
          flags={report.flags}
          busy={busy}
          noteErrors={reviewFailed?.fieldErrors.note ?? reviewFailed?.fieldErrors.status}
          formError={reviewFailed?.formError}
        />
      ) : report.scored ? (
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
        </section>
      ) : null}

      {report.scenarios.length > 0 ? <ReportScenarios scenarios={report.scenarios} /> : null}

      {report.scored ? (
        <section aria-labelledby="guide-heading" className="report-guide">
          <h2 id="guide-heading">Interview guide</h2>
          {guide.length === 0 ? (
            <p>No value is below or uncertain: use your usual interview.</p>
          ) : (
            guide.map((v) => (
              <div key={v.id}>
                <h3>
                  {`${v.name} `}
                  <span className="muted small">{`— ${v.probeReason}`}</span>
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
          <span className="badge">{report.provenance.algorithmLabel}</span>
          {" Scored against the benchmark activated on "}
          <FormattedDate value={report.provenance.benchmarkActivatedAt} precision="day" />
          {`${report.provenance.benchmarkIsActive ? "" : " (no longer the active one)"}; questionnaire “${
            report.provenance.questionnaireTitle
          }” version ${report.provenance.questionnaireVersion}; scored on `}
          <FormattedDate value={report.provenance.scoredAt} precision="day" />.
        </footer>
      ) : null}
      <CandidatePrivacyActions />
    </article>
  );
}
