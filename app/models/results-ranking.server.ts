// The order of a position's results list and keyset paging through it (issue 19). No OFFSET over the candidates:
// a page starts at a cursor (the sort key, submission time and response id of a row) and reads its rows in the order
// of the index that holds the key; page N is found by an index-only seek from the nearer end of the ranking.
//
// The ranking is two parts:
//   keyed   - current scores with the sort key, by the key (dir), then submitted_at and response id ascending; read
//             from scores_rank_idx / scores_min_rank_idx / score_values_rank_idx (key desc, submitted_at, response_id);
//   unkeyed - submitted candidates without the key (no current score, or no value for it), by submission time.
// Candidates held out of the ranking (on the review list and not reviewed as usable) are in neither; the results page
// lists them apart (`heldOutPage`).
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from "kysely";
import type { ValueHeading } from "~/models/results-context.server";
import type { RankPosition } from "~/models/results-cursor.server";
import { getDb } from "~/utils/db.server";
import type { ResultsQuery } from "~/utils/schemas/results.server";
import type { Database } from "../../db/types";

type RankingDb = Database & {
  r: Database["responses"];
  s: Database["scores"];
  sv: Database["score_values"];
  bv: Database["score_values"];
};
type RankingQuery = SelectQueryBuilder<RankingDb, "r" | "s" | "sv" | "bv", object>;
type SortColumn = "s.overall" | "s.min_alignment" | "sv.alignment";
type Positioned = SelectQueryBuilder<
  RankingDb,
  "r" | "s" | "sv" | "bv",
  { key: number | null; at: string; id: string }
>;

/**
 * Which candidates a list holds (issue 21, point 4). `ranked`: everyone not on the review list, and those reviewed as
 * usable; `review`: on the review list (a hard flag or two soft ones) and not reviewed yet; `set-aside`: reviewed and
 * set aside (not assessed). Candidates without a score are ranked (after the scored ones): nothing flags them yet.
 */
/** The subquery of a response's latest decision (alias `r`), within the organization. */
export const latestDecisionOf = (orgId: string) => (eb: ExpressionBuilder<RankingDb, "r">) =>
  eb
    .selectFrom("decisions as d")
    .select("d.decision")
    .whereRef("d.response_id", "=", "r.id")
    .where("d.organization_id", "=", orgId)
    .orderBy("d.decided_at", "desc")
    .limit(1);

export type RankingGroup = "ranked" | "review" | "set-aside";

/** The sort actually applied: an unknown value key falls back to overall. */
export function effectiveSort(query: ResultsQuery, values: ValueHeading[]): string {
  if (query.sort === "overall" || query.sort === "min") return query.sort;
  return values.some((v) => v.id === query.sort) ? query.sort : "overall";
}

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

export type RankingPlan = ReturnType<typeof rankingPlan>;

