// Storage of candidate scores against the position's active benchmark. All numbers come from the engine (~/scoring).
//
// Storage contract (read by the candidate reports):
// - `scores`: one row per scoring run; the latest of a response has is_current = 1, older ones stay as history
//   (is_current = 0). result_json is the engine's CandidateResult as JSON; overall, min_alignment and review copy it.
// - `score_values`: one row per questionnaire value of each score (same is_current as its score).
import { parseStoredSnapshot, scoreCandidate, type AlgorithmVersion, type CandidateResult } from "~/scoring";
import type { Questionnaire } from "~/questionnaire/types";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { newId } from "~/utils/tokens.server";
import { loadQuestionnaireContent, toRespondentInput } from "./respondent-input.server";
import { alignmentsOf, enqueueWebhookEvent, reportUrl } from "./webhook-events.server";

export type StoredScore = { scoreId: string; benchmarkId: string; result: CandidateResult };

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

async function loadResponse(orgId: string, responseId: string, db: DB) {
  const row = await db
    .selectFrom("responses")
    .select([
      "id",
      "organization_id",
      "position_id",
      "kind",
      "questionnaire_version_id",
      "answers_json",
      "page_times_json",
      "source",
      "submitted_at",
    ])
    .where("organization_id", "=", orgId)
    .where("id", "=", responseId)
    .executeTakeFirst();
  return row ?? notFound();
}

async function storeResult(
  db: DB,
  args: {
    orgId: string;
    positionId: string;
    responseId: string;
    benchmarkId: string;
    questionnaireVersionId: string;
    q: Questionnaire;
    result: CandidateResult;
    /** The algorithm of the benchmark snapshot the result was computed against. */
    algorithmVersion: AlgorithmVersion;
    /** The response's submission time, copied as the ranking tie-break. */
    submittedAt: string;
  },
): Promise<string> {
  const { orgId, positionId, responseId, result } = args;
  const previous = db
    .selectFrom("scores")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId);
  await db
    .updateTable("score_values")
    .set({ is_current: 0 })
    .where("organization_id", "=", orgId)
    .where("score_id", "in", previous)
    .execute();
  await db
    .updateTable("scores")
    .set({ is_current: 0 })
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .execute();
  const scoreId = newId();
  await db
    .insertInto("scores")
    .values({
      id: scoreId,
      organization_id: orgId,
      position_id: positionId,
      response_id: responseId,
      benchmark_id: args.benchmarkId,
      questionnaire_version_id: args.questionnaireVersionId,
      algorithm_version: args.algorithmVersion,
      is_current: 1,
      overall: result.overall,
      min_alignment: result.minAlignment,
      review: result.review ? 1 : 0,
      result_json: JSON.stringify(result),
      created_at: nowIso(),
      submitted_at: args.submittedAt,
    })
    .execute();
  const rows = args.q.values.map((value) => {
    const v = result.values[value.id];
    return {
      score_id: scoreId,
      value_key: value.id,
      organization_id: orgId,
      position_id: positionId,
      is_current: 1,
      score: v?.score ?? null,
      percentile: v?.percentile ?? null,
      alignment: v?.alignment ?? null,
      band: v?.band ?? null,
      response_id: responseId,
      submitted_at: args.submittedAt,
    };
  });
  if (rows.length > 0) await db.insertInto("score_values").values(rows).execute();
  return scoreId;
}

/**
 * Scores one response with the engine against the position's active benchmark and stores it (one transaction
 * unless `db` is already a transaction). Returns null when it is not a submitted candidate response or the position
 * has no active benchmark. A response of another organization => 404.
 */
export async function scoreResponse(orgId: string, responseId: string, db?: DB): Promise<StoredScore | null> {
  const run = async (trx: DB): Promise<StoredScore | null> => {
    const response = await loadResponse(orgId, responseId, trx);
    if (response.kind !== "candidate" || !response.submitted_at) return null;
    const benchmark = await getActiveBenchmarkRow(orgId, response.position_id, trx);
    if (!benchmark) return null;
    const snapshot = parseStoredSnapshot(benchmark.snapshot_json);
    const q = await loadQuestionnaireContent(orgId, response.questionnaire_version_id, trx);
    const result = scoreCandidate(q, snapshot, toRespondentInput(q, response));
    const scoreId = await storeResult(trx, {
      orgId,
      positionId: response.position_id,
      responseId,
      benchmarkId: benchmark.id,
      questionnaireVersionId: response.questionnaire_version_id,
      q,
      result,
      algorithmVersion: snapshot.algorithmVersion,
      submittedAt: response.submitted_at,
    });
    await enqueueWebhookEvent(trx, orgId, "response.scored", {
      positionId: response.position_id,
      responseId,
      scoreId,
      benchmarkId: benchmark.id,
      algorithmVersion: snapshot.algorithmVersion,
      overall: result.overall,
      minAlignment: result.minAlignment,
      alignments: alignmentsOf(result),
      review: result.review,
      reportUrl: reportUrl(response.position_id, responseId),
    });
    return { scoreId, benchmarkId: benchmark.id, result };
  };
  if (db) return run(db);
  return serializable(getDb())
    .transaction()
    .execute((trx) => run(trx));
}

/** Re-scores every submitted candidate of the position against its active benchmark; returns how many were scored. */
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
    for (const { id } of ids) if (await scoreResponse(orgId, id, trx)) scored += 1;
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
    .select("snapshot_json")
    .where("organization_id", "=", orgId)
    .where("id", "=", score.benchmark_id)
    .executeTakeFirst();
  if (!benchmark) notFound();
  const response = await loadResponse(orgId, score.response_id, db);
  const q = await loadQuestionnaireContent(orgId, score.questionnaire_version_id, db);
  const snapshot = parseStoredSnapshot(benchmark.snapshot_json);
  // The engine scores under the snapshot's algorithm; a score always names the algorithm of its snapshot.
  if (score.algorithm_version !== snapshot.algorithmVersion) {
    throw new Error(
      `score ${scoreId} was made by ${score.algorithm_version} but its benchmark snapshot is ${snapshot.algorithmVersion}`,
    );
  }
  return scoreCandidate(q, snapshot, toRespondentInput(q, response));
}
