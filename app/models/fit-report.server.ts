// The fit report of one candidate and the side-by-side compare: per value the engine's result beside the benchmark's
// statistics, worded by ~/utils/report-wording (split from results.server.ts, issue 21).
import { loadFitReportData, type FitReportData } from "~/models/fit-report-data.server";
import { languageComparison } from "~/models/respondent-locale.server";
import { notFound, positionContext, weakestValue, type ValueHeading } from "~/models/results-context.server";
import type { Questionnaire } from "~/questionnaire/types";
import {
  consensusCounts,
  isAlgorithmVersion,
  type BenchmarkSnapshot,
  type CandidateResult,
  type CandidateValueResult,
  type ValueStats,
} from "~/scoring";
import { getDb, type DB } from "~/utils/db.server";
import type { ReviewStatus } from "../../db/types";
import {
  alignmentLine,
  algorithmLabel,
  bandReading,
  flagMeaning,
  notScoredVerdict,
  offTargetSentence,
  percentileWithInterval,
  probeReason,
  reviewStatusLabel,
  valueVerdict,
  type ValueVerdict,
} from "~/utils/report-wording";
import { verdictNoteIn } from "~/utils/validity-wording";
import type { Translate } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";

export type ReportValue = ValueHeading & {
  stats: Pick<ValueStats, "n" | "median" | "p10" | "p90" | "sdUsed"> | null;
  result: CandidateValueResult | null;
  verdict: ValueVerdict;
  percentileText: string | null;
  /** The alignment explained in one line ("23 of 100: the candidate sits at the 12th percentile ..."). */
  alignmentText: string | null;
  probes: string[];
  probeReason: string | null;
  /** The active benchmark's contrast says the value does not (yet) separate top agents (issue 17). */
  validityNote: string | null;
};

async function requireCandidateResponse(orgId: string, positionId: string, responseId: string, db: DB) {
  const row = await db
    .selectFrom("responses")
    .select([
      "id",
      "respondent_label",
      "answers_json",
      "submitted_at",
      "questionnaire_version_id",
      "locale",
      "source",
      "review_status",
      "review_note",
      "reviewed_by",
      "reviewed_at",
    ])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("kind", "=", "candidate")
    .where("id", "=", responseId)
    .executeTakeFirst();
  return row ?? notFound();
}

/** Where a flagged candidate stands in review before ranking, with who reviewed it, when and why. */
function reviewState(
  t: Translate,
  response: {
    review_status: ReviewStatus;
    review_note: string | null;
    reviewed_at: string | null;
    reviewer_name: string | null;
    reviewer_email: string | null;
  },
) {
  return {
    status: response.review_status,
    label: reviewStatusLabel(t, response.review_status),
    note: response.review_note,
    reviewedAt: response.reviewed_at,
    reviewedBy: response.reviewed_at
      ? response.reviewer_name || response.reviewer_email || t("wording:report.formerUser")
      : null,
  };
}

async function currentScore(orgId: string, responseId: string, db: DB) {
  return db
    .selectFrom("scores")
    .select(["id", "benchmark_id", "questionnaire_version_id", "algorithm_version", "result_json", "created_at"])
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .where("is_current", "=", 1)
    .executeTakeFirst();
}

function reportValues(
  t: Translate,
  values: ValueHeading[],
  q: Questionnaire,
  snapshot: BenchmarkSnapshot | null,
  result: CandidateResult | null,
): ReportValue[] {
  return values.map((heading) => {
    const stats = snapshot?.values[heading.id] ?? null;
    const valueResult = result?.values[heading.id] ?? null;
    const verdict = result
      ? valueVerdict(t, valueResult ?? undefined, stats ?? undefined, heading.direction)
      : notScoredVerdict(t);
    const probes = q.values.find((v) => v.id === heading.id)?.probes ?? [];
    return {
      ...heading,
      stats: stats ? { n: stats.n, median: stats.median, p10: stats.p10, p90: stats.p90, sdUsed: stats.sdUsed } : null,
      result: valueResult,
      verdict,
      percentileText: valueResult ? percentileWithInterval(t, valueResult) : null,
      alignmentText: valueResult ? alignmentLine(t, valueResult, heading.direction) : null,
      probes,
      probeReason: result && verdict.probe ? probeReason(t, verdict) : null,
      validityNote: verdictNoteIn(t, snapshot?.contrast?.values[heading.id]?.verdict),
    };
  });
}