/** The queries of one list: the sort, the filters and the organization, built once per request. */
export function rankingPlan(
  orgId: string,
  positionId: string,
  values: ValueHeading[],
  query: ResultsQuery,
  options: {
    group?: RankingGroup;
    /** false: every submitted candidate is scored; a list: the only unscored ones (see `findUnscored`) */
    unscored?: boolean | string[];
  } = {},
) {
  const group = options.group ?? "ranked";
  const db = getDb() as unknown as Kysely<RankingDb>;
  const sort = effectiveSort(query, values);
  const dir: "desc" | "asc" = query.dir === "asc" ? "asc" : "desc";
  const valueKey = sort === "overall" || sort === "min" ? null : sort;
  const bandValue = values.some((v) => v.id === query.bandValue) ? query.bandValue! : null;
  const sortColumn: SortColumn = sort === "overall" ? "s.overall" : sort === "min" ? "s.min_alignment" : "sv.alignment";
  // Ties in submission order, on the copies kept next to the sort key (migration 20261204130000).
  const tieAt: "sv.submitted_at" | "s.submitted_at" = valueKey ? "sv.submitted_at" : "s.submitted_at";
  const tieId: "sv.response_id" | "s.response_id" = valueKey ? "sv.response_id" : "s.response_id";
  const hasFilters = Boolean((bandValue && query.band) || query.review || query.status || query.decision || query.q);

  const unscoredList = Array.isArray(options.unscored) ? options.unscored : null;

  const latestDecision = latestDecisionOf(orgId);

  /**
   * The filters on a query of `r` (response), `s` (its current score, if any) and `bv` (the band value's row).
   * `idRef`: the response id column of the index the query is read through, so the set filters below are checked on
   * the index entry before any row is read: a band (score_values_band_idx, migration 20261206110100) and a decision.
   */
  const filtered = (qb: RankingQuery, idRef: "s.response_id" | "sv.response_id" | "r.id"): RankingQuery => {
    // the listed unscored ones (`unscoredList`) are looked up by id: the tenant and position filters stay, as
    // expressions no index serves, or SQLite would rather walk responses_position_idx to find them (as loadRows does)
    const byList = idRef === "r.id" && unscoredList !== null;
    let q = (
      byList
        ? qb
            .where(sql<string>`${sql.ref("r.organization_id")} || ''`, "=", orgId)
            .where(sql<string>`${sql.ref("r.position_id")} || ''`, "=", positionId)
        : qb.where("r.organization_id", "=", orgId).where("r.position_id", "=", positionId)
    )
      .where("r.kind", "=", "candidate")
      .where("r.submitted_at", "is not", null);
    if (bandValue && query.band === "none") q = q.where("bv.band", "is", null);
    else if (bandValue && query.band) {
      const band = query.band;
      q = q.where(idRef, "in", (eb) =>
        eb
          .selectFrom("score_values as b")
          .select("b.response_id")
          .where("b.organization_id", "=", orgId)
          .where("b.position_id", "=", positionId)
          .where("b.value_key", "=", bandValue)
          .where("b.is_current", "=", 1)
          .where("b.band", "=", band),
      );
    }
    if (query.review === "1") q = q.where("s.review", "=", 1);
    if (query.q) q = q.where(nameOrEmailContains(orgId, query.q));
    q = inGroup(q, group);
    if (query.decision) {
      const wanted = query.decision;
      if (wanted === "none") q = q.where((eb) => eb(latestDecision(eb), "is", null));
      else {
        // ever given this decision (a set of few rows), and it is the latest one
        q = q
          .where(idRef, "in", (eb) =>
            eb
              .selectFrom("decisions as dd")
              .select("dd.response_id")
              .where("dd.organization_id", "=", orgId)
              .where("dd.decision", "=", wanted),
          )
          .where((eb) => eb(latestDecision(eb), "=", wanted));
      }
    }
    return q;
  };

  /** Current scores of the position (with the value row of the sort), filtered; `keyed`: with or without the key. */
  const scored = (keyed: boolean): Positioned => {
    const from = db.selectFrom("scores as s").innerJoin("responses as r", "r.id", "s.response_id");
    const withValue = (valueKey
      ? from
          .innerJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", valueKey))
          .where("sv.organization_id", "=", orgId)
          .where("sv.position_id", "=", positionId)
          .where("sv.is_current", "=", 1)
      : from.leftJoin("score_values as sv", (j) =>
          j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", ""),
        )) as unknown as RankingQuery;
    return filtered(
      (
        withValue.leftJoin("score_values as bv", (j) =>
          j.onRef("bv.score_id", "=", "s.id").on("bv.value_key", "=", bandValue ?? ""),
        ) as unknown as RankingQuery
      )
        .where("s.organization_id", "=", orgId)
        .where("s.position_id", "=", positionId)
        .where("s.is_current", "=", 1),
      valueKey ? "sv.response_id" : "s.response_id",
    )
      .where(sortColumn, keyed ? "is not" : "is", null)
      .select([`${sortColumn} as key`, `${tieAt} as at`, `${tieId} as id`]) as unknown as Positioned;
  };

  /** Submitted candidates without a current score (none when the counts say every submitted one is scored). */
  const unscored = (): Positioned =>
    (unscoredList ? (q: Positioned) => q.where("r.id", "in", unscoredList) : (q: Positioned) => q)(
      filtered(
        db
          .selectFrom("responses as r")
          .leftJoin("scores as s", (j) =>
            j.onRef("s.response_id", "=", "r.id").on("s.is_current", "=", 1).on("s.organization_id", "=", orgId),
          )
          .leftJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", ""))
          .leftJoin("score_values as bv", (j) =>
            j.onRef("bv.score_id", "=", "s.id").on("bv.value_key", "=", bandValue ?? ""),
          ) as unknown as RankingQuery,
        "r.id",
      )
        .where("s.id", "is", null)
        .select([sql<null>`null`.as("key"), "r.submitted_at as at", "r.id as id"]) as unknown as Positioned,
    );

  const withKeyed = query.status !== "unscored";
  const withUnscored =
    query.status !== "scored" && options.unscored !== false && (unscoredList === null || unscoredList.length > 0);

  /**
   * The unkeyed part, each source ("arm") with a condition on its own (submitted_at, id) columns: scored rows without
   * the key (at the null end of the rank index, in submission order) and unscored responses (responses_position_idx).
   */
  const unkeyedArms = (bound?: (at: string, id: string) => (qb: Positioned) => Positioned): Positioned[] => {
    const arms: Positioned[] = [];
    const apply = (q: Positioned, at: string, id: string) => (bound ? bound(at, id)(q) : q);
    if (withKeyed) arms.push(apply(scored(false), tieAt, tieId));
    if (withUnscored) arms.push(apply(unscored(), "r.submitted_at", "r.id"));
    return arms;
  };

  /** Held-out candidates of the group (few: flagged ones), in submission order, through scores_review_idx. */
  const heldOut = (): Positioned =>
    filtered(
      db
        .selectFrom("scores as s")
        .innerJoin("responses as r", "r.id", "s.response_id")
        .leftJoin("score_values as sv", (j) => j.onRef("sv.score_id", "=", "s.id").on("sv.value_key", "=", ""))
        .leftJoin("score_values as bv", (j) =>
          j.onRef("bv.score_id", "=", "s.id").on("bv.value_key", "=", bandValue ?? ""),
        ) as unknown as RankingQuery,
      "s.response_id",
    )
      .where("s.organization_id", "=", orgId)
      .where("s.position_id", "=", positionId)
      .where("s.is_current", "=", 1)
      .where("s.review", "=", 1)
      .select([sql<null>`null`.as("key"), "s.submitted_at as at", "s.response_id as id"]) as unknown as Positioned;

  /**
   * Held-out candidates' response ids (review list, not reviewed usable): few rows, found through scores_review_idx.
   * Used by the index-only seek, which reads the rank index alone and skips these.
   */
  const heldOutIds = () =>
    db
      .selectFrom("scores as s")
      .innerJoin("responses as r", "r.id", "s.response_id")
      .select("s.response_id")
      .where("s.organization_id", "=", orgId)
      .where("s.position_id", "=", positionId)
      .where("s.is_current", "=", 1)
      .where("s.review", "=", 1)
      .where("r.organization_id", "=", orgId)
      .where("r.review_status", "!=", "usable");

  return {
    db,
    orgId,
    positionId,
    group,
    sort,
    dir,
    valueKey,
    bandValue,
    sortColumn,
    tieAt,
    tieId,
    hasFilters,
    withKeyed,
    withUnscored,
    scored,
    unkeyedArms,
    heldOut,
    heldOutIds,
  };
}

