// Recruiter-facing results of a position: ranked list, fit report, compare and CSV export. Reads the storage written by
// score.server.ts (scores / score_values / benchmarks.snapshot_json); all numbers come from the engine, here they are
// only selected, ordered and worded.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from "kysely";
import { recordAudit } from "~/models/audit.server";
import { listDecisions } from "~/models/decision.server";
import { countSubmittedCandidates } from "~/models/position.server";
import { loadQuestionnaireContent } from "~/models/respondent-input.server";
import type { Questionnaire } from "~/questionnaire/types";
import {
  isAlgorithmVersion,
  parseStoredSnapshot,
  type BenchmarkSnapshot,
  type CandidateResult,
  type CandidateValueResult,
  type FlagName,
  type ValueStats,
} from "~/scoring";
import { toCsv } from "~/utils/csv";
import { getDb, type DB } from "~/utils/db.server";
import {
  algorithmLabel,
  flagMeaning,
  NOT_SCORED_VERDICT,
  percentileWithInterval,
  probeReason,
  valueVerdict,
  type ValueVerdict,
} from "~/utils/report-wording";
import { RESULTS_PAGE_SIZE, type DecisionKind, type ResultsQuery } from "~/utils/schemas/results.server";
import type { Database } from "../../db/types";

/** Below this many agents a value gets no percentiles (SCORING.md section 4). */
const MIN_AGENTS = 5;

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export type ValueHeading = {
  id: string;
  name: string;
  iStatement: string;
  description: string;
  direction: "higher" | "target";
  weight: number;
};

export type BenchmarkState = "none" | "small" | "partly-small" | "ready";

export type PositionResultsContext = Awaited<ReturnType<typeof getPositionResultsContext>>;

/** The position, its questionnaire's values (org names and "I" statements), the active benchmark and counts. */
export async function getPositionResultsContext(orgId: string, positionId: string, db: DB = getDb()) {
  const context = await positionContext(orgId, positionId, db);
  // Two index-only counts; a current score exists only for a submitted candidate response (score.server.ts).
  const submitted = await countSubmittedCandidates(orgId, positionId, db);
  const scored = await db
    .selectFrom("scores")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.count<number>("overall").as("withOverall")])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("is_current", "=", 1)
    .executeTakeFirstOrThrow();
  return {
    ...context,
    submittedCount: submitted,
    scoredCount: Number(scored.n),
    /** Current scores with an overall (and so a minAlignment: they are null together, SCORING.md section 10). */
    overallCount: Number(scored.withOverall),
  };
}

/**
 * The context without the counts. Performance (issue 9): the fit report and compare pages don't show the counts,
 * and on a position with 100,000 candidates they cost ~150 ms a page; only the results list and export read them.
 */
