// The ranked list of a position's candidates. Reads the storage written by score.server.ts (scores / score_values);
// all numbers come from the engine, here they are only selected and ordered. The frame (position, values, benchmark)
// is results-context.server.ts, the CSV results-export.server.ts, the fit report and compare fit-report.server.ts.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from "kysely";
import {
  getPositionResultsContext,
  weakestValue,
  type PositionResultsContext,
  type ValueHeading,
} from "~/models/results-context.server";
import type { CandidateResult, CandidateValueResult, FlagName } from "~/scoring";
import { getDb } from "~/utils/db.server";
import { RESULTS_PAGE_SIZE, type DecisionKind, type ResultsQuery } from "~/utils/schemas/results.server";
import type { Database, ReviewStatus } from "../../db/types";

export type { ValueHeading } from "~/models/results-context.server";

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
  /** Where a flagged candidate stands: pending review, usable (ranked) or set aside (not assessed). */
  reviewStatus: ReviewStatus;
  flags: FlagName[];
  values: Record<
    string,
    Pick<CandidateValueResult, "score" | "percentile" | "ciLow" | "ciHigh" | "alignment" | "band" | "uncertain">
  >;
  decision: DecisionKind | null;
};

/**
 * Which candidates a list holds (issue 21, point 4). `ranked`: everyone not on the review list, and those reviewed as
 * usable; `review`: on the review list (a hard flag or two soft ones) and not reviewed yet; `set-aside`: reviewed and
 * set aside (not assessed). Candidates without a score are ranked (after the scored ones): nothing flags them yet.
 */
export type RankingGroup = "ranked" | "review" | "set-aside";

/** The sort actually applied: an unknown value key falls back to overall. */
export function effectiveSort(query: ResultsQuery, values: ValueHeading[]): string {
  if (query.sort === "overall" || query.sort === "min") return query.sort;
  return values.some((v) => v.id === query.sort) ? query.sort : "overall";
}

type RankingQuery = SelectQueryBuilder<RankingDb, "r" | "s" | "sv" | "bv", object>;

/**
 * The search of the results list: the candidate's name or invitation e-mail contains `text`, case-insensitively on
 * both SQLite and PostgreSQL (lower() on both sides), with LIKE's wildcards in the text taken literally.
 */
function nameOrEmailContains(orgId: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`(lower(${sql.ref("r.respondent_label")}) like ${pattern} escape '\\' or exists (select 1 from invitations i where i.id = ${sql.ref("r.invitation_id")} and i.organization_id = ${orgId} and lower(i.email) like ${pattern} escape '\\'))`;
}

/** The condition of a group on the joined score `s` (absent for an unscored response) and response `r`. */
function inGroup(qb: RankingQuery, group: RankingGroup): RankingQuery {
  if (group === "review") return qb.where("s.review", "=", 1).where("r.review_status", "=", "pending");
  if (group === "set-aside") return qb.where("s.review", "=", 1).where("r.review_status", "=", "set_aside");
  return qb.where((eb) =>
    eb.or([eb("s.id", "is", null), eb("s.review", "=", 0), eb("r.review_status", "=", "usable")]),
  );
}

/**
 * Submitted candidates of the position with their current score, filtered and ordered in SQL (nulls last, then by
 * submission time); `page` null = every row (export). Two parts keep the first pages fast on large positions: rows
 * with a sort key are read in the order of the index that holds the key (scores_rank_idx for overall,
 * score_values_rank_idx for a value), then the rows without one (not scored, or not comparable) by submission time.
 */
