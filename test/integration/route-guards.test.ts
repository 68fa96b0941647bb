// Every staff route module (app.tsx, app.*.tsx) declares the role of its loader and of each action intent in ONE
// manifest, app/utils/route-roles.server.ts (ROUTE_ROLES), and calls requireRole with its own name. This walk proves
// each declaration against the real loaders and actions: a visitor is sent to /login, a recruiter is refused (403)
// what only admins may do and gets past the role check otherwise, an admin gets past it everywhere, and a user of
// another organization gets a 404 (never the record, never a 403 that confirms it exists).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrgValue } from "../../app/models/values.server";
import { intentRole, ROUTE_ROLES, type RouteRoles } from "../../app/utils/route-roles.server";
import type { Role } from "../../db/types";
import { withTestDatabase } from "../db";
import { makePositionRow, makePublishedVersion, makeResponseRow } from "../factories-benchmark";
import { makeOrganization, makeUser, outcome, sessionCookieFor, type Outcome } from "../factories";

withTestDatabase();

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = { loader?: (args: RouteArgs) => Promise<unknown>; action?: (args: RouteArgs) => Promise<unknown> };

const MANIFEST = "app/utils/route-roles.server.ts";
const routesDir = path.resolve("app/routes");
// Every module of the staff area: app.tsx and app.*.tsx (flat routes).
const staffRoutes = fs
  .readdirSync(routesDir)
  .filter((f) => /^app(\..+)?\.tsx?$/.test(f))
  .sort();
const stemOf = (file: string) => file.replace(/\.tsx?$/, "");
const manifest: Record<string, RouteRoles | undefined> = ROUTE_ROLES;

const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const ORIGIN = "http://localhost:3000";

function paramsFor(file: string, ids: Record<string, string> = {}): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of stemOf(file).split(".")) {
    if (!segment.startsWith("$") || segment.length < 2) continue;
    const name = segment.slice(1).replace(/_$/, "");
    params[name] = ids[name] ?? (name === "version" ? "1" : MISSING_ID);
  }
  return params;
}

function urlFor(file: string, params: Record<string, string>): string {
  const segments = stemOf(file)
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? params[s.slice(1).replace(/_$/, "")] : s.replace(/\[|\]|_$/g, "")));
  return `${ORIGIN}/${segments.join("/")}`;
}

function get(url: string, cookie?: string): Request {
  return new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
}

function post(url: string, intent: string | null, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  const body = intent === null ? "" : new URLSearchParams({ intent }).toString();
  return new Request(url, { method: "POST", body, headers });
}

/** The intents an action is tried with: each declared one (a pattern with an example), or none for a single role. */
function intentsOf(action: RouteRoles["action"]): { intent: string | null; role: Role }[] {
  if (action === undefined) return [];
  if (typeof action === "string") return [{ intent: null, role: action }];
  return Object.entries(action).map(([pattern, role]) => ({
    intent: pattern.endsWith("*") ? `${pattern.slice(0, -1)}example` : pattern,
    role,
  }));
}

/** Intents a route module's source uses (`intent === "x"`, `name="intent" value="x"`), to find undeclared ones. */
function intentsInSource(file: string): string[] {
  const source = fs.readFileSync(path.join(routesDir, file), "utf8");
  const found = new Set<string>();
  for (const m of source.matchAll(/intent\s*[!=]==?\s*"([^"]+)"/g)) found.add(m[1]);
  for (const m of source.matchAll(/name="intent"\s+value="([^"]+)"/g)) found.add(m[1]);
  return [...found];
}

const howToDeclare = (stem: string) =>
  `add "${stem}": { loader: "recruiter" | "admin", action: "recruiter" | "admin" | { "<intent>": "recruiter" | "admin" } } ` +
  `to ROUTE_ROLES in ${MANIFEST} (leave out loader/action the module does not export) and call ` +
  `requireRole(request, "${stem}") first in its loader and action`;

function expectRedirectToLogin(res: Outcome, what: string) {
  expect(res.status, `${what}: a visitor is sent to /login`).toBe(302);
  expect(res.location ?? "", `${what}: a visitor is sent to /login`).toMatch(/^\/login\?redirectTo=/);
}

function expectPastRoleCheck(res: Outcome, what: string) {
  expect(res.status, `${what}: gets past the role check (not 403)`).not.toBe(403);
  expect(res.location ?? "", `${what}: gets past the session check`).not.toMatch(/^\/login/);
}