type Row = { key: number | null; at: string; id: string };
const toPosition = (part: "k" | "u", row: Row): RankPosition => ({
  part,
  key: part === "k" ? Number(row.key) : null,
  at: row.at,
  id: row.id,
});

/**
 * Keyed rows from `from` (exclusive, or inclusive), forward in the list's order or in reverse, at most `limit`
 * (null: all). Two index ranges, so neither reads the rows it skips: the rest of the cursor's tie (same key, later
 * submission), then the keys beyond it.
 */
export async function keyedRows(
  plan: RankingPlan,
  from: RankPosition | null,
  limit: number | null,
  options: { reverse?: boolean; inclusive?: boolean } = {},
): Promise<RankPosition[]> {
  if (!plan.withKeyed) return [];
  const reverse = options.reverse ?? false;
  const keyOrder = (plan.dir === "desc") !== reverse ? "desc" : "asc";
  const tieOrder = reverse ? "desc" : "asc";
  const take = (q: Positioned, n: number | null) => (n === null ? q : q.limit(n));
  const ordered = (q: Positioned) =>
    q.orderBy(plan.sortColumn, keyOrder).orderBy(plan.tieAt, tieOrder).orderBy(plan.tieId, tieOrder);
  if (!from || from.part !== "k") {
    if (from) return []; // a cursor in the unkeyed part: no keyed row is after it (reverse: handled by the caller)
    return (await take(ordered(plan.scored(true)), limit).execute()).map((r) => toPosition("k", r));
  }
  const tieOp = reverse ? (options.inclusive ? "<=" : "<") : options.inclusive ? ">=" : ">";
  const tie = await take(
    plan
      .scored(true)
      .where(plan.sortColumn, "=", from.key)
      .where(({ eb, refTuple, tuple }) => eb(refTuple(plan.tieAt, plan.tieId), tieOp, tuple(from.at, from.id)))
      .orderBy(plan.tieAt, tieOrder)
      .orderBy(plan.tieId, tieOrder),
    limit,
  ).execute();
  const rows = tie.map((r) => toPosition("k", r));
  if (limit !== null && rows.length >= limit) return rows;
  const beyond = await take(
    ordered(plan.scored(true).where(plan.sortColumn, keyOrder === "desc" ? "<" : ">", from.key)),
    limit === null ? null : limit - rows.length,
  ).execute();
  return rows.concat(beyond.map((r) => toPosition("k", r)));
}

