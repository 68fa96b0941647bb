// `Idempotency-Key` of the public API's POSTs (issue 20): the first answer to a key is stored per organization for
// 24 hours; the same key with the same request gets that answer again (nothing is created twice), the same key with
// another request gets 422. Answers of 5xx are not stored (the client may retry them). A stored answer of an
// invitation holds its links (the only place a raw invitation token is kept, for the replay): expired keys are
// deleted at every keyed call.
import crypto from "node:crypto";
import { getDb, nowIso } from "~/utils/db.server";
import { problem } from "~/utils/api/problem.server";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export type StoredAnswer = { status: number; body: unknown };

/** JSON with object keys sorted, so the same body sent with its keys in another order hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The hash a replay must match: method, path and the JSON body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return crypto
    .createHash("sha256")
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest("hex");
}

/** The header's key, or null when absent; a 400 problem when it is empty or too long. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get("Idempotency-Key");
  if (key === null) return null;
  const trimmed = key.trim();
  if (trimmed === "" || trimmed.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw problem(400, `The Idempotency-Key header must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  }
  return trimmed;
}

/**
 * Runs `run` once per (organization, key): a replay within 24 h returns the stored answer with `replayed: true`;
 * another request under the same key is a 422 problem. Without a key, just runs.
 */
export async function withIdempotency(
  orgId: string,
  key: string | null,
  hash: string,
  run: () => Promise<StoredAnswer>,
  now = new Date(),
): Promise<StoredAnswer & { replayed: boolean }> {
  if (key === null) return { ...(await run()), replayed: false };
  const db = getDb();
  // Stored answers may hold invitation links: none outlives its 24 hours by more than until the next keyed call.
  await purgeExpiredIdempotencyKeys(now);
  const existing = await db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("key", "=", key)
    .executeTakeFirst();
  if (existing && now.getTime() - new Date(existing.created_at).getTime() < IDEMPOTENCY_TTL_MS) {
    if (existing.request_hash !== hash) {
      throw problem(
        422,
        "This Idempotency-Key was already used with a different request; use a new key for a new request.",
        { slug: "idempotency-key-reused", title: "Idempotency key reused" },
      );
    }
    return { status: existing.response_status, body: JSON.parse(existing.response_body), replayed: true };
  }
  if (existing) {
    await db
      .deleteFrom("idempotency_keys")
      .where("organization_id", "=", orgId)
      .where("key", "=", key)
      .where("created_at", "=", existing.created_at)
      .execute();
  }
  const answer = await run();
  if (answer.status < 500) {
    await db
      .insertInto("idempotency_keys")
      .values({
        organization_id: orgId,
        key,
        request_hash: hash,
        response_status: answer.status,
        response_body: JSON.stringify(answer.body),
        created_at: nowIso(now),
      })
      .onConflict((oc) => oc.columns(["organization_id", "key"]).doNothing())
      .execute();
  }
  return { ...answer, replayed: false };
}

/** Deletes keys older than 24 h (run with the retention purge). */
export async function purgeExpiredIdempotencyKeys(now = new Date()): Promise<number> {
  const result = await getDb()
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", nowIso(new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
