// The webhook delivery worker (issue 20). Every server process runs one timer (startWebhookDelivery, from server.js)
// that claims due outbox rows and sends them. A claim is one conditional UPDATE (still pending, still due, attempts
// unchanged) that moves next_attempt_at a lease ahead, so two processes on one PostgreSQL database never send the
// same row at once, and a process that dies mid-send leaves the row to be sent again once the lease ends (receivers
// deduplicate on webhook-id). Failures are retried with growing delays for about a day, then the row is "failed".
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { webhookHeaders } from "~/utils/webhook-signature.server";

/** Delay before retry n (after attempt n failed): 5 s, 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h — about 22 h in all. */
export const WEBHOOK_RETRY_DELAYS_MS = [
  5_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
] as const;
/** The first attempt and one per retry delay; after the last one fails the delivery is "failed". */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
/** A receiver that has not answered (headers) within this is a failed attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How long a claimed row stays out of other workers' reach: well above the timeout. */
export const WEBHOOK_LEASE_MS = 60_000;
/** Rows claimed per round. */
const CLAIM_BATCH = 20;
/** How often each process looks for due rows. */
export const WEBHOOK_POLL_MS = 1_000;
const MAX_ERROR_CHARS = 500;
const USER_AGENT = "valuebench-webhooks/1";

type ClaimedDelivery = {
  id: string;
  organization_id: string;
  kind: "webhook" | "greenhouse";
  endpoint_id: string | null;
  target_url: string | null;
  payload_json: string;
  attempts: number;
};

type OutgoingRequest = { url: string; method: "POST" | "PATCH"; headers: Record<string, string>; body?: string };

/**
 * Claims up to `limit` due rows for this worker; each claimed row's attempt count already includes this attempt.
 * The worker serves every organization (its cross-organization read); each row is then handled with its own
 * organization id.
 */