/**
 * Unkeyed rows after (before, in reverse) `from`, by submission time; `skip` rows skipped first (page jumps). One
 * compound query ordered as a whole, so SQLite merges the arms in their index order and stops at the limit.
 */
export async function unkeyedRows(
  plan: RankingPlan,
  from: RankPosition | null,
  limit: number | null,
  options: { reverse?: boolean; inclusive?: boolean; skip?: number } = {},
): Promise<RankPosition[]> {
  const reverse = options.reverse ?? false;
  const order = reverse ? "desc" : "asc";
  if (from && from.part === "k" && reverse) return []; // before a keyed row: no unkeyed row
  const op = reverse ? (options.inclusive ? "<=" : "<") : options.inclusive ? ">=" : ">";
  const arms = plan.unkeyedArms(
    from && from.part === "u"
      ? (at, id) => (q) =>
          q.where(({ eb, refTuple, tuple }) => eb(refTuple(at as "r.id", id as "r.id"), op, tuple(from.at, from.id)))
      : undefined,
  );
  if (arms.length === 0) return [];
  let q = arms
    .reduce((a, b) => a.unionAll(b))
    .orderBy("at", order)
    .orderBy("id", order);
  if (limit !== null) q = q.limit(limit);
  if (options.skip) q = q.offset(options.skip);
  return (await q.execute()).map((r) => toPosition("u", { key: null, at: r.at, id: r.id }));
}

/**
 * `n` unkeyed rows from 0-based place `k` of an unkeyed part of `size` rows: read from its end when `k` is in the
 * second half (the unscored are mostly the latest submissions), so a jump to the last pages reads few rows.
 */
export async function unkeyedAt(plan: RankingPlan, k: number, size: number, n: number): Promise<RankPosition[]> {
  if (k < size / 2) return unkeyedRows(plan, null, n, { skip: k });
  const skip = Math.max(0, size - k - n);
  const take = size - k - skip;
  if (take <= 0) return [];
  return (await unkeyedRows(plan, null, take, { reverse: true, skip })).reverse();
}

/**
 * The keyed row at 0-based place `k` of the unfiltered ranking of `keyedCount` rows, by an index-only seek of the
 * rank index (org, position, current, key, submitted_at, response id) that skips the held-out candidates; from the
 * end of the index when `k` is in its second half.
 */