async function positionContext(orgId: string, positionId: string, db: DB) {
  const position = await db
    .selectFrom("positions")
    .select(["id", "title", "questionnaire_version_id"])
    .where("organization_id", "=", orgId)
    .where("id", "=", positionId)
    .executeTakeFirst();
  if (!position) notFound();
  const version = await db
    .selectFrom("questionnaire_versions")
    .select(["id", "version"])
    .where("organization_id", "=", orgId)
    .where("id", "=", position.questionnaire_version_id)
    .executeTakeFirst();
  const q = await loadQuestionnaireContent(orgId, position.questionnaire_version_id, db);
  const values = await valueHeadings(orgId, q, db);
  const benchmarkRow = await db
    .selectFrom("benchmarks")
    .select(["id", "snapshot_json", "activated_at", "created_at"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("status", "=", "active")
    .orderBy("activated_at", "desc")
    .executeTakeFirst();
  const snapshot = benchmarkRow ? parseStoredSnapshot(benchmarkRow.snapshot_json) : null;
  const smallValues = snapshot ? values.filter((v) => (snapshot.values[v.id]?.sdUsed ?? null) === null) : [];
  const benchmarkState: BenchmarkState = !snapshot
    ? "none"
    : smallValues.length === values.length
      ? "small"
      : smallValues.length > 0
        ? "partly-small"
        : "ready";
  return {
    position: { id: position.id, title: position.title },
    q,
    questionnaireVersion: { id: position.questionnaire_version_id, version: version?.version ?? q.version },
    values,
    benchmark: benchmarkRow
      ? {
          id: benchmarkRow.id,
          activatedAt: benchmarkRow.activated_at ?? benchmarkRow.created_at,
          snapshot: snapshot!,
          smallValues: smallValues.map((v) => ({ id: v.id, name: v.name, n: snapshot!.values[v.id]?.n ?? 0 })),
        }
      : null,
    benchmarkState,
    minAgents: MIN_AGENTS,
  };
}

/** The questionnaire's values in file order, named as the organization names them (org_values by key). */
async function valueHeadings(orgId: string, q: Questionnaire, db: DB): Promise<ValueHeading[]> {
  const keys = q.values.map((v) => v.id);
  const orgValues = keys.length
    ? await db
        .selectFrom("org_values")
        .select(["key", "name", "i_statement", "description"])
        .where("organization_id", "=", orgId)
        .where("key", "in", keys)
        .execute()
    : [];
  const byKey = new Map(orgValues.map((v) => [v.key, v]));
  return q.values.map((v) => {
    const org = byKey.get(v.id);
    return {
      id: v.id,
      name: org?.name || v.name,
      iStatement: org?.i_statement ?? "",
      description: org?.description || v.description || "",
      direction: v.direction,
      weight: v.weight,
    };
  });
}

/** The value with the lowest alignment (the first in file order on a tie), or null when none has one. */
function weakestValue(values: ValueHeading[], result: CandidateResult | null): ValueHeading | null {
  if (!result || result.minAlignment === null) return null;
  return values.find((v) => result.values[v.id]?.alignment === result.minAlignment) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Ranked list

type RankingDb = Database & {
  r: Database["responses"];
  s: Database["scores"];
  sv: Database["score_values"];
  bv: Database["score_values"];
};

export type ResultRow = {
  responseId: string;
  name: string;
  submittedAt: string | null;
  /** The language the candidate answered in (issue 11). */
  locale: string;
  scored: boolean;
  overall: number | null;
  minAlignment: number | null;
  weakest: { id: string; name: string } | null;
  incomplete: boolean;
  review: boolean;
  flags: FlagName[];
  values: Record<string, Pick<CandidateValueResult, "alignment" | "band" | "uncertain">>;
  decision: DecisionKind | null;
};

/** The sort actually applied: an unknown value key falls back to overall. */
export function effectiveSort(query: ResultsQuery, values: ValueHeading[]): string {
  if (query.sort === "overall" || query.sort === "min") return query.sort;
  return values.some((v) => v.id === query.sort) ? query.sort : "overall";
}

type RankingQuery = SelectQueryBuilder<RankingDb, "r" | "s" | "sv" | "bv", object>;

/**
 * Submitted candidates of the position with their current score, filtered and ordered in SQL (nulls last, then by
 * submission time); `page` null = every row (export). Two parts keep the first pages fast on large positions: rows
 * with a sort key are read in the order of the index that holds the key (scores_rank_idx for overall,
 * score_values_rank_idx for a value), then the rows without one (not scored, or not comparable) by submission time.
 */
async function queryRanking(
  orgId: string,
  positionId: string,
  values: ValueHeading[],
  query: ResultsQuery,
  page: number | null,
  counts: Pick<PositionResultsContext, "submittedCount" | "overallCount">,
) {
  const db = getDb() as unknown as Kysely<RankingDb>;
  const sort = effectiveSort(query, values);
  const valueKey = sort === "overall" || sort === "min" ? null : sort;
  const bandValue = values.some((v) => v.id === query.bandValue) ? query.bandValue! : null;
  const sortColumn = sort === "overall" ? "s.overall" : sort === "min" ? "s.min_alignment" : "sv.alignment";

  const latestDecision = (eb: ExpressionBuilder<RankingDb, "r">) =>
    eb
      .selectFrom("decisions as d")
      .select("d.decision")
      .whereRef("d.response_id", "=", "r.id")
      .where("d.organization_id", "=", orgId)
      .orderBy("d.decided_at", "desc")
      .limit(1);

  const filtered = (qb: RankingQuery): RankingQuery => {
    let q = qb
      .where("r.organization_id", "=", orgId)
      .where("r.position_id", "=", positionId)
      .where("r.kind", "=", "candidate")
      .where("r.submitted_at", "is not", null);
    if (bandValue && query.band) {
      q = query.band === "none" ? q.where("bv.band", "is", null) : q.where("bv.band", "=", query.band);
    }
    if (query.review === "1") q = q.where("s.review", "=", 1);
    if (query.decision) {
      const wanted = query.decision;
      q =
        wanted === "none"
          ? q.where((eb) => eb(latestDecision(eb), "is", null))
          : q.where((eb) => eb(latestDecision(eb), "=", wanted));
    }
    return q;
  };

  // Part A: scored rows that have the sort key.
  const scoredFrom = db.selectFrom("scores as s").innerJoin("responses as r", "r.id", "s.response_id");
  const scoredWithValue = (valueKey
    ? scoredFrom
        .innerJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", valueKey))
        .where("sv.organization_id", "=", orgId)
        .where("sv.position_id", "=", positionId)
        .where("sv.is_current", "=", 1)
    : scoredFrom.leftJoin("score_values as sv", (j) =>
        j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", ""),
      )) as unknown as RankingQuery;
  const keyed = filtered(
    (
      scoredWithValue.leftJoin("score_values as bv", (j) =>
        j.onRef("bv.score_id", "=", "s.id").on("bv.value_key", "=", bandValue ?? ""),
      ) as unknown as RankingQuery
    )
      .where("s.organization_id", "=", orgId)
      .where("s.position_id", "=", positionId)
      .where("s.is_current", "=", 1),
  ).where(sortColumn, "is not", null);

  // Part B: submitted responses without the sort key (no current score, or no value for it).
  let unkeyed = filtered(
    db
      .selectFrom("responses as r")
      .leftJoin("scores as s", (j) =>
        j.onRef("s.response_id", "=", "r.id").on("s.is_current", "=", 1).on("s.organization_id", "=", orgId),
      )
      .leftJoin("score_values as sv", (j) =>
        j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", valueKey ?? ""),
      )
      .leftJoin("score_values as bv", (j) =>
        j.onRef("bv.score_id", "=", "s.id").on("bv.value_key", "=", bandValue ?? ""),
      ) as unknown as RankingQuery,
  ).where(sortColumn, "is", null);
  if (query.status === "scored") unkeyed = unkeyed.where("s.id", "is not", null);
  if (query.status === "unscored") unkeyed = unkeyed.where("s.id", "is", null);

  const countOf = async (qb: RankingQuery) =>
    Number((await qb.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const hasFilters = Boolean((bandValue && query.band) || query.review || query.status || query.decision);
  let keyedCount = 0;
  if (query.status !== "unscored") {
    if (hasFilters) keyedCount = await countOf(keyed);
    else if (valueKey) {
      // A current score exists only for a submitted candidate response, so the index alone counts them.
      const row = await db
        .selectFrom("score_values")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("organization_id", "=", orgId)
        .where("position_id", "=", positionId)
        .where("value_key", "=", valueKey)
        .where("is_current", "=", 1)
        .where("alignment", "is not", null)
        .executeTakeFirstOrThrow();
      keyedCount = Number(row.n);
    } else keyedCount = counts.overallCount;
  }
  const unkeyedCount = hasFilters ? await countOf(unkeyed) : Math.max(0, counts.submittedCount - keyedCount);
  const total = keyedCount + unkeyedCount;

  const pages = Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE));
  const currentPage = page === null ? 1 : Math.min(page, pages);
  const offset = page === null ? 0 : (currentPage - 1) * RESULTS_PAGE_SIZE;
  const limit = page === null ? null : RESULTS_PAGE_SIZE;
  // Ties in submission order. For the keyed part the tie-break columns are the copies kept next to the sort key
  // (migration 20261204130000), so the rank index returns the first page in order without sorting the ties.
  const tieBreak = valueKey
    ? (["sv.submitted_at", "sv.response_id"] as const)
    : (["s.submitted_at", "s.response_id"] as const);
  const orderedIds = async (qb: RankingQuery, from: number, take: number | null, bySortKey: boolean) => {
    let q = qb.select("r.id as response_id");
    if (bySortKey) {
      q = q
        .orderBy(sortColumn, query.dir === "asc" ? "asc" : "desc")
        .orderBy(tieBreak[0], "asc")
        .orderBy(tieBreak[1], "asc");
    } else q = q.orderBy("r.submitted_at", "asc").orderBy("r.id", "asc");
    if (take !== null) q = q.limit(take).offset(from);
    return (await q.execute()).map((row) => row.response_id);
  };
  const ids: string[] = [];
  if (offset < keyedCount) ids.push(...(await orderedIds(keyed, offset, limit, true)));
  const remaining = limit === null ? null : limit - ids.length;
  if (unkeyedCount > 0 && (remaining === null || remaining > 0)) {
    ids.push(...(await orderedIds(unkeyed, Math.max(0, offset - keyedCount), remaining, false)));
  }

  const order = ids;
  const details = new Map<
    string,
    {
      respondent_label: string;
      locale: string;
      submitted_at: string | null;
      result_json: string | null;
      decision: unknown;
    }
  >();
  for (let i = 0; i < order.length; i += 500) {
    const rows = await db
      .selectFrom("responses as r")
      .leftJoin("scores as s", (j) =>
        j.onRef("s.response_id", "=", "r.id").on("s.is_current", "=", 1).on("s.organization_id", "=", orgId),
      )
      .select((eb) => [
        "r.id as response_id",
        "r.respondent_label",
        "r.locale",
        "r.submitted_at",
        "s.result_json",
        latestDecision(eb).as("decision"),
      ])
      // `organization_id || ''`: the tenant filter stays, but as an expression no index can serve, so the planner
      // looks the rows up by id (the primary key) instead of walking the organization's responses in
      // responses_position_idx (~100 ms on 100,000 candidates without planner statistics).
      .where(sql<string>`${sql.ref("r.organization_id")} || ''`, "=", orgId)
      .where("r.id", "in", order.slice(i, i + 500))
      .execute();
    for (const row of rows) details.set(row.response_id, row);
  }

  const resultRows: ResultRow[] = order.map((responseId) => {
    const row = details.get(responseId)!;
    const result = row.result_json ? (JSON.parse(row.result_json) as CandidateResult) : null;
    const weakest = weakestValue(values, result);
    return {
      responseId,
      name: row.respondent_label,
      submittedAt: row.submitted_at,
      locale: row.locale,
      scored: result !== null,
      overall: result?.overall ?? null,
      minAlignment: result?.minAlignment ?? null,
      weakest: weakest ? { id: weakest.id, name: weakest.name } : null,
      incomplete: result?.incomplete ?? false,
      review: result?.review ?? false,
      flags: result?.flags ?? [],
      values: Object.fromEntries(
        values.map((v) => {
          const value = result?.values[v.id];
          return [
            v.id,
            { alignment: value?.alignment ?? null, band: value?.band ?? null, uncertain: value?.uncertain ?? null },
          ];
        }),
      ),
      decision: (row.decision as DecisionKind | null) ?? null,
    };
  });
  return { sort, bandValue, total, page: currentPage, rows: resultRows };
}

/** One page (50 rows) of the ranked list with the filters of the query. */
export async function listResults(orgId: string, positionId: string, query: ResultsQuery) {
  const context = await getPositionResultsContext(orgId, positionId);
  const ranking = await queryRanking(orgId, positionId, context.values, query, query.page, context);
  const pages = Math.max(1, Math.ceil(ranking.total / RESULTS_PAGE_SIZE));
  return {
    context: withoutQuestionnaire(context),
    ranking: { ...ranking, pages, pageSize: RESULTS_PAGE_SIZE },
  };
}

function withoutQuestionnaire(context: PositionResultsContext) {
  const { q: _q, benchmark, ...rest } = context;
  return {
    ...rest,
    benchmark: benchmark
      ? { id: benchmark.id, activatedAt: benchmark.activatedAt, smallValues: benchmark.smallValues }
      : null,
    benchmarkAgents: benchmark ? benchmark.snapshot.included.length : 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV export

/** The whole filtered list as CSV (one alignment column per value), audited as an export. */
export async function exportResultsCsv(
  orgId: string,
  positionId: string,
  query: ResultsQuery,
  actor: { id: string; email: string },
): Promise<{ filename: string; csv: string; rowCount: number }> {
  const context = await getPositionResultsContext(orgId, positionId);
  const ranking = await queryRanking(orgId, positionId, context.values, query, null, context);
  const header = [
    "Candidate",
    "Submitted",
    "Status",
    "Overall alignment",
    "Min alignment",
    "Weakest value",
    ...context.values.map((v) => `${v.name} alignment`),
    "Flags",
    "Needs review",
    "Decision",
  ];
  const lines = ranking.rows.map((row) => [
    row.name,
    row.submittedAt ?? "",
    row.scored ? (row.incomplete ? "scored (incomplete)" : "scored") : "not scored",
    roundOrEmpty(row.overall),
    roundOrEmpty(row.minAlignment),
    row.weakest?.name ?? "",
    ...context.values.map((v) => roundOrEmpty(row.values[v.id]?.alignment ?? null)),
    row.flags.join("; "),
    row.review ? "yes" : "no",
    row.decision ?? "",
  ]);
  await recordAudit({
    organizationId: orgId,
    actorUserId: actor.id,
    actorLabel: actor.email,
    action: "results.exported",
    targetType: "position",
    targetId: positionId,
    details: {
      rows: lines.length,
      filters: {
        sort: ranking.sort,
        dir: query.dir,
        bandValue: ranking.bandValue,
        band: query.band ?? null,
        review: query.review === "1",
        status: query.status ?? null,
        decision: query.decision ?? null,
      },
    },
  });
  const slug =
    context.position.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "position";
  return { filename: `${slug}-results.csv`, csv: "\uFEFF" + toCsv([header, ...lines]), rowCount: lines.length };
}

/** One decimal: enough for ranking, no false precision. */
function roundOrEmpty(n: number | null): string | number {
  return n === null ? "" : Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------------------------
// Fit report and compare

export type ReportValue = ValueHeading & {
  stats: Pick<ValueStats, "n" | "median" | "p10" | "p90" | "sdUsed"> | null;
  result: CandidateValueResult | null;
  verdict: ValueVerdict;
  percentileText: string | null;
  probes: string[];
  probeReason: string | null;
};

async function requireCandidateResponse(orgId: string, positionId: string, responseId: string, db: DB) {
  const row = await db
    .selectFrom("responses")
    .select(["id", "respondent_label", "answers_json", "submitted_at", "questionnaire_version_id", "locale", "source"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("kind", "=", "candidate")
    .where("id", "=", responseId)
    .executeTakeFirst();
  return row ?? notFound();
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
  values: ValueHeading[],
  q: Questionnaire,
  snapshot: BenchmarkSnapshot | null,
  result: CandidateResult | null,
): ReportValue[] {
  return values.map((heading) => {
    const stats = snapshot?.values[heading.id] ?? null;
    const valueResult = result?.values[heading.id] ?? null;
    const verdict = result ? valueVerdict(valueResult ?? undefined, stats ?? undefined) : NOT_SCORED_VERDICT;
    const probes = q.values.find((v) => v.id === heading.id)?.probes ?? [];
    return {
      ...heading,
      stats: stats ? { n: stats.n, median: stats.median, p10: stats.p10, p90: stats.p90, sdUsed: stats.sdUsed } : null,
      result: valueResult,
      verdict,
      percentileText: valueResult ? percentileWithInterval(valueResult) : null,
      probes,
      probeReason: result && verdict.probe ? probeReason(verdict) : null,
    };
  });
}

/** Everything the fit report shows; 404 unless the response is a candidate of this position in this organization. */
export async function getFitReport(orgId: string, positionId: string, responseId: string) {
  const db = getDb();
  const context = await positionContext(orgId, positionId, db);
  const response = await requireCandidateResponse(orgId, positionId, responseId, db);
  const score = await currentScore(orgId, responseId, db);
  const result = score ? (JSON.parse(score.result_json) as CandidateResult) : null;
  // The score names the algorithm it was computed with; its wording follows that algorithm.
  const algorithm = score && isAlgorithmVersion(score.algorithm_version) ? score.algorithm_version : "vb-1";

  // The report reads the benchmark and questionnaire version the score was made with, not whatever is active now.
  let snapshot: BenchmarkSnapshot | null = null;
  let benchmarkActivatedAt: string | null = null;
  let benchmarkIsActive = false;
  if (score) {
    const benchmark = await db
      .selectFrom("benchmarks")
      .select(["snapshot_json", "activated_at", "created_at", "status"])
      .where("organization_id", "=", orgId)
      .where("id", "=", score.benchmark_id)
      .executeTakeFirst();
    if (benchmark) {
      snapshot = parseStoredSnapshot(benchmark.snapshot_json);
      benchmarkActivatedAt = benchmark.activated_at ?? benchmark.created_at;
      benchmarkIsActive = benchmark.status === "active";
    }
  }
  const versionId = score?.questionnaire_version_id ?? response.questionnaire_version_id;
  const q = await loadQuestionnaireContent(orgId, versionId, db);
  const values = versionId === context.questionnaireVersion.id ? context.values : await valueHeadings(orgId, q, db);
  const version = await db
    .selectFrom("questionnaire_versions")
    .select("version")
    .where("organization_id", "=", orgId)
    .where("id", "=", versionId)
    .executeTakeFirst();

  const rows = reportValues(values, q, snapshot, result);
  const answers = JSON.parse(response.answers_json || "{}") as Record<string, unknown>;
  const scenarios = q.values.flatMap((value) =>
    value.items.flatMap((item) => {
      if (item.type !== "scenario") return [];
      const consensus = snapshot?.scenarios[item.id] ?? null;
      const chosen = typeof answers[item.id] === "string" ? (answers[item.id] as string) : null;
      const topShare = consensus ? Math.max(...Object.values(consensus.shares)) : null;
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
            consensus: consensus !== null && topShare !== null && consensus.shares[o.id] === topShare,
          })),
        },
      ];
    }),
  );
  const weakest = weakestValue(values, result);
  const decisions = await listDecisions(orgId, responseId, db);
  return {
    position: context.position,
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
        ? "This candidate has not submitted yet."
        : context.benchmark
          ? "This candidate has not been scored yet against the active benchmark."
          : "There is no active benchmark yet, so nobody can be scored. Activate one on the Benchmark tab.",
    values: rows,
    overall: result
      ? {
          overall: result.overall,
          minAlignment: result.minAlignment,
          weakest: weakest ? { id: weakest.id, name: weakest.name } : null,
          below: result.belowValues.map((id) => values.find((v) => v.id === id)?.name ?? id),
          incomplete: result.incomplete,
          missing: rows.filter((r) => r.result?.alignment === null || !r.result).map((r) => r.name),
        }
      : null,
    flags: (result?.flags ?? []).map((flag) => ({ flag, meaning: flagMeaning(flag, algorithm) })),
    review: result?.review ?? false,
    scenarios,
    provenance: score
      ? {
          algorithmVersion: score.algorithm_version,
          algorithmLabel: algorithmLabel(algorithm),
          questionnaireTitle: q.title,
          questionnaireVersion: version?.version ?? q.version,
          benchmarkActivatedAt,
          benchmarkIsActive,
          scoredAt: score.created_at,
        }
      : null,
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      note: d.note,
      hiredOn: d.hired_on,
      decidedAt: d.decided_at,
      decidedBy: d.decided_by_name ?? d.decided_by_email ?? "a former user",
    })),
  };
}

