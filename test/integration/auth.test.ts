import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { loader as appLoader } from "../../app/routes/app";
import { action as teamAction, loader as teamLoader } from "../../app/routes/app.team";
import {
  getSessionUser,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  createStaffSession,
} from "../../app/utils/session.server";
import { MAX_FAILURES } from "../../app/models/login-throttle.server";
import {
  makeOrganization,
  makeUser,
  outcome,
  postForm,
  getRequest,
  sessionCookieFor,
  TEST_PASSWORD,
} from "../factories";
import { withTestDatabase } from "../db";

const testDb = withTestDatabase();
const ctx = (ip = "10.0.0.1") => ({ clientIp: ip });

function cookieOf(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie");
  return setCookie.split(";")[0];
}

describe("login", () => {
  it("logs in with the right password, sets a hardened cookie and stores only the token's hash", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id, "admin");
    const res = await outcome(() =>
      loginAction({
        request: postForm("/login", {
          email: user.email.toUpperCase(),
          password: TEST_PASSWORD,
          redirectTo: "/app/team",
        }),
        context: ctx(),
        params: {},
      }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe("/app/team");
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = cookieOf(setCookie);
    const me = await getSessionUser(new Request("http://localhost/app", { headers: { Cookie: cookie } }));
    expect(me?.id).toBe(user.id);
    const rows = await testDb.db().selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(cookie).not.toContain(rows[0].id);
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rotates the session at every login (a new token each time)", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const first = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: TEST_PASSWORD }),
        context: ctx("10.0.0.2"),
        params: {},
      }),
    );
    const second = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: TEST_PASSWORD }),
        context: ctx("10.0.0.2"),
        params: {},
      }),
    );
    expect(cookieOf(first.headers.get("Set-Cookie"))).not.toBe(cookieOf(second.headers.get("Set-Cookie")));
  });

  it("answers a wrong password with a clear message and no cookie", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const res = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: "nope" }),
        context: ctx("10.0.0.3"),
        params: {},
      }),
    );
    expect(res.status).toBe(401);
    expect(res.data).toMatchObject({ ok: false, formError: "Email or password is incorrect." });
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("names the field when input is invalid and refuses unknown fields", async () => {
    const bad = await outcome(() =>
      loginAction({ request: postForm("/login", { email: "not-an-email", password: "" }), context: ctx(), params: {} }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      fieldErrors: { email: ["Enter a valid email address."], password: ["Enter your password."] },
    });
    const extra = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: "a@b.co", password: "x", role: "admin" }),
        context: ctx(),
        params: {},
      }),
    );
    expect(extra.status).toBe(400);
    expect(extra.data).toMatchObject({ formError: "Unexpected field: role." });
  });

  it(`throttles an account after ${MAX_FAILURES.account} failures with 429, even with the right password`, async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    for (let i = 0; i < MAX_FAILURES.account; i++) {
      const r = await outcome(() =>
        loginAction({
          request: postForm("/login", { email: user.email, password: "wrong" }),
          context: ctx(`10.1.0.${i}`),
          params: {},
        }),
      );
      expect(r.status).toBe(401);
    }
    const blocked = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: TEST_PASSWORD }),
        context: ctx("10.1.1.1"),
        params: {},
      }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.data).toMatchObject({ formError: expect.stringContaining("Too many failed attempts") });
    const stored = await testDb.db().selectFrom("login_attempts").selectAll().where("key", "=", user.email).execute();
    expect(stored.length).toBe(MAX_FAILURES.account);
  });

  // 20 full-cost scrypt checks in a row: a generous limit for a loaded machine, not a speed check.
  it(`throttles a client address after ${MAX_FAILURES.ip} failures across accounts`, { timeout: 240_000 }, async () => {
    for (let i = 0; i < MAX_FAILURES.ip; i++) {
      await outcome(() =>
        loginAction({
          request: postForm("/login", { email: `nobody${i}@x.test`, password: "wrong" }),
          context: ctx("10.9.9.9"),
          params: {},
        }),
      );
    }
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const blocked = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: TEST_PASSWORD }),
        context: ctx("10.9.9.9"),
        params: {},
      }),
    );
    expect(blocked.status).toBe(429);
    const elsewhere = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: TEST_PASSWORD }),
        context: ctx("10.9.9.8"),
        params: {},
      }),
    );
    expect(elsewhere.status).toBe(302);
  });

  it("only redirects to local paths after login", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const res = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.test/x" }),
        context: ctx("10.2.0.1"),
        params: {},
      }),
    );
    expect(res.location).toBe("/app");
  });

  it("refuses control characters in redirectTo with 400 before any session is written (no 500, no orphan session)", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    // TAB is what browsers drop from a Location header ("/\t/evil.example" becomes "//evil.example"); LF, CR, NUL and
    // VT made the redirect itself throw after the session row was written.
    for (const [name, char] of [
      ["TAB", "\t"],
      ["LF", "\n"],
      ["CR", "\r"],
      ["NUL", "\0"],
      ["VT", "\v"],
    ]) {
      const res = await outcome(() =>
        loginAction({
          request: postForm("/login", {
            email: user.email,
            password: TEST_PASSWORD,
            redirectTo: `/${char}/evil.example/phish`,
          }),
          context: ctx("10.2.0.2"),
          params: {},
        }),
      );
      expect(res.status, name).toBe(400);
      expect(res.location, name).toBeNull();
      expect(res.headers.get("Set-Cookie"), name).toBeNull();
      expect(res.data, name).toMatchObject({
        fieldErrors: { redirectTo: ["The page to return to after login contains control characters."] },
      });
    }
    const sessions = await testDb.db().selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(0);
  });

  it("redirects only to paths of the staff area on this origin, normalised; anything else goes to /app", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const cases: [string, string][] = [
      ["/app/team", "/app/team"],
      ["/app", "/app"],
      ["/app/positions/p1/results?sort=overall&page=2", "/app/positions/p1/results?sort=overall&page=2"],
      ["/%09/evil.example/phish", "/app"],
      ["//evil.example/phish", "/app"],
      ["/\\evil.example/phish", "/app"],
      ["https://evil.example/app", "/app"],
      ["/app/../evil.example", "/app"],
      ["/application", "/app"],
      ["/login", "/app"],
      ["app/team", "/app"],
    ];
    for (const [redirectTo, expected] of cases) {
      const res = await outcome(() =>
        loginAction({
          request: postForm("/login", { email: user.email, password: TEST_PASSWORD, redirectTo }),
          context: ctx("10.2.0.3"),
          params: {},
        }),
      );
      expect(res.status, redirectTo).toBe(302);
      expect(res.location, redirectTo).toBe(expected);
    }
  });

  it("puts only a checked target into the login form's hidden field", async () => {
    const crafted = await outcome(() =>
      loginLoader({ request: getRequest("/login?redirectTo=%2F%09%2Fevil.example%2Fphish"), context: {}, params: {} }),
    );
    expect(crafted.data).toMatchObject({ redirectTo: "/app" });
    const fine = await outcome(() =>
      loginLoader({ request: getRequest("/login?redirectTo=%2Fapp%2Fteam"), context: {}, params: {} }),
    );
    expect(fine.data).toMatchObject({ redirectTo: "/app/team" });
  });

  it("sends a signed-in user from /login to /app", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const cookie = await sessionCookieFor(user.id);
    const res = await outcome(() => loginLoader({ request: getRequest("/login", cookie), context: {}, params: {} }));
    expect(res.location).toBe("/app");
  });
});