export async function claimDueDeliveries(now: Date, limit = CLAIM_BATCH, db: DB = getDb()): Promise<ClaimedDelivery[]> {
  const due = await db
    .selectFrom("webhook_deliveries")
    .select(["id", "organization_id", "kind", "endpoint_id", "target_url", "payload_json", "attempts"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", nowIso(now))
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  const claimed: ClaimedDelivery[] = [];
  for (const row of due) {
    const result = await db
      .updateTable("webhook_deliveries")
      .set({
        attempts: row.attempts + 1,
        last_attempt_at: nowIso(now),
        next_attempt_at: nowIso(new Date(now.getTime() + WEBHOOK_LEASE_MS)),
      })
      .where("id", "=", row.id)
      .where("organization_id", "=", row.organization_id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", nowIso(now))
      .where("attempts", "=", row.attempts)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push({ ...row, attempts: row.attempts + 1 });
  }
  return claimed;
}

/** The HTTP request of a claimed row, or a reason it cannot be sent (the row then fails without retries). */
async function outgoingRequest(row: ClaimedDelivery, now: Date, db: DB): Promise<OutgoingRequest | string> {
  if (row.kind === "webhook") {
    if (!row.endpoint_id) return "The delivery has no endpoint.";
    const endpoint = await db
      .selectFrom("webhook_endpoints")
      .select(["url", "secret", "disabled_at"])
      .where("organization_id", "=", row.organization_id)
      .where("id", "=", row.endpoint_id)
      .executeTakeFirst();
    if (!endpoint || endpoint.disabled_at) return "The endpoint was disabled.";
    return {
      url: endpoint.url,
      method: "POST",
      headers: {
        ...webhookHeaders(endpoint.secret, row.id, now, row.payload_json),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
      },
      body: row.payload_json,
    };
  }
  // Greenhouse's "PATCH Completed Test": no body, HTTP Basic with the organization's API key as the user name.
  const test = await db
    .selectFrom("greenhouse_tests")
    .select("callback_key")
    .where("organization_id", "=", row.organization_id)
    .where("callback_url", "=", row.target_url ?? "")
    .executeTakeFirst();
  if (!test || !row.target_url) return "The Greenhouse test of this callback is gone.";
  return {
    url: row.target_url,
    method: "PATCH",
    headers: {
      Authorization: `Basic ${Buffer.from(`${test.callback_key}:`).toString("base64")}`,
      "User-Agent": USER_AGENT,
    },
  };
}

export type AttemptOutcome = "delivered" | "retry" | "failed";

/** One HTTP attempt: 2xx within the timeout is delivered; anything else (3xx too: redirects are not followed) fails. */
async function send(request: OutgoingRequest): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `The receiver answered HTTP ${response.status}.` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const text =
      error instanceof Error && error.name === "TimeoutError"
        ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.`
        : `Could not reach the receiver (${cause?.code ?? cause?.message ?? (error as Error).message}).`;
    return { ok: false, status: null, error: text.slice(0, MAX_ERROR_CHARS) };
  }
}

/** Sends one claimed row and records the outcome; `now` is the attempt's clock (signature time, next retry). */
export async function attemptDelivery(row: ClaimedDelivery, now: Date, db: DB = getDb()): Promise<AttemptOutcome> {
  const request = await outgoingRequest(row, now, db);
  const result = typeof request === "string" ? { ok: false, status: null, error: request } : await send(request);
  const retryable = typeof request !== "string" && row.attempts < WEBHOOK_MAX_ATTEMPTS;
  const outcome: AttemptOutcome = result.ok ? "delivered" : retryable ? "retry" : "failed";
  const next = outcome === "retry" ? new Date(now.getTime() + WEBHOOK_RETRY_DELAYS_MS[row.attempts - 1]) : now;
  await db
    .updateTable("webhook_deliveries")
    .set({
      status: outcome === "retry" ? "pending" : outcome,
      next_attempt_at: nowIso(next),
      last_status_code: result.status,
      last_error: result.error,
      delivered_at: result.ok ? nowIso(now) : null,
    })
    .where("id", "=", row.id)
    .where("organization_id", "=", row.organization_id)
    .where("attempts", "=", row.attempts)
    .where("status", "=", "pending")
    .execute();
  return outcome;
}

/** One round: claims the due rows and sends them side by side. Returns what happened to each. */
export async function deliverDueWebhooks(now = new Date(), db: DB = getDb()): Promise<Record<AttemptOutcome, number>> {
  const claimed = await claimDueDeliveries(now, CLAIM_BATCH, db);
  const outcomes = await Promise.all(claimed.map((row) => attemptDelivery(row, now, db)));
  const counts: Record<AttemptOutcome, number> = { delivered: 0, retry: 0, failed: 0 };
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

/** Delivered and failed messages are kept this long for the delivery log, then deleted. */
export const WEBHOOK_LOG_DAYS = 30;
/** How often each process deletes the old ones. */
const PRUNE_EVERY_MS = 60 * 60_000;

/** Deletes delivered and failed messages (of every organization) older than WEBHOOK_LOG_DAYS; returns how many. */
export async function pruneWebhookDeliveries(now = new Date(), db: DB = getDb()): Promise<number> {
  const before = nowIso(new Date(now.getTime() - WEBHOOK_LOG_DAYS * 24 * 60 * 60_000));
  const result = await db
    .deleteFrom("webhook_deliveries")
    .where("status", "in", ["delivered", "failed"])
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const holder = globalThis as unknown as { __valuebenchWebhookTimer?: NodeJS.Timeout };

/**
 * Starts this process's delivery timer (once; server.js calls it at start). Rounds never overlap; a failing round
 * (database busy) is logged and the next one tries again. Returns a function that stops the timer.
 */
export function startWebhookDelivery(intervalMs = WEBHOOK_POLL_MS): () => void {
  if (!holder.__valuebenchWebhookTimer) {
    let running = false;
    let lastError = "";
    let prunedAt = 0;
    const round = async () => {
      await deliverDueWebhooks();
      if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneWebhookDeliveries();
      }
    };
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      round()
        .then(() => (lastError = ""))
        .catch((error: unknown) => {
          const text = error instanceof Error ? error.message : String(error);
          if (text !== lastError) console.error("Webhook delivery round failed:", text);
          lastError = text;
        })
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    holder.__valuebenchWebhookTimer = timer;
  }
  return () => {
    clearInterval(holder.__valuebenchWebhookTimer);
    holder.__valuebenchWebhookTimer = undefined;
  };
}
