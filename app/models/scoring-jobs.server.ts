// Durable "to score" marks (issue 15, items 10 and 11). A candidate's submit and a benchmark activation write the mark
// of every response they leave to be scored in their own transaction; the transaction that stores a score deletes
// its mark. So a crash between the two leaves the mark, and the server resumes it at start; a failed attempt keeps
// the mark with its error and attempt count, shown on the results page with a retry button.
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, withBulkWriteCache, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import type { ScoringJobReason } from "../../db/types";
import { scoreResponse, scoreResponses, TABLE_ALL_FROM } from "./score.server";

/**
 * Responses scored per transaction when many marks are cleared together (benchmark activation, server start): read,
 * scored and written with a few statements per batch (score.server.ts scoreResponses).
 */
export const SCORING_BATCH_SIZE = 2500;
/** The stored error text of a failed attempt is cut to this many characters. */
const MAX_ERROR_CHARS = 500;
/** Failures listed on a position's results page (the oldest beyond this are counted, not listed). */
export const LISTED_FAILURES = 100;

export type ScoringTrigger = { actorUserId: string | null; actorLabel: string; trigger: "server-start" | "button" };

export type ScoringOutcome =
  | { status: "scored" }
  /** Nothing to score (not a submitted candidate, or the position has no active benchmark): the mark is gone. */
  | { status: "nothing-to-score" }
  /** Another run (another instance, an earlier request) already cleared the mark. */
  | { status: "gone" }
  /** `attempts` is null when even the failure could not be written (the mark then stays as it was). */
  | { status: "failed"; error: string; attempts: number | null };

function errorText(error: unknown): string {
  const text =
    error instanceof Error ? error.message : error instanceof Response ? `HTTP ${error.status}` : String(error);
  return text.slice(0, MAX_ERROR_CHARS);
}

/** Marks one submitted response "to score"; call inside the submit transaction. A mark already there is kept. */
export async function markForScoring(
  db: DB,
  job: { organizationId: string; positionId: string; responseId: string; reason: ScoringJobReason },
  now = new Date(),
): Promise<void> {
  await db
    .insertInto("scoring_jobs")
    .values({
      response_id: job.responseId,
      organization_id: job.organizationId,
      position_id: job.positionId,
      reason: job.reason,
      created_at: nowIso(now),
    })
    .onConflict((oc) => oc.column("response_id").doNothing())
    .execute();
}

/**
 * Marks every submitted candidate of the position "to score" (call inside the activation transaction); an earlier
 * failure is reset, since the new benchmark is a new attempt. Returns how many responses are marked.
 */