/** Per scenario item: the options, the candidate's choice and the benchmark agents' consensus. */
function reportScenarios(
  q: Questionnaire,
  values: ValueHeading[],
  snapshot: BenchmarkSnapshot | null,
  answers: Record<string, unknown>,
) {
  return q.values.flatMap((value) =>
    value.items.flatMap((item) => {
      if (item.type !== "scenario") return [];
      const consensus = snapshot?.scenarios[item.id] ?? null;
      const chosen = typeof answers[item.id] === "string" ? (answers[item.id] as string) : null;
      const topShare = consensus ? Math.max(...Object.values(consensus.shares)) : null;
      const counts = consensus
        ? consensusCounts(
            item.options.map((o) => o.id),
            consensus,
          )
        : null;
      return [
        {
          itemId: item.id,
          valueName: values.find((v) => v.id === value.id)?.name ?? value.name,
          text: item.text,
          chosen,
          agentsAnswered: consensus?.m ?? 0,
          scored: consensus?.scored ?? false,
          options: item.options.map((o) => ({
            id: o.id,
            text: o.text,
            share: consensus?.shares[o.id] ?? null,
            /** Agents who chose it (c_k behind the smoothed share); null without a benchmark. */
            count: counts ? counts[o.id] : null,
            consensus: consensus !== null && topShare !== null && consensus.shares[o.id] === topShare,
          })),
        },
      ];
    }),
  );
}

/**
 * Everything the fit report shows; 404 unless the response is a candidate of this position in this organization.
 * The reads are batched in fit-report-data.server.ts (one round trip with warm caches, issue 19).
 */
export async function getFitReport(orgId: string, positionId: string, responseId: string, locale: Locale = "en") {
  return fitReport(await loadFitReportData(orgId, positionId, responseId), staffT(locale, "wording"));
}

/** The fit report page: the report and the candidate's language against the benchmark agents' (issue 11). */
export async function getFitReportPage(orgId: string, positionId: string, responseId: string, locale: Locale) {
  const data = await loadFitReportData(orgId, positionId, responseId, { withLanguage: true });
  const included = data.snapshot ? (data.snapshot.included ?? []) : null;
  return {
    ...fitReport(data, staffT(locale, "wording")),
    language: languageComparison(data.response.locale, included, data.agents ?? []),
  };
}

/** The report worded by `t` (the reader's language; the public API reads it in English). */
function fitReport(data: FitReportData, t: Translate) {
  const { response, q, values, snapshot } = data;
  const result = response.result_json !== null ? (JSON.parse(response.result_json) as CandidateResult) : null;
  // The score names the algorithm it was computed with; its wording follows that algorithm.
  const algorithm = result && isAlgorithmVersion(response.algorithm_version) ? response.algorithm_version : "vb-1";
  // The report reads the benchmark and questionnaire version the score was made with, not whatever is active now.
  const benchmarkActivatedAt = response.benchmark_status
    ? (response.benchmark_activated_at ?? response.benchmark_created_at)
    : null;
  const benchmarkIsActive = response.benchmark_status === "active";

  const rows = reportValues(t, values, q, snapshot, result);
  const answers = JSON.parse(response.answers_json || "{}") as Record<string, unknown>;
  const scenarios = reportScenarios(q, values, snapshot, answers);
  const weakest = weakestValue(values, result);
  return {
    position: data.position,
    candidate: {
      responseId: response.id,
      name: response.respondent_label,
      submittedAt: response.submitted_at,
      source: response.source,
    },
    scored: result !== null,
    notScoredReason: result
      ? null
      : !response.submitted_at
        ? t("wording:report.notSubmitted")
        : data.hasActiveBenchmark
          ? t("wording:report.notScoredYet")
          : t("wording:report.noActiveBenchmark"),
    values: rows,
    overall: result
      ? {
          overall: result.overall,
          minAlignment: result.minAlignment,
          weakest: weakest ? { id: weakest.id, name: weakest.name } : null,
          below: result.belowValues.map((id) => values.find((v) => v.id === id)?.name ?? id),
          offTarget: offTargetSentence(
            t,
            rows.filter((r) => r.direction === "target" && r.result?.band === "above").map((r) => r.name),
          ),
          incomplete: result.incomplete,
          missing: rows.filter((r) => r.result?.alignment === null || !r.result).map((r) => r.name),
        }
      : null,
    flags: (result?.flags ?? []).map((flag) => ({ flag, meaning: flagMeaning(t, flag, algorithm) })),
    review: result?.review ?? false,
    reviewState: result?.review ? reviewState(t, response) : null,
    scenarios,
    provenance:
      result && response.algorithm_version !== null && response.scored_at !== null
        ? {
            algorithmVersion: response.algorithm_version,
            algorithmLabel: algorithmLabel(t, algorithm),
            /** The benchmark the score was made with (the page names its activation time, the API its id). */
            benchmarkId: response.benchmark_id,
            questionnaireTitle: q.title,
            questionnaireVersion: data.versionNumber,
            benchmarkActivatedAt,
            benchmarkIsActive,
            scoredAt: response.scored_at,
          }
        : null,
    decisions: data.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      note: d.note,
      hiredOn: d.hired_on,
      decidedAt: d.decided_at,
      decidedBy: d.decided_by_name ?? d.decided_by_email ?? t("wording:report.formerUser"),
    })),
  };
}

