// What the fit report reads, in as few round trips as possible (issue 19). On PostgreSQL each query is a network
// round trip, so the reads go out together, in one round: the candidate's response joined with its position, current
// score, that score's benchmark (metadata), questionnaire version and reviewer; the organization's value names; the
// decisions; and, for the page, the languages of the position's agents (filtered by the snapshot's included agents
// here, so that read need not wait for the snapshot).
// Immutable things come from bounded in-process caches keyed by id: the parsed questionnaire content (versions never
// change) and the parsed benchmark snapshot (a benchmark row is written once, at activation). Each is used only
// after a query filtered by organization has returned its id; a cache miss costs one more round trip.
import { listDecisions } from "~/models/decision.server";
import { cachedQuestionnaireContent, loadQuestionnaireContent } from "~/models/respondent-input.server";
import { headingsFromOrgValues, notFound, type ValueHeading } from "~/models/results-context.server";
import type { Questionnaire } from "~/questionnaire/types";
import { parseStoredSnapshot, type BenchmarkSnapshot } from "~/scoring";
import { setBounded } from "~/utils/bounded-map";
import { compiledQuery } from "~/utils/compiled-query.server";
import { getDb, type DB } from "~/utils/db.server";

const SNAPSHOT_CACHE_SIZE = 64;
const snapshotCache = new Map<string, BenchmarkSnapshot>();

/** The parsed snapshot of a benchmark of this organization (cached by id: snapshots are never updated). */
async function benchmarkSnapshot(orgId: string, benchmarkId: string, db: DB): Promise<BenchmarkSnapshot | null> {
  const cached = snapshotCache.get(benchmarkId);
  if (cached) return cached;
  const row = await db
    .selectFrom("benchmarks")
    .select("snapshot_json")
    .where("organization_id", "=", orgId)
    .where("id", "=", benchmarkId)
    .executeTakeFirst();
  if (!row) return null;
  const snapshot = parseStoredSnapshot(row.snapshot_json);
  setBounded(snapshotCache, benchmarkId, snapshot, SNAPSHOT_CACHE_SIZE);
  return snapshot;
}

async function questionnaireContent(orgId: string, versionId: string, db: DB): Promise<Questionnaire> {
  return cachedQuestionnaireContent(versionId) ?? loadQuestionnaireContent(orgId, versionId, db);
}

/**
 * One row: the candidate response of this position and organization with everything it points at, or none. Compiled
 * once per database handle (compiled-query.server.ts): building this join costs more CPU than running it.
 */
const candidateRowQuery = compiledQuery(["orgId", "positionId", "responseId"], (db, param) =>
  db
    .selectFrom("responses as r")
    .innerJoin("positions as p", (join) =>
      join.onRef("p.id", "=", "r.position_id").on("p.organization_id", "=", param.orgId),
    )
    .leftJoin("scores as s", (join) =>
      join.onRef("s.response_id", "=", "r.id").on("s.organization_id", "=", param.orgId).on("s.is_current", "=", 1),
    )
    .leftJoin("benchmarks as b", (join) =>
      join.onRef("b.id", "=", "s.benchmark_id").on("b.organization_id", "=", param.orgId),
    )
    .leftJoin("users as u", (join) =>
      join.onRef("u.id", "=", "r.reviewed_by").on("u.organization_id", "=", param.orgId),
    )
    .select((eb) => [
      "r.id",
      "r.respondent_label",
      "r.answers_json",
      "r.submitted_at",
      "r.questionnaire_version_id",
      "r.locale",
      "r.source",
      "r.review_status",
      "r.review_note",
      "r.reviewed_by",
      "r.reviewed_at",
      "p.title as position_title",
      "p.questionnaire_version_id as position_version_id",
      "s.id as score_id",
      "s.benchmark_id",
      "s.questionnaire_version_id as score_version_id",
      "s.algorithm_version",
      "s.result_json",
      "s.created_at as scored_at",
      "b.activated_at as benchmark_activated_at",
      "b.created_at as benchmark_created_at",
      "b.status as benchmark_status",
      "u.name as reviewer_name",
      "u.email as reviewer_email",
      // The version number of the questionnaire the score used (else the response's).
      eb
        .selectFrom("questionnaire_versions as v")
        .select("v.version")
        .where("v.organization_id", "=", param.orgId)
        .whereRef("v.id", "=", eb.fn.coalesce("s.questionnaire_version_id", "r.questionnaire_version_id"))
        .as("version_number"),
      // Whether the position has an active benchmark (the reason an unscored candidate is not scored).
      eb
        .exists(
          eb
            .selectFrom("benchmarks as ab")
            .select("ab.id")
            .where("ab.organization_id", "=", param.orgId)
            .where("ab.position_id", "=", param.positionId)
            .where("ab.status", "=", "active"),
        )
        .as("has_active_benchmark"),
    ])
    .where("r.organization_id", "=", param.orgId)
    .where("r.position_id", "=", param.positionId)
    .where("r.kind", "=", "candidate")
    .where("r.id", "=", param.responseId),
);