describe("sessions", () => {
  it("expires after 30 idle minutes and after 12 hours in all", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const start = new Date("2026-01-01T08:00:00Z");
    const cookie = (await createStaffSession(user.id, start)).split(";")[0];
    const req = () => new Request("http://localhost/app", { headers: { Cookie: cookie } });
    // active every 20 minutes: still valid at 11h40 ...
    for (let minutes = 20; minutes <= 700; minutes += 20) {
      const at = new Date(start.getTime() + minutes * 60_000);
      expect((await getSessionUser(req(), at))?.id, `at +${minutes} min`).toBe(user.id);
    }
    // ... but not past 12 h even though it was used 20 minutes ago
    expect(await getSessionUser(req(), new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();

    const other = (await createStaffSession(user.id, start)).split(";")[0];
    const req2 = new Request("http://localhost/app", { headers: { Cookie: other } });
    expect(await getSessionUser(req2, new Date(start.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    const idleFromLastUse = new Date(start.getTime() + SESSION_IDLE_MS - 1000 + SESSION_IDLE_MS + 1000);
    expect(await getSessionUser(req2, idleFromLastUse)).toBeNull();
  });

  it("logout deletes the session server-side", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id);
    const cookie = await sessionCookieFor(user.id);
    const res = await outcome(() =>
      logoutAction({ request: postForm("/logout", {}, cookie), context: {}, params: {} }),
    );
    expect(res.status).toBe(302);
    expect(await getSessionUser(getRequest("/app", cookie))).toBeNull();
  });

  it("redirects the staff area to /login without a session", async () => {
    const res = await outcome(() => appLoader({ request: getRequest("/app/team"), context: {}, params: {} }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Fapp%2Fteam");
  });
});

describe("team (admin only)", () => {
  it("lets an admin add a recruiter to their own organization, audited", async () => {
    const org = await makeOrganization();
    const admin = await makeUser(org.id, "admin");
    const cookie = await sessionCookieFor(admin.id);
    const res = await outcome(() =>
      teamAction({
        request: postForm(
          "/app/team",
          {
            name: "New Person",
            email: "New.Person@Example.test",
            role: "recruiter",
            password: "a-long-enough-password",
          },
          cookie,
        ),
        context: {},
        params: {},
      }),
    );
    expect(res.status).toBe(200);
    const row = await testDb
      .db()
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "new.person@example.test")
      .executeTakeFirstOrThrow();
    expect(row.organization_id).toBe(org.id);
    expect(row.role).toBe("recruiter");
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "staff.added")
      .where("target_id", "=", row.id)
      .execute();
    expect(audit).toHaveLength(1);
    const list = await outcome(() => teamLoader({ request: getRequest("/app/team", cookie), context: {}, params: {} }));
    expect((list.data as { users: { email: string }[] }).users.map((u) => u.email)).toContain(
      "new.person@example.test",
    );
  });

  it("refuses a recruiter with 403 and a short password with a field error", async () => {
    const org = await makeOrganization();
    const recruiter = await makeUser(org.id, "recruiter");
    const admin = await makeUser(org.id, "admin");
    const recruiterCookie = await sessionCookieFor(recruiter.id);
    const adminCookie = await sessionCookieFor(admin.id);
    const denied = await outcome(() =>
      teamLoader({ request: getRequest("/app/team", recruiterCookie), context: {}, params: {} }),
    );
    expect(denied.status).toBe(403);
    const deniedPost = await outcome(() =>
      teamAction({
        request: postForm(
          "/app/team",
          { name: "X", email: "x@y.test", role: "admin", password: "a-long-enough-password" },
          recruiterCookie,
        ),
        context: {},
        params: {},
      }),
    );
    expect(deniedPost.status).toBe(403);
    const short = await outcome(() =>
      teamAction({
        request: postForm(
          "/app/team",
          { name: "X", email: "x@y.test", role: "recruiter", password: "short" },
          adminCookie,
        ),
        context: {},
        params: {},
      }),
    );
    expect(short.status).toBe(400);
    expect(short.data).toMatchObject({
      fieldErrors: { password: ["Use at least 12 characters for the temporary password."] },
    });
    expect(await testDb.db().selectFrom("users").select("id").where("email", "=", "x@y.test").execute()).toHaveLength(
      0,
    );
  });

  it("lists only the user's own organization's staff", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const adminA = await makeUser(a.id, "admin");
    const inB = await makeUser(b.id, "recruiter");
    const cookieA = await sessionCookieFor(adminA.id);
    const list = await outcome(() =>
      teamLoader({ request: getRequest("/app/team", cookieA), context: {}, params: {} }),
    );
    const emails = (list.data as { users: { email: string }[] }).users.map((u) => u.email);
    expect(emails).toContain(adminA.email);
    expect(emails).not.toContain(inB.email);
  });
});

describe("organizations never see each other's records", () => {
  it("answers 404 (not 403) for a team member of another organization, for reads and writes", async () => {
    const { loader, action } = await import("../../app/routes/app.team.$userId");
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const adminA = await makeUser(a.id, "admin");
    const memberB = await makeUser(b.id, "recruiter");
    const cookieA = await sessionCookieFor(adminA.id);
    const read = await outcome(() =>
      loader({ request: getRequest(`/app/team/${memberB.id}`, cookieA), context: {}, params: { userId: memberB.id } }),
    );
    expect(read.status).toBe(404);
    const write = await outcome(() =>
      action({
        request: postForm(`/app/team/${memberB.id}`, { intent: "disable" }, cookieA),
        context: {},
        params: { userId: memberB.id },
      }),
    );
    expect(write.status).toBe(404);
    const row = await testDb
      .db()
      .selectFrom("users")
      .select("disabled_at")
      .where("id", "=", memberB.id)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });

  it("disabling a member of one's own organization ends their sessions", async () => {
    const { action } = await import("../../app/routes/app.team.$userId");
    const org = await makeOrganization();
    const admin = await makeUser(org.id, "admin");
    const member = await makeUser(org.id, "recruiter");
    const memberCookie = await sessionCookieFor(member.id);
    const adminCookie = await sessionCookieFor(admin.id);
    expect(await getSessionUser(getRequest("/app", memberCookie))).not.toBeNull();
    const res = await outcome(() =>
      action({
        request: postForm(`/app/team/${member.id}`, { intent: "disable" }, adminCookie),
        context: {},
        params: { userId: member.id },
      }),
    );
    expect(res.location).toBe("/app/team");
    expect(await getSessionUser(getRequest("/app", memberCookie))).toBeNull();
  });
});