describe("the role manifest covers every staff route", () => {
  it("finds the staff route modules", () => {
    expect(staffRoutes).toContain("app.tsx");
    expect(staffRoutes).toContain("app._index.tsx");
    expect(staffRoutes.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of staffRoutes) {
    const stem = stemOf(file);
    it(`${file}: declares its roles in ${MANIFEST} and checks them with requireRole`, async () => {
      const roles = manifest[stem];
      expect(roles, `app/routes/${file} has no role declaration: ${howToDeclare(stem)}`).toBeDefined();
      const mod = (await import(path.join(routesDir, file))) as RouteModule;
      expect(Boolean(roles?.loader), `${file}: loader declared in ROUTE_ROLES if and only if exported`).toBe(
        Boolean(mod.loader),
      );
      expect(Boolean(roles?.action), `${file}: action declared in ROUTE_ROLES if and only if exported`).toBe(
        Boolean(mod.action),
      );
      const source = fs.readFileSync(path.join(routesDir, file), "utf8");
      expect(source, `${file}: call requireRole(request, "${stem}") in its loader and action`).toContain(
        `requireRole(request, "${stem}")`,
      );
      if (roles?.action && typeof roles.action !== "string") {
        const declared = roles.action;
        for (const intent of intentsInSource(file)) {
          const covered =
            intent in declared ||
            Object.keys(declared).some((p) => p.endsWith("*") && intent.startsWith(p.slice(0, -1)));
          expect(
            covered,
            `${file}: the intent "${intent}" has no role: add "${intent}": "recruiter" | "admin" to ROUTE_ROLES["${stem}"].action in ${MANIFEST}`,
          ).toBe(true);
        }
      }
    });
  }

  it("declares no route module that does not exist", () => {
    const stems = new Set(staffRoutes.map(stemOf));
    for (const stem of Object.keys(manifest))
      expect(stems.has(stem), `${MANIFEST}: "${stem}" has no route module`).toBe(true);
  });

  it("gives an undeclared intent the strictest declared role", () => {
    expect(intentRole({ a: "recruiter", b: "admin" }, "unknown")).toBe("admin");
    expect(intentRole({ a: "recruiter" }, "unknown")).toBe("recruiter");
    expect(intentRole({ "remove:*": "admin", save: "recruiter" }, "remove:x")).toBe("admin");
  });
});

describe("every staff route × role, loader and every action intent", () => {
  let recruiterA = "";
  let adminA = "";
  let adminB = "";
  let recruiterB = "";
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    const a = await makeOrganization("Org A");
    const b = await makeOrganization("Org B");
    const recruiter = await makeUser(a.id, "recruiter");
    const admin = await makeUser(a.id, "admin");
    recruiterA = await sessionCookieFor(recruiter.id);
    adminA = await sessionCookieFor(admin.id);
    adminB = await sessionCookieFor((await makeUser(b.id, "admin")).id);
    recruiterB = await sessionCookieFor((await makeUser(b.id, "recruiter")).id);
    // Records of organization A that organization B's users try to reach.
    const { questionnaireId, versionId, q } = await makePublishedVersion(a.id);
    const positionId = await makePositionRow(a.id, versionId);
    const responseId = await makeResponseRow(a.id, positionId, versionId, "candidate", {});
    const valueId = await createOrgValue(
      a.id,
      "walk-value",
      { name: "Walk", description: "", iStatement: "", metrics: [], direction: "higher", weight: 1 },
      { userId: admin.id, label: "walk" },
    );
    ids = { positionId, responseId, questionnaireId, version: String(q.version), valueId, userId: recruiter.id };
  });

  for (const file of staffRoutes) {
    const stem = stemOf(file);
    const roles = manifest[stem];
    if (!roles) continue; // reported by the manifest test above
    const load = async () => (await import(path.join(routesDir, file))) as RouteModule;
    const hasParams = file.includes("$");

    if (roles.loader) {
      const role = roles.loader;
      it(`${file} loader (${role}): visitor → /login, recruiter → ${role === "admin" ? "403" : "past"}, admin → past`, async () => {
        const mod = await load();
        const params = paramsFor(file);
        const url = urlFor(file, params);
        const call = (cookie?: string) =>
          outcome(() => mod.loader!({ request: get(url, cookie), params, context: {} }));
        expectRedirectToLogin(await call(), `${file} loader`);
        const asRecruiter = await call(recruiterA);
        if (role === "admin") expect(asRecruiter.status, `${file} loader: a recruiter is refused`).toBe(403);
        else expectPastRoleCheck(asRecruiter, `${file} loader as recruiter`);
        expectPastRoleCheck(await call(adminA), `${file} loader as admin`);
      });
      if (hasParams) {
        it(`${file} loader: a user of another organization gets 404 for organization A's record`, async () => {
          const mod = await load();
          const params = paramsFor(file, ids);
          const url = urlFor(file, params);
          for (const cookie of role === "admin" ? [adminB] : [adminB, recruiterB]) {
            const res = await outcome(() => mod.loader!({ request: get(url, cookie), params, context: {} }));
            expect(res.status, `${file} loader with organization A's ids`).toBe(404);
          }
        });
      }
    }

    for (const { intent, role } of intentsOf(roles.action)) {
      const label = intent === null ? "action" : `action intent "${intent}"`;
      it(`${file} ${label} (${role}): visitor → /login, recruiter → ${role === "admin" ? "403" : "past"}, admin → past`, async () => {
        const mod = await load();
        const params = paramsFor(file);
        const url = urlFor(file, params);
        const call = (cookie?: string) =>
          outcome(() => mod.action!({ request: post(url, intent, cookie), params, context: {} }));
        expectRedirectToLogin(await call(), `${file} ${label}`);
        const asRecruiter = await call(recruiterA);
        if (role === "admin") expect(asRecruiter.status, `${file} ${label}: a recruiter is refused`).toBe(403);
        else expectPastRoleCheck(asRecruiter, `${file} ${label} as recruiter`);
        expectPastRoleCheck(await call(adminA), `${file} ${label} as admin`);
      });
      if (hasParams) {
        it(`${file} ${label}: a user of another organization changes nothing of organization A (400 or 404)`, async () => {
          const mod = await load();
          const params = paramsFor(file, ids);
          const url = urlFor(file, params);
          const res = await outcome(() => mod.action!({ request: post(url, intent, adminB), params, context: {} }));
          expect([400, 404], `${file} ${label} with organization A's ids: got ${res.status}`).toContain(res.status);
        });
      }
    }
  }
});