async function candidateRow(orgId: string, positionId: string, responseId: string, db: DB) {
  return (await candidateRowQuery(db, { orgId, positionId, responseId })).rows[0];
}

// The two small lists of the batch, compiled once too (compiled-query.server.ts).
const orgValueNamesQuery = compiledQuery(["orgId"], (db, param) =>
  db
    .selectFrom("org_values")
    .select(["key", "name", "i_statement", "description"])
    .where("organization_id", "=", param.orgId),
);

async function orgValueNames(orgId: string, db: DB) {
  return (await orgValueNamesQuery(db, { orgId })).rows;
}

/** The position's agents and the language each answered in (a position has tens of agents, not thousands). */
const agentLocalesQuery = compiledQuery(["orgId", "positionId"], (db, param) =>
  db
    .selectFrom("responses")
    .select(["id", "locale"])
    .where("organization_id", "=", param.orgId)
    .where("position_id", "=", param.positionId)
    .where("kind", "=", "agent"),
);

async function agentLocales(orgId: string, positionId: string, db: DB) {
  return (await agentLocalesQuery(db, { orgId, positionId })).rows;
}

export type FitReportData = Awaited<ReturnType<typeof loadFitReportData>>;

/**
 * Everything the fit report shows, read in one round trip when the caches are warm (three independent queries sent
 * together, four `withLanguage`); 404 unless the response is a candidate of this position in this organization.
 */
export async function loadFitReportData(
  orgId: string,
  positionId: string,
  responseId: string,
  options: { withLanguage?: boolean } = {},
  db: DB = getDb(),
) {
  const [row, orgValues, decisions, agents] = await Promise.all([
    candidateRow(orgId, positionId, responseId, db),
    orgValueNames(orgId, db),
    listDecisions(orgId, responseId, db),
    options.withLanguage ? agentLocales(orgId, positionId, db) : null,
  ]);
  if (!row) notFound();
  const versionId = row.score_version_id ?? row.questionnaire_version_id;
  // Round 2 only on a cold cache: the snapshot and the content are usually in memory.
  const [snapshot, q] = await Promise.all([
    row.benchmark_id && row.benchmark_status ? benchmarkSnapshot(orgId, row.benchmark_id, db) : null,
    questionnaireContent(orgId, versionId, db),
  ]);
  const values: ValueHeading[] = headingsFromOrgValues(q, orgValues);
  return {
    position: { id: positionId, title: row.position_title },
    response: row,
    hasActiveBenchmark: Boolean(row.has_active_benchmark),
    snapshot,
    q,
    versionNumber: row.version_number ?? q.version,
    values,
    decisions,
    /** The position's agents and their languages; only `withLanguage`. */
    agents,
  };
}
