// API keys on /app/settings/api (issue 20): an admin creates a named, scoped key whose secret is shown once (only its
// SHA-256 is stored), sees its last use, and revokes it; a recruiter is refused; both actions are audited.
import { beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/app.settings_.api";
import { getDb } from "../../app/utils/db.server";
import { sha256Hex } from "../../app/utils/tokens.server";
import { withTestDatabase } from "../db";
import { callApi } from "../factories-api";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";

withTestDatabase();

const PAGE = "/app/settings/api";
let orgId: string;
let adminCookie: string;
let recruiterCookie: string;

beforeAll(async () => {
  orgId = (await makeOrganization("Keys Org")).id;
  adminCookie = await sessionCookieFor((await makeUser(orgId, "admin")).id);
  recruiterCookie = await sessionCookieFor((await makeUser(orgId, "recruiter")).id);
});

type Created = { ok: true; created: { name: string; secret: string } };
type Listed = {
  keys: {
    id: string;
    name: string;
    prefix: string;
    scopes: string[];
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
};

describe("API keys page", () => {
  it("creates a key shown once, stores only its hash, lists it with its last use, and revokes it", async () => {
    const created = await outcome(() =>
      action({
        request: postForm(
          PAGE,
          { intent: "create", name: "Greenhouse", scopes: ["results:read", "positions:read"] },
          adminCookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(created.status).toBe(200);
    const { secret, name } = (created.data as Created).created;
    expect(name).toBe("Greenhouse");
    expect(secret).toMatch(/^vb_live_[A-Za-z0-9_-]{43}$/);
    const row = await getDb()
      .selectFrom("api_keys")
      .selectAll()
      .where("organization_id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(8));
    expect(JSON.parse(row.scopes_json)).toEqual(["positions:read", "results:read"]);

    const before = (await outcome(() => loader({ request: getRequest(PAGE, adminCookie), params: {}, context: {} })))
      .data as Listed;
    expect(before.keys).toMatchObject([{ name: "Greenhouse", prefix: secret.slice(0, 14), lastUsedAt: null }]);
    expect(JSON.stringify(before)).not.toContain(secret);

    expect((await callApi("listPositions", { key: secret })).status).toBe(200);
    const used = (await outcome(() => loader({ request: getRequest(PAGE, adminCookie), params: {}, context: {} })))
      .data as Listed;
    expect(used.keys[0].lastUsedAt).not.toBeNull();

    const revoked = await outcome(() =>
      action({ request: postForm(PAGE, { intent: "revoke", keyId: row.id }, adminCookie), params: {}, context: {} }),
    );
    expect(revoked.status).toBe(200);
    expect((await callApi("listPositions", { key: secret })).status).toBe(401);

    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("organization_id", "=", orgId)
      .where("action", "like", "api_key.%")
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "api_key.created", target_id: row.id },
      { action: "api_key.revoked", target_id: row.id },
    ]);
  });

  it("refuses a key without scopes, naming the field", async () => {
    const refused = await outcome(() =>
      action({
        request: postForm(PAGE, { intent: "create", name: "No scopes" }, adminCookie),
        params: {},
        context: {},
      }),
    );
    expect(refused.status).toBe(400);
    expect((refused.data as { fieldErrors: Record<string, string[]> }).fieldErrors.scopes).toEqual([
      "Choose at least one scope for the key.",
    ]);
  });

  it("refuses recruiters (403) and hides another organization's key (404 on revoke)", async () => {
    const byRecruiter = await outcome(() =>
      action({
        request: postForm(PAGE, { intent: "create", name: "x", scopes: ["positions:read"] }, recruiterCookie),
        params: {},
        context: {},
      }),
    );
    expect(byRecruiter.status).toBe(403);
    const otherOrg = (await makeOrganization("Other")).id;
    const otherAdmin = await sessionCookieFor((await makeUser(otherOrg, "admin")).id);
    const key = await getDb()
      .selectFrom("api_keys")
      .select("id")
      .where("organization_id", "=", orgId)
      .executeTakeFirstOrThrow();
    const crossOrg = await outcome(() =>
      action({ request: postForm(PAGE, { intent: "revoke", keyId: key.id }, otherAdmin), params: {}, context: {} }),
    );
    expect(crossOrg.status).toBe(404);
  });
});
