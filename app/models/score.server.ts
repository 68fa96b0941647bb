// Storage of candidate scores against the position's active benchmark. All numbers come from the engine (~/scoring).
//
// Storage contract (read by the candidate reports):
// - `scores`: one row per scoring run; the latest of a response has is_current = 1, older ones stay as history
//   (is_current = 0). result_json is the engine's CandidateResult as JSON; overall, min_alignment and review copy it.
// - `score_values`: one row per questionnaire value of each score (same is_current as its score).
import { scoreCandidate, tableReachableScores, type CandidateResult } from "~/scoring";
import { getDb, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { loadQuestionnaireContent, toRespondentInput } from "./respondent-input.server";
import { organizationColumn, storeResults, type ScoreToStore } from "./score-writes.server";
import { cachedSnapshot } from "./snapshot-cache.server";
import { alignmentsOf, enqueueWebhookEvents, reportUrl } from "./webhook-events.server";

/**
 * From this many responses scored against one snapshot, every reachable value result is tabled first
 * (tableReachableScores): it costs about as much as the results of a few thousand candidates met one by one.
 */
export const TABLE_ALL_FROM = 2_000;
/** Responses scored and written per scoreResponses call when a whole position is re-scored. */
const RESCORE_BATCH = 1_000;

export type StoredScore = { scoreId: string; benchmarkId: string; result: CandidateResult; responseId: string };

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** The position's active benchmark row, or undefined. */
export async function getActiveBenchmarkRow(orgId: string, positionId: string, db: DB = getDb()) {
  return db
    .selectFrom("benchmarks")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("status", "=", "active")
    .orderBy("activated_at", "desc")
    .executeTakeFirst();
}

const RESPONSE_COLUMNS = [
  "id",
  "organization_id",
  "position_id",
  "kind",
  "questionnaire_version_id",
  "answers_json",
  "page_times_json",
  "source",
  "submitted_at",
] as const;

async function loadResponse(orgId: string, responseId: string, db: DB) {
  const row = await db
    .selectFrom("responses")
    .select(RESPONSE_COLUMNS)
    .where("organization_id", "=", orgId)
    .where("id", "=", responseId)
    .executeTakeFirst();
  return row ?? notFound();
}

/**
 * Scores one response with the engine against the position's active benchmark and stores it (one transaction
 * unless `db` is already a transaction). Returns null when it is not a submitted candidate response or the position
 * has no active benchmark. A response of another organization => 404.
 */
export async function scoreResponse(orgId: string, responseId: string, db?: DB): Promise<StoredScore | null> {
  const run = async (trx: DB) => (await scoreResponses(trx, orgId, [responseId]))[0] ?? null;
  if (db) return run(db);
  return serializable(getDb())
    .transaction()
    .execute((trx) => run(trx));
}

/** Response ids per read in scoreResponses. */
const RESPONSES_PER_READ = 500;

/**
 * scoreResponse for many responses of one organization, inside the caller's transaction, with a few statements for
 * the whole batch (the responses read in chunks, one benchmark read per position, the scores written by
 * storeResults, the response.scored events by enqueueWebhookEvents). `tableAll`: many responses will be scored
 * against the same snapshots, so the engine tables every reachable value result first (tableReachableScores).
 * Returns the scores stored, in the order given; a response that is not a submitted candidate response, or whose
 * position has no active benchmark, is left out. An unknown id => 404; an answer the engine refuses throws (the caller's
 * transaction then writes nothing).
 */
export async function scoreResponses(
  trx: DB,
  orgId: string,
  responseIds: readonly string[],
  options: { tableAll?: boolean } = {},
): Promise<StoredScore[]> {
  const responses = new Map<string, Awaited<ReturnType<typeof loadResponse>>>();
  for (let start = 0; start < responseIds.length; start += RESPONSES_PER_READ) {
    // Looked up by id (primary key), the tenant filter checked on each row (organizationColumn): filtered through
    // an index, SQLite walked all the organization's responses for every chunk (quadratic in a re-score).
    const rows = await trx
      .selectFrom("responses")
      .select(RESPONSE_COLUMNS)
      .where(organizationColumn, "=", orgId)
      .where("id", "in", responseIds.slice(start, start + RESPONSES_PER_READ))
      .execute();
    for (const row of rows) responses.set(row.id, row);
  }
  const benchmarks = new Map<string, Awaited<ReturnType<typeof getActiveBenchmarkRow>>>();
  const scores: ScoreToStore[] = [];
  for (const responseId of responseIds) {
    const response = responses.get(responseId) ?? notFound();
    if (response.kind !== "candidate" || !response.submitted_at) continue;
    if (!benchmarks.has(response.position_id))
      benchmarks.set(response.position_id, await getActiveBenchmarkRow(orgId, response.position_id, trx));
    const benchmark = benchmarks.get(response.position_id);
    if (!benchmark) continue;
    const snapshot = cachedSnapshot(benchmark.id, benchmark.snapshot_json);
    const q = await loadQuestionnaireContent(orgId, response.questionnaire_version_id, trx);
    if (options.tableAll) tableReachableScores(q, snapshot);
    scores.push({
      positionId: response.position_id,
      responseId,
      benchmarkId: benchmark.id,
      questionnaireVersionId: response.questionnaire_version_id,
      q,
      result: scoreCandidate(q, snapshot, toRespondentInput(q, response)),
      algorithmVersion: snapshot.algorithmVersion,
      submittedAt: response.submitted_at,
    });
  }
  const scoreIds = await storeResults(trx, orgId, scores);
  await enqueueWebhookEvents(
    trx,
    orgId,
    "response.scored",
    scores.map((s, i) => ({
      positionId: s.positionId,
      responseId: s.responseId,
      scoreId: scoreIds[i],
      benchmarkId: s.benchmarkId,
      algorithmVersion: s.algorithmVersion,
      overall: s.result.overall,
      minAlignment: s.result.minAlignment,
      alignments: alignmentsOf(s.result),
      review: s.result.review,
      reportUrl: reportUrl(s.positionId, s.responseId),
    })),
  );
  return scores.map((s, i) => ({
    scoreId: scoreIds[i],
    benchmarkId: s.benchmarkId,
    result: s.result,
    responseId: s.responseId,
  }));
}

/**
 * Re-scores every submitted candidate of the position against its active benchmark, in one transaction (the
 * caller's `db` when given); returns how many were scored. Activation re-scores through the durable marks instead
 * (scoring-jobs.server.ts runScoringJobs), in batches of SCORING_BATCH_SIZE, each its own transaction.
 */
export async function rescorePosition(orgId: string, positionId: string, db?: DB): Promise<number> {
  const run = async (trx: DB): Promise<number> => {
    const ids = await trx
      .selectFrom("responses")
      .select("id")
      .where("organization_id", "=", orgId)
      .where("position_id", "=", positionId)
      .where("kind", "=", "candidate")
      .where("submitted_at", "is not", null)
      .orderBy("submitted_at")
      .orderBy("id")
      .execute();
    let scored = 0;
    for (let start = 0; start < ids.length; start += RESCORE_BATCH) {
      const batch = ids.slice(start, start + RESCORE_BATCH).map((r) => r.id);
      scored += (await scoreResponses(trx, orgId, batch, { tableAll: ids.length >= TABLE_ALL_FROM })).length;
    }
    return scored;
  };
  if (db) return run(db);
  return serializable(getDb())
    .transaction()
    .execute((trx) => run(trx));
}

/** A stored score of this organization (404 otherwise) with its parsed engine result. */
export async function getScore(orgId: string, scoreId: string) {
  const row = await getDb()
    .selectFrom("scores")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", scoreId)
    .executeTakeFirst();
  if (!row) notFound();
  return { ...row, result: JSON.parse(row.result_json) as CandidateResult };
}

/** The current score of a response, or undefined when it has none. */
export async function getCurrentScore(orgId: string, responseId: string) {
  const row = await getDb()
    .selectFrom("scores")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .where("is_current", "=", 1)
    .executeTakeFirst();
  return row ? { ...row, result: JSON.parse(row.result_json) as CandidateResult } : undefined;
}

/**
 * Re-runs the engine from the inputs a stored score used (its benchmark snapshot, its questionnaire version and the
 * response's answers) and returns the engine's result; nothing is written. Equal to the stored result_json when
 * the inputs have not changed.
 */
export async function recomputeScore(orgId: string, scoreId: string): Promise<CandidateResult> {
  const db = getDb();
  const score = await getScore(orgId, scoreId);
  const benchmark = await db
    .selectFrom("benchmarks")
    .select(["id", "snapshot_json"])
    .where("organization_id", "=", orgId)
    .where("id", "=", score.benchmark_id)
    .executeTakeFirst();
  if (!benchmark) notFound();
  const response = await loadResponse(orgId, score.response_id, db);
  const q = await loadQuestionnaireContent(orgId, score.questionnaire_version_id, db);
  const snapshot = cachedSnapshot(benchmark.id, benchmark.snapshot_json);
  // The engine scores under the snapshot's algorithm; a score always names the algorithm of its snapshot.
  if (score.algorithm_version !== snapshot.algorithmVersion) {
    throw new Error(
      `score ${scoreId} was made by ${score.algorithm_version} but its benchmark snapshot is ${snapshot.algorithmVersion}`,
    );
  }
  return scoreCandidate(q, snapshot, toRespondentInput(q, response));
}