export async function seekKeyed(plan: RankingPlan, k: number, keyedCount: number): Promise<RankPosition | null> {
  const reverse = k >= keyedCount / 2;
  const keyOrder = (plan.dir === "desc") !== reverse ? "desc" : "asc";
  const tieOrder = reverse ? "desc" : "asc";
  const { db, orgId, positionId } = plan;
  const offset = reverse ? keyedCount - 1 - k : k;
  if (offset < 0) return null;
  const row = plan.valueKey
    ? await db
        .selectFrom("score_values as sv")
        .select(["sv.alignment as key", "sv.submitted_at as at", "sv.response_id as id"])
        .where("sv.organization_id", "=", orgId)
        .where("sv.position_id", "=", positionId)
        .where("sv.value_key", "=", plan.valueKey)
        .where("sv.is_current", "=", 1)
        .where("sv.alignment", "is not", null)
        .where("sv.response_id", "not in", plan.heldOutIds())
        .orderBy("sv.alignment", keyOrder)
        .orderBy("sv.submitted_at", tieOrder)
        .orderBy("sv.response_id", tieOrder)
        .limit(1)
        .offset(offset)
        .executeTakeFirst()
    : await db
        .selectFrom("scores as s")
        .select([`${plan.sortColumn as "s.overall"} as key`, "s.submitted_at as at", "s.response_id as id"])
        .where("s.organization_id", "=", orgId)
        .where("s.position_id", "=", positionId)
        .where("s.is_current", "=", 1)
        .where(plan.sortColumn as "s.overall", "is not", null)
        .where("s.response_id", "not in", plan.heldOutIds())
        .orderBy(plan.sortColumn as "s.overall", keyOrder)
        .orderBy("s.submitted_at", tieOrder)
        .orderBy("s.response_id", tieOrder)
        .limit(1)
        .offset(offset)
        .executeTakeFirst();
  return row && row.at !== null && row.id !== null ? toPosition("k", { key: row.key, at: row.at, id: row.id }) : null;
}

/** The keyed row at place `k` of a filtered list (reads the `k` rows before it: a slow path for deep jumps). */
export async function seekKeyedFiltered(plan: RankingPlan, k: number): Promise<RankPosition | null> {
  if (!plan.withKeyed) return null;
  const row = await plan
    .scored(true)
    .orderBy(plan.sortColumn, plan.dir)
    .orderBy(plan.tieAt, "asc")
    .orderBy(plan.tieId, "asc")
    .limit(1)
    .offset(k)
    .executeTakeFirst();
  return row ? toPosition("k", row) : null;
}

/** Above this many unscored candidates the unkeyed part is read as it is (they are then dense, found quickly). */
const UNSCORED_LIST_MAX = 2000;

/**
 * The ids of the position's `count` unscored submitted candidates (`count` from the counts: submitted less scored),
 * read from the latest submission back and stopping at the last one: they are mostly the latest (scoring in progress),
 * so this reads few rows, where reading the unkeyed part in submission order would check every candidate before them
 * for a score (~0.3 s on 100,000). null when there are too many to list.
 */
export async function findUnscored(orgId: string, positionId: string, count: number): Promise<string[] | false | null> {
  if (count <= 0) return false;
  if (count > UNSCORED_LIST_MAX) return null;
  const db = getDb() as unknown as Kysely<RankingDb>;
  const rows = await db
    .selectFrom("responses as r")
    .select("r.id")
    .where("r.organization_id", "=", orgId)
    .where("r.position_id", "=", positionId)
    .where("r.kind", "=", "candidate")
    .where("r.submitted_at", "is not", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("scores as s")
            .select("s.id")
            .whereRef("s.response_id", "=", "r.id")
            .where("s.is_current", "=", 1)
            .where("s.organization_id", "=", orgId),
        ),
      ),
    )
    .orderBy("r.submitted_at", "desc")
    .orderBy("r.id", "desc")
    .limit(count)
    .execute();
  return rows.map((r) => r.id);
}

/** Rows of the filtered keyed part, counted (a jump past the keyed part needs to know where the unkeyed part starts). */
export async function countKeyed(plan: RankingPlan): Promise<number> {
  if (!plan.withKeyed) return 0;
  const row = await plan.db
    .selectFrom(plan.scored(true).as("k") as never)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number((row as { n: number }).n);
}