export async function queryRanking(
  orgId: string,
  positionId: string,
  values: ValueHeading[],
  query: ResultsQuery,
  page: number | null,
  counts: Pick<PositionResultsContext, "submittedCount" | "overallCount">,
  group: RankingGroup = "ranked",
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
    if (query.q) q = q.where(nameOrEmailContains(orgId, query.q));
    q = inGroup(q, group);
    if (query.decision) {
      const wanted = query.decision;
      q =
        wanted === "none"
          ? q.where((eb) => eb(latestDecision(eb), "is", null))
          : q.where((eb) => eb(latestDecision(eb), "=", wanted));
    }
    return q;
  };

  if (group !== "ranked") {
    // The held-out groups: few rows (flagged candidates), all scored; scores_review_idx finds them, listed in
    // submission order. The filters apply as to the ranking.
    const heldOutRows = filtered(
      db
        .selectFrom("scores as s")
        .innerJoin("responses as r", "r.id", "s.response_id")
        .leftJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", ""))
        .leftJoin("score_values as bv", (j) =>
          j.onRef("bv.score_id", "=", "s.id").on("bv.value_key", "=", bandValue ?? ""),
        ) as unknown as RankingQuery,
    )
      .where("s.organization_id", "=", orgId)
      .where("s.position_id", "=", positionId)
      .where("s.is_current", "=", 1)
      .where("s.review", "=", 1);
    if (query.status === "unscored") return { sort, bandValue, total: 0, page: 1, rows: [] };
    const total = Number(
      (await heldOutRows.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
    );
    const pages = Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE));
    const currentPage = page === null ? 1 : Math.min(page, pages);
    let idsQuery = heldOutRows
      .select("r.id as response_id")
      .orderBy("s.submitted_at", "asc")
      .orderBy("s.response_id", "asc");
    if (page !== null) idsQuery = idsQuery.limit(RESULTS_PAGE_SIZE).offset((currentPage - 1) * RESULTS_PAGE_SIZE);
    const ids = (await idsQuery.execute()).map((row) => row.response_id);
    return { sort, bandValue, total, page: currentPage, rows: await loadRows(orgId, values, ids) };
  }

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
  const hasFilters = Boolean(
    (bandValue && query.band) || query.review || query.status || query.decision || query.q || group !== "ranked",
  );
  // Without filters the counts come from the indexes, less the candidates held out of the ranking (waiting for review
  // or set aside): those are few, and scores_review_idx finds them.
  const heldOut = async (withSortKey: boolean) => {
    let q = db
      .selectFrom("scores as s")
      .innerJoin("responses as r", "r.id", "s.response_id")
      .where("s.organization_id", "=", orgId)
      .where("s.position_id", "=", positionId)
      .where("s.is_current", "=", 1)
      .where("s.review", "=", 1)
      .where("r.organization_id", "=", orgId)
      .where("r.review_status", "!=", "usable");
    if (withSortKey && valueKey) {
      q = q
        .innerJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", valueKey))
        .where("sv.alignment", "is not", null);
    } else if (withSortKey) q = q.where(sort === "overall" ? "s.overall" : "s.min_alignment", "is not", null);
    return Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  };
  const heldOutKeyed = hasFilters ? 0 : await heldOut(true);
  const heldOutAll = hasFilters ? 0 : await heldOut(false);
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
      keyedCount = Number(row.n) - heldOutKeyed;
    } else keyedCount = counts.overallCount - heldOutKeyed;
  }
  const unkeyedCount = hasFilters
    ? await countOf(unkeyed)
    : Math.max(0, counts.submittedCount - keyedCount - heldOutAll);
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

  return { sort, bandValue, total, page: currentPage, rows: await loadRows(orgId, values, ids) };
}

/** The rows of the listed response ids, in that order: name, language, current score's result and latest decision. */
async function loadRows(orgId: string, values: ValueHeading[], order: string[]): Promise<ResultRow[]> {
  const db = getDb() as unknown as Kysely<RankingDb>;
  const latestDecision = (eb: ExpressionBuilder<RankingDb, "r">) =>
    eb
      .selectFrom("decisions as d")
      .select("d.decision")
      .whereRef("d.response_id", "=", "r.id")
      .where("d.organization_id", "=", orgId)
      .orderBy("d.decided_at", "desc")
      .limit(1);
  const details = new Map<
    string,
    {
      respondent_label: string;
      locale: string;
      review_status: ReviewStatus;
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
        "r.review_status",
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

  return order.map((responseId) => {
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
      reviewStatus: row.review_status,
      flags: result?.flags ?? [],
      values: Object.fromEntries(
        values.map((v) => {
          const value = result?.values[v.id];
          return [
            v.id,
            {
              score: value?.score ?? null,
              percentile: value?.percentile ?? null,
              ciLow: value?.ciLow ?? null,
              ciHigh: value?.ciHigh ?? null,
              alignment: value?.alignment ?? null,
              band: value?.band ?? null,
              uncertain: value?.uncertain ?? null,
            },
          ];
        }),
      ),
      decision: (row.decision as DecisionKind | null) ?? null,
    };
  });
}

/** One page (50 rows) of the ranked list with the filters of the query, and the candidates held out of it. */
export async function listResults(orgId: string, positionId: string, query: ResultsQuery) {
  const context = await getPositionResultsContext(orgId, positionId);
  const ranking = await queryRanking(orgId, positionId, context.values, query, query.page, context);
  const pages = Math.max(1, Math.ceil(ranking.total / RESULTS_PAGE_SIZE));
  // The held-out groups are shown apart from the ranking, their first page only (they are few: flagged candidates).
  const needsReview = await queryRanking(orgId, positionId, context.values, query, 1, context, "review");
  const setAside = await queryRanking(orgId, positionId, context.values, query, 1, context, "set-aside");
  return {
    context: withoutQuestionnaire(context),
    ranking: { ...ranking, pages, pageSize: RESULTS_PAGE_SIZE },
    needsReview: { total: needsReview.total, rows: needsReview.rows },
    setAside: { total: setAside.total, rows: setAside.rows },
  };
}

function withoutQuestionnaire(context: PositionResultsContext) {
  const { q: _q, benchmark, ...rest } = context;
  return {
    ...rest,
    benchmark: benchmark
      ? {
          id: benchmark.id,
          activatedAt: benchmark.activatedAt,
          smallValues: benchmark.smallValues,
          // value id -> contrast verdict (vb-2 with comparison agents): the table marks unclear and reversed values
          verdicts: Object.fromEntries(
            Object.entries(benchmark.snapshot.contrast?.values ?? {}).map(([id, c]) => [id, c.verdict]),
          ),
        }
      : null,
    benchmarkAgents: benchmark ? benchmark.snapshot.included.length : 0,
  };
}