export async function markPositionForScoring(
  db: DB,
  orgId: string,
  positionId: string,
  now = new Date(),
): Promise<number> {
  const at = nowIso(now);
  const reason: ScoringJobReason = "benchmark-activated";
  const result = await db
    .insertInto("scoring_jobs")
    .columns(["response_id", "organization_id", "position_id", "reason", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("responses")
        .select((s) => ["id", "organization_id", "position_id", s.val(reason).as("reason"), s.val(at).as("created_at")])
        .where("organization_id", "=", orgId)
        .where("position_id", "=", positionId)
        .where("kind", "=", "candidate")
        .where("submitted_at", "is not", null),
    )
    .onConflict((oc) =>
      oc.column("response_id").doUpdateSet({ reason, attempts: 0, last_error: null, last_attempt_at: null }),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

async function jobExists(db: DB, orgId: string, responseId: string) {
  return db
    .selectFrom("scoring_jobs")
    .select(["response_id", "attempts", "reason"])
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .executeTakeFirst();
}

/**
 * Scores a response and deletes its mark, inside the caller's transaction. With `onlyIfMarked`, a response without a
 * mark is left alone ("gone"): a second instance (or a retried transaction) that finds the mark cleared does nothing.
 */
async function scoreAndClear(
  trx: DB,
  orgId: string,
  responseId: string,
  onlyIfMarked = true,
): Promise<"scored" | "nothing-to-score" | "gone"> {
  if (onlyIfMarked && !(await jobExists(trx, orgId, responseId))) return "gone";
  const stored = await scoreResponse(orgId, responseId, trx);
  await trx
    .deleteFrom("scoring_jobs")
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .execute();
  return stored ? "scored" : "nothing-to-score";
}

/**
 * scoreAndClear for a batch of marked responses, with a few statements for the batch: the marks still there are read,
 * their responses scored and stored together (scoreResponses), and their marks deleted. Returns how many were scored.
 */
async function scoreAndClearBatch(
  trx: DB,
  orgId: string,
  responseIds: readonly string[],
  tableAll: boolean,
): Promise<number> {
  const marked = await trx
    .selectFrom("scoring_jobs")
    .select("response_id")
    .where("organization_id", "=", orgId)
    .where("response_id", "in", responseIds)
    .execute();
  const stillMarked = new Set(marked.map((m) => m.response_id));
  const ids = responseIds.filter((id) => stillMarked.has(id));
  if (ids.length === 0) return 0;
  const stored = await scoreResponses(trx, orgId, ids, { tableAll });
  await trx.deleteFrom("scoring_jobs").where("organization_id", "=", orgId).where("response_id", "in", ids).execute();
  return stored.length;
}

/**
 * Keeps the mark with the error and one more attempt, audited as score.failed (its own transaction); a submitted
 * candidate response without a mark gets one, so a failure is never only logged.
 */
async function recordFailure(
  orgId: string,
  responseId: string,
  error: unknown,
  retry: ScoringTrigger | undefined,
  now: Date,
): Promise<ScoringOutcome> {
  const text = errorText(error);
  console.error("scoring failed", responseId, error);
  return serializable(getDb())
    .transaction()
    .execute(async (trx): Promise<ScoringOutcome> => {
      let job = await jobExists(trx, orgId, responseId);
      if (!job) {
        const response = await trx
          .selectFrom("responses")
          .select(["position_id"])
          .where("organization_id", "=", orgId)
          .where("id", "=", responseId)
          .where("kind", "=", "candidate")
          .where("submitted_at", "is not", null)
          .executeTakeFirst();
        if (!response) return { status: "gone" };
        const mark = { organizationId: orgId, positionId: response.position_id, responseId };
        await markForScoring(trx, { ...mark, reason: "submitted" }, now);
        job = { response_id: responseId, attempts: 0, reason: "submitted" };
      }
      const attempts = job.attempts + 1;
      await trx
        .updateTable("scoring_jobs")
        .set({ attempts, last_error: text, last_attempt_at: nowIso(now) })
        .where("organization_id", "=", orgId)
        .where("response_id", "=", responseId)
        .execute();
      const actor = retry ?? { actorUserId: null, actorLabel: "valuebench (scoring)" };
      if (retry) await auditRetry(trx, orgId, responseId, retry, "failed");
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.actorUserId,
          actorLabel: actor.actorLabel,
          action: "score.failed",
          targetType: "response",
          targetId: responseId,
          details: { error: text, attempts, reason: job.reason },
        },
        trx,
      );
      return { status: "failed", error: text, attempts };
    });
}

async function auditRetry(trx: DB, orgId: string, responseId: string, retry: ScoringTrigger, outcome: string) {
  await recordAudit(
    {
      organizationId: orgId,
      actorUserId: retry.actorUserId,
      actorLabel: retry.actorLabel,
      action: "score.retried",
      targetType: "response",
      targetId: responseId,
      details: { trigger: retry.trigger, outcome },
    },
    trx,
  );
}

/**
 * Runs the mark of one response: scores it and deletes the mark in one transaction, or keeps the mark with the error
 * (score.failed). `retry` (server start, the results page's button) is audited as score.retried with its outcome.
 * `onlyIfMarked: false` (right after the submit) scores the response even when no mark is found. Never throws for a
 * scoring error; the mark stays for the next start or the button.
 */
export async function runScoringJob(
  orgId: string,
  responseId: string,
  options: { retry?: ScoringTrigger; onlyIfMarked?: boolean } = {},
  now = new Date(),
): Promise<ScoringOutcome> {
  const { retry, onlyIfMarked = true } = options;
  try {
    const status = await serializable(getDb())
      .transaction()
      .execute(async (trx) => {
        const done = await scoreAndClear(trx, orgId, responseId, onlyIfMarked);
        if (retry && done !== "gone") await auditRetry(trx, orgId, responseId, retry, done);
        return done;
      });
    return { status };
  } catch (error) {
    try {
      return await recordFailure(orgId, responseId, error, retry, now);
    } catch (recordError) {
      // The database refuses writes for now (busy, full, read-only): the mark stays as it was for the next start.
      console.error("recording the scoring failure failed", responseId, recordError);
      return { status: "failed", error: errorText(error), attempts: null };
    }
  }
}

/**
 * Runs the marks of many responses of one organization, SCORING_BATCH_SIZE per transaction (one transaction per
 * response would cost a disk sync each); a batch that fails is run again one response at a time, so one response
 * that cannot be scored keeps its mark and error without holding back the others. Returns how many were scored.
 * More than one batch runs with a larger SQLite page cache (withBulkWriteCache).
 */
export async function runScoringJobs(orgId: string, responseIds: readonly string[], now = new Date()): Promise<number> {
  if (responseIds.length <= SCORING_BATCH_SIZE) return runScoringBatches(orgId, responseIds, now);
  return withBulkWriteCache(getDb(), () => runScoringBatches(orgId, responseIds, now));
}

async function runScoringBatches(orgId: string, responseIds: readonly string[], now: Date): Promise<number> {
  let scored = 0;
  const tableAll = responseIds.length >= TABLE_ALL_FROM;
  for (let start = 0; start < responseIds.length; start += SCORING_BATCH_SIZE) {
    const batch = responseIds.slice(start, start + SCORING_BATCH_SIZE);
    try {
      scored += await serializable(getDb())
        .transaction()
        .execute((trx) => scoreAndClearBatch(trx, orgId, batch, tableAll));
    } catch {
      for (const id of batch) if ((await runScoringJob(orgId, id, {}, now)).status === "scored") scored += 1;
    }
  }
  return scored;
}

/** The marked responses of a position, oldest mark first (what activation left to score). */
export async function listMarkedResponses(orgId: string, positionId: string, db: DB = getDb()): Promise<string[]> {
  const rows = await db
    .selectFrom("scoring_jobs")
    .select("response_id")
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .orderBy("created_at")
    .orderBy("response_id")
    .execute();
  return rows.map((r) => r.response_id);
}

const SERVER_START: Omit<ScoringTrigger, "trigger"> = { actorUserId: null, actorLabel: "valuebench (server start)" };

/**
 * Called once when the server starts (server.js): runs every mark left behind, of every organization (the one
 * cross-organization read of this module; each mark is then run with its own organization id). Marks never tried
 * (a crash right after the submit or the activation) run in batches; failed ones are retried one by one and audited.
 * Returns how many were scored and how many marks still carry an error.
 */
export async function resumePendingScoring(now = new Date()): Promise<{ scored: number; failed: number }> {
  const jobs = await getDb()
    .selectFrom("scoring_jobs")
    .select(["organization_id", "response_id", "attempts"])
    .orderBy("created_at")
    .orderBy("response_id")
    .execute();
  let scored = 0;
  const fresh = new Map<string, string[]>();
  for (const job of jobs) {
    if (job.attempts === 0) {
      const ids = fresh.get(job.organization_id) ?? [];
      ids.push(job.response_id);
      fresh.set(job.organization_id, ids);
      continue;
    }
    const retry: ScoringTrigger = { ...SERVER_START, trigger: "server-start" };
    if ((await runScoringJob(job.organization_id, job.response_id, { retry }, now)).status === "scored") scored += 1;
  }
  for (const [orgId, ids] of fresh) scored += await runScoringJobs(orgId, ids, now);
  const failed = await getDb()
    .selectFrom("scoring_jobs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("last_error", "is not", null)
    .executeTakeFirstOrThrow();
  return { scored, failed: Number(failed.n) };
}

export type ScoringFailure = {
  responseId: string;
  name: string;
  error: string;
  attempts: number;
  lastAttemptAt: string | null;
};

/** The position's candidates whose scoring failed (newest attempt first) and how many there are in all. */
export async function listScoringFailures(
  orgId: string,
  positionId: string,
): Promise<{ failures: ScoringFailure[]; total: number }> {
  const base = getDb()
    .selectFrom("scoring_jobs as j")
    .where("j.organization_id", "=", orgId)
    .where("j.position_id", "=", positionId)
    .where("j.last_error", "is not", null);
  const rows = await base
    .innerJoin("responses as r", "r.id", "j.response_id")
    .select(["j.response_id", "r.respondent_label", "j.last_error", "j.attempts", "j.last_attempt_at"])
    .where("r.organization_id", "=", orgId)
    .orderBy("j.last_attempt_at", "desc")
    .orderBy("j.response_id")
    .limit(LISTED_FAILURES)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return {
    failures: rows.map((r) => ({
      responseId: r.response_id,
      name: r.respondent_label,
      error: r.last_error ?? "",
      attempts: r.attempts,
      lastAttemptAt: r.last_attempt_at,
    })),
    total: Number(total.n),
  };
}

/**
 * The results page's retry button: runs the mark of one response of this position again, audited (score.retried and,
 * when it fails again, score.failed). A response without a mark in this organization and position => 404.
 */
export async function retryScoring(
  orgId: string,
  positionId: string,
  responseId: string,
  actor: { userId: string; label: string },
): Promise<ScoringOutcome> {
  const job = await getDb()
    .selectFrom("scoring_jobs")
    .select("response_id")
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("response_id", "=", responseId)
    .executeTakeFirst();
  if (!job) throw new Response("Not found", { status: 404 });
  const retry: ScoringTrigger = { actorUserId: actor.userId, actorLabel: actor.label, trigger: "button" };
  return runScoringJob(orgId, responseId, { retry });
}