export type FitReport = Awaited<ReturnType<typeof getFitReport>>;

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

/** Two to four candidates of the position side by side; any id outside the position or organization => 404. */
export async function getComparison(orgId: string, positionId: string, responseIds: string[]) {
  const db = getDb();
  const context = await positionContext(orgId, positionId, db);
  const candidates = [];
  for (const id of responseIds.slice(0, COMPARE_MAX + 1)) {
    const response = await requireCandidateResponse(orgId, positionId, id, db);
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
      flags: result?.flags ?? [],
      decision: decision?.decision ?? null,
      values: reportValues(context.values, context.q, context.benchmark?.snapshot ?? null, result).map((v) => ({
        id: v.id,
        score: v.result?.score ?? null,
        percentileText: v.percentileText,
        alignment: v.result?.alignment ?? null,
        band: v.result?.band ?? null,
        sentence: v.verdict.sentence,
        uncertain: v.verdict.uncertain,
      })),
    });
  }
  const countOk = responseIds.length >= COMPARE_MIN && responseIds.length <= COMPARE_MAX;
  return {
    position: context.position,
    values: context.values,
    candidates: countOk ? candidates : [],
    message: countOk
      ? null
      : `Pick ${COMPARE_MIN} to ${COMPARE_MAX} candidates to compare (you picked ${responseIds.length}).`,
  };
}
