// First run of a deployment without the demo (issue 15, item 5): a database without staff accounts gets a one-time
// token that /setup exchanges for the first organization and its admin; once anyone exists /setup is a 404.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { action as setupAction, loader as setupLoader } from "../../app/routes/setup";
import {
  announceFirstRunSetup,
  completeFirstRun,
  issueSetupToken,
  SETUP_TOKEN_TTL_MS,
} from "../../app/models/first-run.server";
import { MAX_FAILURES } from "../../app/models/login-throttle.server";
import { getSessionUser } from "../../app/utils/session.server";
import { sha256Hex } from "../../app/utils/tokens.server";
import { getRequest, outcome, postForm } from "../factories";
import { withTestDatabase } from "../db";

const testDb = withTestDatabase();
const ctx = (ip: string) => ({ clientIp: ip });
const ADMIN_PASSWORD = "first admin's long password";

function setupForm(token: string, overrides: Record<string, string> = {}) {
  return postForm("/setup", {
    token,
    organizationName: "Fabrikam Help Desk",
    name: "Fiona First",
    email: "Fiona@Fabrikam.example",
    password: ADMIN_PASSWORD,
    ...overrides,
  });
}

async function rowCounts() {
  const count = async (table: "organizations" | "users" | "sessions" | "setup_tokens") =>
    Number(
      (
        await testDb
          .db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organizations: await count("organizations"),
    users: await count("users"),
    sessions: await count("sessions"),
    setupTokens: await count("setup_tokens"),
  };
}

// The cases run in order on one database: refusals first (no users yet), then the setup, then what follows it.
describe("first-run /setup", () => {
  it("prints a one-time link at server start and stores only the token's SHA-256, valid 24 hours", async () => {
    const lines: string[] = [];
    const before = Date.now();
    await announceFirstRunSetup((line) => lines.push(line));
    const link = lines.map((l) => /(http:\/\/localhost:\d+\/setup\?token=([A-Za-z0-9_-]+))/.exec(l)).find(Boolean);
    expect(link, lines.join("\n")).toBeTruthy();
    const token = link![2];
    expect(token).toHaveLength(43); // 32 random bytes, base64url
    const rows = await testDb.db().selectFrom("setup_tokens").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256Hex(token));
    expect(rows[0].token_hash).not.toContain(token);
    const ttl = new Date(rows[0].expires_at).getTime() - before;
    expect(ttl).toBeGreaterThanOrEqual(SETUP_TOKEN_TTL_MS - 1000);
    expect(ttl).toBeLessThanOrEqual(SETUP_TOKEN_TTL_MS + 1000);
    expect(SETUP_TOKEN_TTL_MS).toBe(24 * 60 * 60 * 1000);
  });

  it("shows the form while no staff account exists, and says so when the link's token is wrong", async () => {
    const token = (await issueSetupToken())!;
    const ok = await outcome(() =>
      setupLoader({ request: getRequest(`/setup?token=${token}`), params: {}, context: {} }),
    );
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ staffLocale: "en", title: "First run · valuebench", token, tokenState: "valid" });
    const wrong = await outcome(() =>
      setupLoader({ request: getRequest("/setup?token=nope"), params: {}, context: {} }),
    );
    expect(wrong.data).toEqual({
      staffLocale: "en",
      title: "First run · valuebench",
      token: "nope",
      tokenState: "unknown",
    });
  });

  it("refuses a wrong token with a clear message and writes no organization, user or session", async () => {
    await issueSetupToken();
    const before = await rowCounts();
    const res = await outcome(() =>
      setupAction({ request: setupForm("not-the-printed-token"), params: {}, context: ctx("10.1.0.1") }),
    );
    expect(res.status).toBe(403);
    expect(res.data).toMatchObject({
      ok: false,
      fieldErrors: {
        token: [expect.stringMatching(/^This setup token is not valid: it was mistyped or already used/)],
      },
      values: { organizationName: "Fabrikam Help Desk", email: "Fiona@Fabrikam.example" },
    });
    expect(JSON.stringify(res.data)).not.toContain(ADMIN_PASSWORD);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(await rowCounts()).toEqual(before);
    expect(before).toMatchObject({ organizations: 0, users: 0, sessions: 0 });
  });

  it("refuses an expired token, saying it expired", async () => {
    const dayAndAMinuteAgo = new Date(Date.now() - SETUP_TOKEN_TTL_MS - 60_000);
    const token = (await issueSetupToken(dayAndAMinuteAgo))!;
    const res = await outcome(() => setupAction({ request: setupForm(token), params: {}, context: ctx("10.1.0.2") }));
    expect(res.status).toBe(403);
    expect(res.data).toMatchObject({
      fieldErrors: {
        token: ["This setup link has expired (links work for 24 hours). Restart the server: it prints a new one."],
      },
    });
    expect(await rowCounts()).toMatchObject({ organizations: 0, users: 0 });
  });

  it("validates the form with the app's password rule", async () => {
    const token = (await issueSetupToken())!;
    const res = await outcome(() =>
      setupAction({
        request: setupForm(token, { password: "short", email: "not-an-email", organizationName: " " }),
        params: {},
        context: ctx("10.1.0.3"),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({
      fieldErrors: {
        password: ["Use at least 12 characters."],
        email: ["Enter a valid email address."],
        organizationName: ["Organization name is required."],
      },
    });
    const extra = await outcome(() =>
      setupAction({ request: setupForm(token, { role: "recruiter" }), params: {}, context: ctx("10.1.0.3") }),
    );
    expect(extra.status).toBe(400);
    expect(extra.data).toMatchObject({ formError: "Unexpected field: role." });
    expect(await rowCounts()).toMatchObject({ organizations: 0, users: 0 });
  });

  it(`throttles wrong tokens per address: after ${MAX_FAILURES.ip} failures even the right token answers 429`, async () => {
    const token = (await issueSetupToken())!;
    for (let i = 0; i < MAX_FAILURES.ip; i++) {
      const res = await outcome(() =>
        setupAction({ request: setupForm(`wrong-${i}`), params: {}, context: ctx("10.9.9.9") }),
      );
      expect(res.status, `attempt ${i + 1}`).toBe(403);
    }
    const blocked = await outcome(() =>
      setupAction({ request: setupForm(token), params: {}, context: ctx("10.9.9.9") }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.data).toMatchObject({
      formError: "Too many wrong setup tokens from this address. Please wait 15 minutes.",
    });
    expect(await rowCounts()).toMatchObject({ organizations: 0, users: 0 });
  });

  it("with the printed token creates the organization and its admin in one go, logs in and audits it", async () => {
    const lines: string[] = [];
    await announceFirstRunSetup((line) => lines.push(line));
    const token = /setup\?token=([A-Za-z0-9_-]+)/.exec(lines.join("\n"))![1];
    const res = await outcome(() => setupAction({ request: setupForm(token), params: {}, context: ctx("10.1.0.4") }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/app");

    const org = await testDb.db().selectFrom("organizations").selectAll().executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: "Fabrikam Help Desk", slug: "fabrikam-help-desk", is_demo: 0 });
    const admin = await testDb.db().selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({
      organization_id: org.id,
      email: "fiona@fabrikam.example",
      name: "Fiona First",
      role: "admin",
    });
    expect(admin.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    // every token is spent, the earlier (expired, refused) ones included
    expect(await rowCounts()).toMatchObject({ organizations: 1, users: 1, sessions: 1, setupTokens: 0 });

    const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0];
    const me = await getSessionUser(new Request("http://localhost/app", { headers: { Cookie: cookie } }));
    expect(me).toMatchObject({ id: admin.id, role: "admin", organizationName: "Fabrikam Help Desk" });

    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "organization.created")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organization_id: org.id, actor_user_id: admin.id, target_id: org.id });
    expect(JSON.parse(audit[0].details_json)).toEqual({
      name: "Fabrikam Help Desk",
      admin: "fiona@fabrikam.example",
      via: "first-run setup",
    });

    const login = await outcome(() =>
      loginAction({
        request: postForm("/login", { email: "fiona@fabrikam.example", password: ADMIN_PASSWORD }),
        params: {},
        context: ctx("10.1.0.5"),
      }),
    );
    expect(login.status).toBe(302);
    expect(login.location).toBe("/app");
  });

  it("answers 404 once a staff account exists, to the page and the form, even with a fresh token", async () => {
    expect(await issueSetupToken()).toBeNull(); // the server no longer prints a link either
    const lines: string[] = [];
    await announceFirstRunSetup((line) => lines.push(line));
    expect(lines).toEqual([]);
    const page = await outcome(() => setupLoader({ request: getRequest("/setup"), params: {}, context: {} }));
    expect(page.status).toBe(404);
    const before = await rowCounts();
    const post = await outcome(() =>
      setupAction({
        request: setupForm("anything", { email: "second@x.example" }),
        params: {},
        context: ctx("10.1.0.6"),
      }),
    );
    expect(post.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it("spends a token once: used again (even with the accounts gone) it is refused", async () => {
    await testDb.db().deleteFrom("sessions").execute();
    await testDb.db().deleteFrom("users").execute();
    const token = (await issueSetupToken())!;
    const first = await completeFirstRun(
      { token, organizationName: "Once", name: "A", email: "a@once.example", password: ADMIN_PASSWORD },
      "10.1.0.7",
    );
    expect(first.status).toBe("created");
    await testDb.db().deleteFrom("sessions").execute();
    await testDb.db().deleteFrom("users").execute();
    const again = await completeFirstRun(
      { token, organizationName: "Twice", name: "B", email: "b@twice.example", password: ADMIN_PASSWORD },
      "10.1.0.7",
    );
    expect(again).toEqual({ status: "token-unknown" });
    const orgs = await testDb.db().selectFrom("organizations").select("name").where("name", "=", "Twice").execute();
    expect(orgs).toEqual([]);
  });

  it("lets only one of two simultaneous setups (two different live tokens) through", async () => {
    await testDb.db().deleteFrom("users").execute();
    const [a, b] = [(await issueSetupToken())!, (await issueSetupToken())!];
    const results = await Promise.all([
      completeFirstRun(
        { token: a, organizationName: "Race A", name: "A", email: "a@race.example", password: ADMIN_PASSWORD },
        "10.1.1.1",
      ),
      completeFirstRun(
        { token: b, organizationName: "Race B", name: "B", email: "b@race.example", password: ADMIN_PASSWORD },
        "10.1.1.2",
      ),
    ]);
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    const users = await testDb.db().selectFrom("users").select("email").execute();
    expect(users).toHaveLength(1);
    const raced = await testDb
      .db()
      .selectFrom("organizations")
      .select("name")
      .where("name", "like", "Race %")
      .execute();
    expect(raced).toHaveLength(1);
  });
});
