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
import { CandidateReview } from "~/components/candidate-review";
import { ReportScenarios } from "~/components/report-scenarios";
import { ReportGuide, ReportOverall, ReportProvenance, ReportQuality } from "~/components/report-sections";
import { ReportValue } from "~/components/report-value";
import { useFormat } from "~/i18n/format";
import { languageName } from "~/i18n/locale";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { NotOnReviewListError, reviewCandidate } from "~/models/candidate-review.server";
import { recordDecision, requireCandidate } from "~/models/decision.server";
import { getFitReportPage } from "~/models/fit-report.server";
import { MIN_BENCHMARK_N } from "~/scoring";
import reportCss from "~/styles/report.css?url";
import { failure, parseForm } from "~/utils/form.server";
import { readIntent } from "~/utils/form-intent.server";
import { decisionSchema } from "~/utils/schemas/results.server";
import { candidateReviewSchema } from "~/utils/schemas/review.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

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
  const title = staffT(user.locale, "report")("page.title", {
    name: report.candidate.name,
    position: report.position.title,
  });
  // The engine's minimum of agents per scenario, named in the scenario tables' notes.
  const languageLabel = languageName(report.language.locale, user.locale);
  return data(
    { ...report, title, languageLabel, minAgents: MIN_BENCHMARK_N },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.candidates.$responseId");
  const positionId = params.positionId ?? "";
  const responseId = params.responseId ?? "";
  await requireCandidate(user.organizationId, positionId, responseId); // 404 before reading the form
  if ((await readIntent(request)) === "review") {
    const review = await parseForm(request, candidateReviewSchema, { locale: user.locale });
    if (!review.ok) return data({ ...review, values: { ...review.values, intent: "review" } }, 400);
    try {
      await reviewCandidate(user.organizationId, positionId, responseId, review.data, user);
    } catch (error) {
      if (error instanceof NotOnReviewListError) {
        return data(failure(staffT(user.locale, "report")("review.notOnList"), {}, { intent: "review" }), 409);
      }
      throw error;
    }
    return redirect(`/app/positions/${positionId}/candidates/${responseId}#review`);
  }
  const parsed = await parseForm(request, decisionSchema, { locale: user.locale });
  if (!parsed.ok) return data(parsed, 400);
  await recordDecision(user.organizationId, positionId, responseId, parsed.data, user);
  return redirect(`/app/positions/${positionId}/candidates/${responseId}#decision`);
}

export default function FitReportPage() {
  const report = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useStaffT("report");
  const f = useFormat();
  const busy = useNavigation().state === "submitting";
  const base = `/app/positions/${report.position.id}`;
  const failed = actionData && !actionData.ok ? actionData : null;
  const reviewFailed = failed?.values.intent === "review" ? failed : null;
  const fieldErrors = failed && !reviewFailed ? failed.fieldErrors : {};
  const formError = failed && !reviewFailed ? failed.formError : null;
  return (
    <article className="report stack">
      <p className="no-print row">
        <Link to={`${base}/results`}>{t("page.back")}</Link>
        {/* The browser's print dialog; the print stylesheet fits the report on one A4 page. */}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("common:print")}
        </button>
      </p>
      <header className="report-header">
        <h1>
          {t("page.heading", { name: report.candidate.name })}
          {report.reviewState ? <span className="badge review-badge">{report.reviewState.label}</span> : null}
        </h1>
        <p className="muted">
          {t("page.submitted", { position: report.position.title, date: f.date(report.candidate.submittedAt) })}
        </p>
        <LanguageNote name={report.candidate.name} language={report.language} languageLabel={report.languageLabel} />
      </header>

      {!report.scored ? (
        <p className="alert warning" role="status">
          {report.notScoredReason}
        </p>
      ) : null}

      {report.overall ? <ReportOverall overall={report.overall} /> : null}

      <section aria-labelledby="values-heading" className="report-values">
        <h2 id="values-heading">{t("values.heading")}</h2>
        <p className="muted legend">{t("values.legend")}</p>
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
        <ReportQuality flags={report.flags} />
      ) : null}

      {report.scenarios.length > 0 ? (
        <ReportScenarios scenarios={report.scenarios} minAgents={report.minAgents} />
      ) : null}

      {report.scored ? <ReportGuide values={report.values} /> : null}

      <DecisionSection decisions={report.decisions} busy={busy} fieldErrors={fieldErrors} formError={formError} />

      {report.provenance ? <ReportProvenance provenance={report.provenance} /> : null}
      <CandidatePrivacyActions />
    </article>
  );
}
