// The frame every results page reads: the position, its questionnaire's values (as the organization names them) and
// the active benchmark. Split from results.server.ts (issue 21): the ranked list, the CSV export and the fit report
// each live in their own module and share this one.
import { sql } from "kysely";
import { loadQuestionnaireContent } from "~/models/respondent-input.server";
import type { Questionnaire } from "~/questionnaire/types";
import { parseStoredSnapshot, type CandidateResult } from "~/scoring";
import { MIN_BENCHMARK_N } from "~/scoring/benchmark";
import { dialectName, getDb, type DB } from "~/utils/db.server";

export function notFound(): never {
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
  return { ...context, ...(await positionCounts(orgId, positionId, db)) };
}

/**
 * How many candidates submitted and how many have a current score (and an overall), for every results page. One
 * statement: two index-only counts over the narrowest indexes there are (keyed by the position alone, migration
 * 20261209100000: on a file not in the OS page cache each index page is a read from storage, and these are half the
 * pages of indexes keyed by organization and position) and a seek: a current score exists only for a submitted
 * candidate response (score.server.ts), and overall is null only where no value compares (few rows, found at the
 * null end of scores_rank_idx). The tenant filter is the position's: `position_id = (the position's id if it is
 * the organization's)`, so another organization's position counts nothing.
 */
export async function positionCounts(orgId: string, positionId: string, db: DB = getDb()) {
  const row = (await positionCountsQuery(orgId, positionId, db).execute(db)).rows[0];
  return {
    submittedCount: Number(row.submitted),
    scoredCount: Number(row.scored),
    /** Current scores with an overall (and so a minAlignment: they are null together, SCORING.md section 10). */
    overallCount: Number(row.scored) - Number(row.without_overall),
  };
}

/** The one statement of positionCounts (its plan is checked in test/integration/results-counts.test.ts). */
export function positionCountsQuery(orgId: string, positionId: string, db: DB) {
  // SQLite's planner has no statistics: the indexes are named (a query they cannot serve is an error, not a walk of
  // the table); PostgreSQL picks them by cost. The partial indexes' predicates are repeated with literals.
  const indexedBy = (index: string) => sql.raw(dialectName(db) === "sqlite" ? `indexed by ${index} ` : "");
  const position = sql`(select p.id from positions p where p.organization_id = ${orgId} and p.id = ${positionId})`;
  return sql<{ submitted: number | string; scored: number | string; without_overall: number | string }>`select
      (select count(*) from responses ${indexedBy("responses_submitted_count_idx")}where position_id = ${position}
        and kind = 'candidate' and submitted_at is not null) as submitted,
      (select count(*) from scores ${indexedBy("scores_current_count_idx")}where position_id = ${position}
        and is_current = 1) as scored,
      (select count(*) from scores where organization_id = ${orgId} and position_id = ${positionId}
        and is_current = 1 and overall is null) as without_overall`;
}

/**
 * The context without the counts. Performance (issue 9): the fit report and compare pages don't show the counts,
 * and on a position with 100,000 candidates they cost ~150 ms a page; only the results list and export read them.
 */
export async function positionContext(orgId: string, positionId: string, db: DB) {
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
    minAgents: MIN_BENCHMARK_N,
  };
}

/** The questionnaire's values in file order, named as the organization names them (org_values by key). */
export async function valueHeadings(orgId: string, q: Questionnaire, db: DB): Promise<ValueHeading[]> {
  const keys = q.values.map((v) => v.id);
  const orgValues = keys.length
    ? await db
        .selectFrom("org_values")
        .select(["key", "name", "i_statement", "description"])
        .where("organization_id", "=", orgId)
        .where("key", "in", keys)
        .execute()
    : [];
  return headingsFromOrgValues(q, orgValues);
}

/** valueHeadings from org_values rows already read (any superset of the questionnaire's keys). */
export function headingsFromOrgValues(
  q: Questionnaire,
  orgValues: readonly { key: string; name: string; i_statement: string; description: string }[],
): ValueHeading[] {
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
export function weakestValue(values: ValueHeading[], result: CandidateResult | null): ValueHeading | null {
  if (!result || result.minAlignment === null) return null;
  return values.find((v) => result.values[v.id]?.alignment === result.minAlignment) ?? null;
}
