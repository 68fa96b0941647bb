// The ranked list of a position's candidates. Reads the storage written by score.server.ts (scores / score_values);
// all numbers come from the engine, here they are only selected and ordered. The frame (position, values, benchmark)
// is results-context.server.ts, the CSV results-export.server.ts, the fit report and compare fit-report.server.ts.
import { sql, type Kysely } from "kysely";
import { decodeRankCursor, encodeRankCursor, type RankPosition } from "~/models/results-cursor.server";
import {
  countKeyed,
  findUnscored,
  keyedRows,
  latestDecisionOf,
  rankingPlan,
  seekKeyed,
  seekKeyedFiltered,
  unkeyedAt,
  unkeyedRows,
  type RankingGroup,
  type RankingPlan,
} from "~/models/results-ranking.server";
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
export { effectiveSort, type RankingGroup } from "~/models/results-ranking.server";

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

/** Submitted candidates of the position held out of the ranking (review list), in submission order, counted. */
async function heldOutPage(
  orgId: string,
  positionId: string,
  values: ValueHeading[],
  query: ResultsQuery,
  group: Exclude<RankingGroup, "ranked">,
  limit: number | null,
) {
  // Few rows (flagged candidates), all scored; scores_review_idx finds them. The filters apply as to the ranking.
  if (query.status === "unscored") return { total: 0, rows: [] as ResultRow[] };
  const plan = rankingPlan(orgId, positionId, values, query, { group });
  let ids = plan.heldOut().orderBy("s.submitted_at", "asc").orderBy("s.response_id", "asc");
  if (limit !== null) ids = ids.limit(limit + 1);
  const order = (await ids.execute()).map((r) => r.id);
  let total = order.length;
  if (limit !== null && order.length > limit) {
    order.length = limit;
    const count = await plan.db
      .selectFrom(plan.heldOut().as("h"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    total = Number(count.n);
  }
  return { total, rows: await loadRows(orgId, values, order) };
}

type Counts = Pick<PositionResultsContext, "submittedCount" | "scoredCount" | "overallCount">;

/**
 * The size of the unfiltered ranking from the position's counts (results-context) without reading the ranking: the
 * rows without the sort key are found at the null end of the rank index, and the candidates held out of the ranking
 * (few: scores_review_idx finds them) are taken off.
 */
async function unfilteredCounts(plan: RankingPlan, counts: Counts) {
  const { db, orgId, positionId, valueKey } = plan;
  const heldOut = db
    .selectFrom("scores as s")
    .innerJoin("responses as r", "r.id", "s.response_id")
    .where("s.organization_id", "=", orgId)
    .where("s.position_id", "=", positionId)
    .where("s.is_current", "=", 1)
    .where("s.review", "=", 1)
    .where("r.organization_id", "=", orgId)
    .where("r.review_status", "!=", "usable");
  // min_alignment is null exactly when overall is
  const held = await (
    valueKey
      ? heldOut
          .leftJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", valueKey))
          .select((eb) => [eb.fn.countAll<number>().as("all"), eb.fn.count<number>("sv.alignment").as("keyed")])
      : heldOut.select((eb) => [eb.fn.countAll<number>().as("all"), eb.fn.count<number>("s.overall").as("keyed")])
  ).executeTakeFirstOrThrow();
  let withKey = counts.overallCount;
  if (valueKey) {
    // one score_values row per value of every current score (score.server.ts): those without an alignment are few
    const row = await db
      .selectFrom("score_values")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", orgId)
      .where("position_id", "=", positionId)
      .where("value_key", "=", valueKey)
      .where("is_current", "=", 1)
      .where("alignment", "is", null)
      .executeTakeFirstOrThrow();
    withKey = counts.scoredCount - Number(row.n);
  }
  const keyedCount = withKey - Number(held.keyed);
  const unkeyedCount = Math.max(0, counts.submittedCount - keyedCount - Number(held.all));
  return { keyedCount, total: keyedCount + unkeyedCount };
}

/** Rows after `from` (or from the start), forward through the keyed part and on into the unkeyed part. */
async function forward(plan: RankingPlan, from: RankPosition | null, n: number, inclusive = false) {
  const keyed = await keyedRows(plan, from, n, { inclusive });
  if (keyed.length >= n) return keyed;
  return keyed.concat(await unkeyedRows(plan, from, n - keyed.length, { inclusive }));
}

/** Rows before `from`, nearest first: back through the unkeyed part and on into the keyed part. */
async function backward(plan: RankingPlan, from: RankPosition, n: number, inclusive = false) {
  if (from.part === "k") return keyedRows(plan, from, n, { reverse: true, inclusive });
  const unkeyed = await unkeyedRows(plan, from, n, { reverse: true, inclusive });
  if (unkeyed.length >= n) return unkeyed;
  return unkeyed.concat(await keyedRows(plan, null, n - unkeyed.length, { reverse: true }));
}

export type RankingPage = Awaited<ReturnType<typeof rankingPage>>;

/**
 * One page of the ranked list (issue 19: keyset, no OFFSET over the candidates). Where it starts: `after` / `before`
 * (a cursor of the previous page, `page` then only the number shown), else page `page` (an index-only seek without
 * filters; with filters the filtered rows before it are read). Unfiltered, the total comes from the indexes; a
 * filtered list is not counted (that reads every row that matches): its total is known only on the page that ends
 * it when reached by number, else null (the pager then shows Previous / Next and the page number).
 */
export async function rankingPage(
  orgId: string,
  positionId: string,
  values: ValueHeading[],
  query: ResultsQuery,
  counts: Counts,
  pageSize: number = RESULTS_PAGE_SIZE,
) {
  const plan = rankingPlan(orgId, positionId, values, query, {
    unscored:
      query.status === "scored"
        ? false
        : ((await findUnscored(orgId, positionId, counts.submittedCount - counts.scoredCount)) ?? true),
  });
  const after = query.after ? decodeRankCursor(query.after, plan.sort, plan.dir) : null;
  const before = !after && query.before ? decodeRankCursor(query.before, plan.sort, plan.dir) : null;

  const unfiltered = plan.hasFilters ? null : await unfilteredCounts(plan, counts);
  const knownPages = unfiltered ? Math.max(1, Math.ceil(unfiltered.total / pageSize)) : null;
  const clamp = (n: number) => Math.max(1, knownPages === null ? n : Math.min(n, knownPages));

  let rows: RankPosition[];
  let page: number;
  let hasPrev: boolean;
  let hasNext: boolean;
  let byNumber = false;
  if (before) {
    const back = await backward(plan, before, pageSize + 1);
    if (back.length > pageSize) {
      rows = back.slice(0, pageSize).reverse();
      [page, hasPrev, hasNext] = [clamp(Math.max(2, query.page)), true, true];
    } else {
      // the cursor is on the first page (or fewer rows are before it now): the first page
      const first = await forward(plan, null, pageSize + 1);
      [rows, page, hasPrev, hasNext, byNumber] = [first.slice(0, pageSize), 1, false, first.length > pageSize, true];
    }
  } else if (after) {
    const next = await forward(plan, after, pageSize + 1);
    if (next.length > 0) {
      rows = next.slice(0, pageSize);
      [page, hasPrev, hasNext] = [clamp(Math.max(2, query.page)), true, next.length > pageSize];
    } else {
      // nothing after the cursor any more: the last rows up to it
      const back = await backward(plan, after, pageSize + 1, true);
      rows = back.slice(0, pageSize).reverse();
      [page, hasPrev, hasNext] = [clamp(query.page), back.length > pageSize, false];
    }
  } else {
    page = clamp(query.page);
    byNumber = true;
    const k = (page - 1) * pageSize;
    let fetched: RankPosition[];
    if (k === 0) fetched = await forward(plan, null, pageSize + 1);
    else if (unfiltered) {
      const start = k < unfiltered.keyedCount ? await seekKeyed(plan, k, unfiltered.keyedCount) : null;
      fetched = start
        ? await forward(plan, start, pageSize + 1, true)
        : await unkeyedAt(plan, k - unfiltered.keyedCount, unfiltered.total - unfiltered.keyedCount, pageSize + 1);
    } else {
      const start = await seekKeyedFiltered(plan, k);
      fetched = start
        ? await forward(plan, start, pageSize + 1, true)
        : await unkeyedRows(plan, null, pageSize + 1, { skip: Math.max(0, k - (await countKeyed(plan))) });
    }
    [rows, hasPrev, hasNext] = [fetched.slice(0, pageSize), k > 0, fetched.length > pageSize];
  }
  // filtered: the total is known where the list ends on a page reached by number (or the first page)
  const total =
    unfiltered?.total ?? (byNumber && !hasNext && rows.length > 0 ? (page - 1) * pageSize + rows.length : null);
  const total0 = total === null && byNumber && page === 1 && rows.length === 0 ? 0 : total;
  const cursor = (p: RankPosition | undefined) => (p ? encodeRankCursor(plan.sort, plan.dir, p) : null);
  return {
    sort: plan.sort,
    bandValue: plan.bandValue,
    /** Candidates in the list; null when filtered and not counted. */
    total: total0,
    page,
    pages: total0 === null ? null : Math.max(1, Math.ceil(total0 / pageSize)),
    pageSize,
    next: hasNext ? cursor(rows.at(-1)) : null,
    prev: hasPrev ? cursor(rows[0]) : null,
    rows: await loadRows(
      orgId,
      values,
      rows.map((r) => r.id),
    ),
  };
}

/** Every row of the filtered list in rank order, then those waiting for review and those set aside (the CSV). */
export async function allResultRows(orgId: string, positionId: string, values: ValueHeading[], query: ResultsQuery) {
  const plan = rankingPlan(orgId, positionId, values, query);
  const ranked = [...(await keyedRows(plan, null, null)), ...(await unkeyedRows(plan, null, null))];
  return {
    ranking: {
      sort: plan.sort,
      bandValue: plan.bandValue,
      rows: await loadRows(
        orgId,
        values,
        ranked.map((r) => r.id),
      ),
    },
    needsReview: await heldOutPage(orgId, positionId, values, query, "review", null),
    setAside: await heldOutPage(orgId, positionId, values, query, "set-aside", null),
  };
}

/** The rows of the listed response ids, in that order: name, language, current score's result and latest decision. */
async function loadRows(orgId: string, values: ValueHeading[], order: string[]): Promise<ResultRow[]> {
  const db = getDb() as unknown as Kysely<RankingDb>;
  const latestDecision = latestDecisionOf(orgId);
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

/** A row as the results page shows it: per value only what the table reads (the CSV export has the full row). */
export type ResultListRow = Omit<ResultRow, "values"> & {
  values: Record<string, Pick<ResultRow["values"][string], "alignment" | "band" | "uncertain">>;
};

function listRow(row: ResultRow): ResultListRow {
  const values: ResultListRow["values"] = {};
  for (const [id, v] of Object.entries(row.values)) {
    values[id] = { alignment: v.alignment, band: v.band, uncertain: v.uncertain };
  }
  return { ...row, values };
}

/** One page (50 rows) of the ranked list with the filters of the query, and the candidates held out of it. */
export async function listResults(
  orgId: string,
  positionId: string,
  query: ResultsQuery,
  pageSize: number = RESULTS_PAGE_SIZE,
) {
  const context = await getPositionResultsContext(orgId, positionId);
  const ranking = await rankingPage(orgId, positionId, context.values, query, context, pageSize);
  // The held-out groups are shown apart from the ranking, their first page only (they are few: flagged candidates).
  const needsReview = await heldOutPage(orgId, positionId, context.values, query, "review", RESULTS_PAGE_SIZE);
  const setAside = await heldOutPage(orgId, positionId, context.values, query, "set-aside", RESULTS_PAGE_SIZE);
  return {
    context: withoutQuestionnaire(context),
    ranking: { ...ranking, rows: ranking.rows.map(listRow) },
    needsReview: { ...needsReview, rows: needsReview.rows.map(listRow) },
    setAside: { ...setAside, rows: setAside.rows.map(listRow) },
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
