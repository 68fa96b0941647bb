import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/types";
import { dialectName, getDb, nowIso } from "~/utils/db.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins allowed per window, per account and per client address. */
export const MAX_FAILURES = { account: 5, ip: 20 } as const;
/** Consent POSTs (successful or not) allowed per client address per window. */
export const INVITE_POSTS_PER_WINDOW = 30;
export const INVITE_WINDOW_MS = 15 * 60 * 1000;

export type ThrottleScope = keyof typeof MAX_FAILURES;
type AttemptScope = ThrottleScope | "invite";

// PostgreSQL: the reservations of all instances take this transaction-scoped advisory lock in turn, so a count and
// the insert that follows it cannot interleave with another reservation (READ COMMITTED: each statement after the
// lock sees what the previous holder committed). SQLite: the transaction begins immediate (one writer at a time).
const RESERVATION_LOCK_ID = 0x7662_7468; // "vbth"

async function takeReservationLock(trx: Transaction<Database>): Promise<void> {
  if (dialectName(trx) === "postgres") await sql`select pg_advisory_xact_lock(${RESERVATION_LOCK_ID})`.execute(trx);
}

async function countAttempts(
  db: Transaction<Database>,
  scope: AttemptScope,
  key: string,
  since: string,
  failuresOnly: boolean,
): Promise<number> {
  let query = db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("attempted_at", ">=", since);
  if (failuresOnly) query = query.where("succeeded", "=", 0);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export type LoginReservation = { ok: true; attemptIds: number[]; at: string } | { ok: false };

/**
 * Reserves one login attempt before the (slow) password check: counts the account's and the address's failures in
 * the window and, when both are under their limit, records this attempt as a failure, in one transaction. Parallel
 * wrong passwords therefore cannot all pass the count: at most MAX_FAILURES.account of them reach the password check.
 * A successful check turns the reservation into a success (settleLoginAttempt).
 */
export async function reserveLoginAttempt(email: string, ip: string, now = new Date()): Promise<LoginReservation> {
  const since = nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const at = nowIso(now);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await takeReservationLock(trx);
      const account = await countAttempts(trx, "account", email, since, true);
      const address = await countAttempts(trx, "ip", ip, since, true);
      if (account >= MAX_FAILURES.account || address >= MAX_FAILURES.ip) return { ok: false as const };
      const rows = await trx
        .insertInto("login_attempts")
        .values([
          { scope: "account", key: email, succeeded: 0, attempted_at: at },
          { scope: "ip", key: ip, succeeded: 0, attempted_at: at },
        ])
        .returning("id")
        .execute();
      return { ok: true as const, attemptIds: rows.map((r) => Number(r.id)), at };
    });
}

/** After a correct password: the reservation counts as a success, and the account's failure streak is cleared. */
export async function settleLoginSuccess(email: string, reservation: { attemptIds: number[]; at: string }) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "in", reservation.attemptIds).execute();
      // A successful login clears the account's failure streak up to this attempt (not the address's).
      await trx
        .deleteFrom("login_attempts")
        .where("scope", "=", "account")
        .where("key", "=", email)
        .where("succeeded", "=", 0)
        .where("attempted_at", "<=", reservation.at)
        .execute();
    });
}

export type InviteReservation = { ok: true; attemptId: number } | { ok: false };

/**
 * Reserves one consent POST for a client address: counts the address's POSTs in the window and records this one
 * (as unsuccessful until settled) in one transaction, so parallel POSTs cannot all pass the count.
 */
export async function reserveInviteAttempt(ip: string, now = new Date()): Promise<InviteReservation> {
  const since = nowIso(new Date(now.getTime() - INVITE_WINDOW_MS));
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await takeReservationLock(trx);
      if ((await countAttempts(trx, "invite", ip, since, false)) >= INVITE_POSTS_PER_WINDOW)
        return { ok: false as const };
      const row = await trx
        .insertInto("login_attempts")
        .values({ scope: "invite", key: ip, succeeded: 0, attempted_at: nowIso(now) })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { ok: true as const, attemptId: Number(row.id) };
    });
}

/** Marks a reserved consent POST as successful (it still counts towards the address's limit). */
export async function settleInviteSuccess(attemptId: number): Promise<void> {
  await getDb().updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
}
