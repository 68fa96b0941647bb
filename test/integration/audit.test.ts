import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as auditModel from "../../app/models/audit.server";
import { recordAudit } from "../../app/models/audit.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import * as auditPage from "../../app/routes/app.audit";
import { STAFF_NAV } from "../../app/components/staff-nav";

withTestDatabase();

type AuditData = Awaited<ReturnType<typeof auditModel.listAuditPage>> & { actions: string[]; action: string };

async function load(search: string, cookie?: string) {
  return outcome(() =>
    auditPage.loader({ request: getRequest(`/app/audit${search}`, cookie), params: {}, context: {} }),
  );
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

describe("the audit log is append-only", () => {
  it("the audit model exports no function that changes or removes entries", () => {
    const names = Object.entries(auditModel)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => k);
    expect(names).toContain("recordAudit");
    expect(names).toContain("listAuditPage");
    expect(names.filter((n) => /update|delete|remove|edit|clear|purge|truncate|set|redact/i.test(n))).toEqual([]);
    const source = fs.readFileSync("app/models/audit.server.ts", "utf8");
    expect(source).not.toMatch(/updateTable|deleteFrom|replaceInto|\bDELETE\b|\bUPDATE\b/);
  });

  it("no code anywhere deletes audit rows, and only erasure (privacy model) rewrites their details", () => {
    const deleting: string[] = [];
    const updating: string[] = [];
    for (const file of [...walk(path.resolve("app")), ...walk(path.resolve("scripts"))]) {
      const text = fs.readFileSync(file, "utf8");
      if (/deleteFrom\(\s*["']audit_log["']|delete\s+from\s+audit_log/i.test(text)) deleting.push(file);
      if (/updateTable\(\s*["']audit_log["']|update\s+audit_log/i.test(text)) updating.push(path.relative(".", file));
    }
    expect(deleting).toEqual([]);
    expect(updating).toEqual(["app/models/privacy.server.ts"]);
  });

  it("the audit page has no action (nothing can be posted to it) and is an admin nav entry", () => {
    expect((auditPage as Record<string, unknown>).action).toBeUndefined();
    expect(STAFF_NAV).toContainEqual({ to: "/app/audit", key: "audit", role: "admin" });
  });
});

describe("audit log page", () => {
  it("lists only the organization's own events, newest first, 50 a page, filterable by action", async () => {
    const org = await makeOrganization("Mine");
    const other = await makeOrganization("Theirs");
    const admin = await makeUser(org.id, "admin");
    const cookie = await sessionCookieFor(admin.id);
    for (let i = 1; i <= 55; i += 1) {
      await recordAudit({
        organizationId: org.id,
        actorUserId: admin.id,
        actorLabel: admin.email,
        action: i % 5 === 0 ? "candidate.decision" : "login.succeeded",
        details: { n: i },
      });
    }
    await recordAudit({
      organizationId: other.id,
      actorUserId: null,
      actorLabel: "x@other.test",
      action: "candidate.erased",
    });
    await recordAudit({ organizationId: null, actorUserId: null, actorLabel: "nobody@x.test", action: "login.failed" });

    const first = await load("", cookie);
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toContain("no-store");
    const p1 = first.data as AuditData;
    expect(p1.total).toBe(55);
    expect(p1.pages).toBe(2);
    expect(p1.events).toHaveLength(50);
    expect(JSON.parse(p1.events[0].details_json)).toEqual({ n: 55 });
    expect(JSON.parse(p1.events[49].details_json)).toEqual({ n: 6 });
    expect(p1.events.every((e) => e.actor_label === admin.email)).toBe(true);
    expect(p1.actions).toEqual(["candidate.decision", "login.succeeded"]);

    const p2 = (await load("?page=2", cookie)).data as AuditData;
    expect(p2.events.map((e) => JSON.parse(e.details_json).n)).toEqual([5, 4, 3, 2, 1]);

    const filtered = (await load("?action=candidate.decision", cookie)).data as AuditData;
    expect(filtered.total).toBe(11);
    expect(filtered.events.every((e) => e.action === "candidate.decision")).toBe(true);

    // Another organization's action name shows nothing here.
    const foreign = (await load("?action=candidate.erased", cookie)).data as AuditData;
    expect(foreign.total).toBe(0);
    // A mangled query falls back to page 1 of everything.
    const mangled = (await load("?page=-3&action=%3Cscript%3E", cookie)).data as AuditData;
    expect(mangled).toMatchObject({ page: 1, total: 55, action: "" });
  });

  it("is for admins only: a recruiter gets 403 and a visitor goes to the login page", async () => {
    const org = await makeOrganization();
    const recruiter = await makeUser(org.id, "recruiter");
    const res = await load("", await sessionCookieFor(recruiter.id));
    expect(res.status).toBe(403);
    const visitor = await load("");
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login/);
  });
});
