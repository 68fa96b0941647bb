// Issue 15, item 3: the throttles reserve an attempt (count and record in one transaction) before the slow part, so
// requests fired in parallel cannot all pass the count. On SQLite the password check (async scrypt on the thread
// pool) and on PostgreSQL the pool let these requests interleave, so counting first and recording after let all of
// them through.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { action as inviteAction } from "../../app/routes/i.$token";
import { INVITE_POSTS_PER_WINDOW, MAX_FAILURES } from "../../app/models/login-throttle.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { invite, makeRecruiterWithPosition } from "../factories-answering";
import { makeOrganization, makeUser, outcome, postForm } from "../factories";

withTestDatabase();
// Up to 20 full-cost scrypt checks (128 MiB each, four at a time on the thread pool) on a shared machine.
const SCRYPT_HEAVY = { timeout: 240_000 };

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

async function failedLoginAudits(email: string): Promise<number> {
  const rows = await getDb()
    .selectFrom("audit_log")
    .select("id")
    .where("action", "=", "login.failed")
    .where("actor_label", "=", email)
    .execute();
  return rows.length;
}

function wrongLogin(email: string, ip: string) {
  return outcome(() =>
    loginAction({
      request: postForm("/login", { email, password: "wrong password" }),
      context: { clientIp: ip },
      params: {},
    }),
  );
}

describe("login throttling under concurrency", () => {
  it(
    `lets exactly ${MAX_FAILURES.account} of 12 parallel wrong passwords for one account reach the password check`,
    SCRYPT_HEAVY,
    async () => {
      const org = await makeOrganization();
      const user = await makeUser(org.id);
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => wrongLogin(user.email, `10.20.0.${i}`)));
      // 5 checked and wrong (401), the other 7 refused before the check (429)
      expect(tally(results.map((r) => r.status))).toEqual({ 401: 5, 429: 7 });
      expect(await failedLoginAudits(user.email)).toBe(5);
      const stored = await getDb()
        .selectFrom("login_attempts")
        .select("id")
        .where("scope", "=", "account")
        .where("key", "=", user.email)
        .execute();
      expect(stored).toHaveLength(5);
    },
  );

  it(
    `lets exactly ${MAX_FAILURES.ip} of 26 parallel wrong logins from one address (26 accounts) through`,
    SCRYPT_HEAVY,
    async () => {
      const emails = Array.from({ length: 26 }, (_, i) => `parallel-${i}@nobody.test`);
      const results = await Promise.all(emails.map((email) => wrongLogin(email, "10.21.0.1")));
      expect(tally(results.map((r) => r.status))).toEqual({ 401: 20, 429: 6 });
      let checked = 0;
      for (const email of emails) checked += await failedLoginAudits(email);
      expect(checked).toBe(20);
    },
  );
});

describe("consent throttling under concurrency", () => {
  it(`answers at most ${INVITE_POSTS_PER_WINDOW} of 36 parallel consent POSTs from one address`, async () => {
    const { org, positionId, recruiter } = await makeRecruiterWithPosition();
    const { token } = await invite(org.id, positionId, recruiter.id);
    // Without the consent box ticked each POST is a 400 (and still counts); beyond the limit a 429.
    const results = await Promise.all(
      Array.from({ length: 36 }, () =>
        outcome(() =>
          inviteAction({
            request: postForm(`/i/${token}`, {}),
            params: { token },
            context: { clientIp: "192.0.2.50" },
          }),
        ),
      ),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 400: 30, 429: 6 });
    const stored = await getDb()
      .selectFrom("login_attempts")
      .select("id")
      .where("scope", "=", "invite")
      .where("key", "=", "192.0.2.50")
      .execute();
    expect(stored).toHaveLength(30);
  });
});