export type FitReport = ReturnType<typeof fitReport>;

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

/** Two to four candidates of the position side by side; any id outside the position or organization => 404. */
export async function getComparison(orgId: string, positionId: string, responseIds: string[], locale: Locale) {
  const t = staffT(locale, "wording");
  const db = getDb();
  const context = await positionContext(orgId, positionId, db);
  const candidates = [];
  const setAside: string[] = [];
  for (const id of responseIds.slice(0, COMPARE_MAX + 1)) {
    const response = await requireCandidateResponse(orgId, positionId, id, db);
    // Set aside after review (not assessed): never compared with the others (issue 21, point 4).
    if (response.review_status === "set_aside") {
      setAside.push(response.respondent_label);
      continue;
    }
    const score = await currentScore(orgId, id, db);
    const result = score ? (JSON.parse(score.result_json) as CandidateResult) : null;
    const weakest = weakestValue(context.values, result);
    const decision = await db
      .selectFrom("decisions")
      .select("decision")
      .where("organization_id", "=", orgId)
      .where("response_id", "=", id)
      .orderBy("decided_at", "desc")
      .executeTakeFirst();
    candidates.push({
      responseId: id,
      name: response.respondent_label,
      scored: result !== null,
      overall: result?.overall ?? null,
      minAlignment: result?.minAlignment ?? null,
      weakest: weakest?.name ?? null,
      review: result?.review ?? false,
      /** Where a flagged candidate stands in review ("Needs review", "Reviewed: scores can be used"). */
      reviewLabel: result?.review ? reviewStatusLabel(t, response.review_status) : null,
      flags: result?.flags ?? [],
      decision: decision?.decision ?? null,
      values: reportValues(t, context.values, context.q, context.benchmark?.snapshot ?? null, result).map((v) => ({
        id: v.id,
        score: v.result?.score ?? null,
        percentileText: v.percentileText,
        alignment: v.result?.alignment ?? null,
        alignmentText: v.alignmentText,
        band: v.result?.band ?? null,
        reading: v.result?.band ? bandReading(t, v.result.band, v.direction, v.verdict.uncertain) : null,
        sentence: v.verdict.sentence,
        tone: v.verdict.tone,
        uncertain: v.verdict.uncertain,
      })),
    });
  }
  const picked = responseIds.length - setAside.length;
  const countOk = picked >= COMPARE_MIN && picked <= COMPARE_MAX;
  const notice = setAside.length
    ? t("wording:compare.setAside", { count: setAside.length, names: setAside.join(", ") })
    : null;
  return {
    position: context.position,
    values: context.values,
    candidates: countOk ? candidates : [],
    /** Set-aside candidates among those picked, named. */
    notice,
    message: countOk ? null : t("wording:compare.pickCount", { min: COMPARE_MIN, max: COMPARE_MAX, count: picked }),
  };
}
