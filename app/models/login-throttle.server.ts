import { getDb, nowIso } from "~/utils/db.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed logins allowed per window, per account and per client address. */
export const MAX_FAILURES = { account: 5, ip: 20 } as const;

export type ThrottleScope = keyof typeof MAX_FAILURES;

export async function countRecentFailures(scope: ThrottleScope, key: string, now = new Date()): Promise<number> {
  const since = nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const row = await getDb()
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("succeeded", "=", 0)
    .where("attempted_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when either the account or the address has used up its failures in the window. */
export async function isLoginThrottled(email: string, ip: string, now = new Date()): Promise<boolean> {
  const [account, address] = await Promise.all([
    countRecentFailures("account", email, now),
    countRecentFailures("ip", ip, now),
  ]);
  return account >= MAX_FAILURES.account || address >= MAX_FAILURES.ip;
}

export async function recordLoginAttempt(email: string, ip: string, succeeded: boolean, now = new Date()) {
  const at = nowIso(now);
  await getDb()
    .insertInto("login_attempts")
    .values([
      { scope: "account", key: email, succeeded: succeeded ? 1 : 0, attempted_at: at },
      { scope: "ip", key: ip, succeeded: succeeded ? 1 : 0, attempted_at: at },
    ])
    .execute();
  if (succeeded) {
    // A successful login clears the account's failure streak (not the address's).
    await getDb()
      .deleteFrom("login_attempts")
      .where("scope", "=", "account")
      .where("key", "=", email)
      .where("succeeded", "=", 0)
      .execute();
  }
}
