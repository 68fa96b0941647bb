import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";

withTestDatabase();

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
};

const routesDir = path.resolve("app/routes");
// Every module of the staff area: app.tsx and app.*.tsx (flat routes).
const staffRoutes = fs
  .readdirSync(routesDir)
  .filter((f) => /^app(\..+)?\.tsx?$/.test(f))
  .sort();

function paramsFor(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of file.replace(/\.tsx?$/, "").split(".")) {
    if (segment.startsWith("$") && segment.length > 1)
      params[segment.slice(1)] = "00000000-0000-4000-8000-000000000000";
  }
  return params;
}

function urlFor(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? "00000000-0000-4000-8000-000000000000" : s.replace(/\[|\]/g, "")));
  return `http://localhost:3000/${segments.join("/")}`;
}

function post(url: string, cookie?: string): Request {
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Origin: "http://localhost:3000",
  };
  if (cookie) headers.Cookie = cookie;
  return new Request(url, { method: "POST", body: "intent=x", headers });
}

describe("every staff route checks the role", () => {
  it("finds the staff route modules", () => {
    expect(staffRoutes).toContain("app.tsx");
    expect(staffRoutes).toContain("app._index.tsx");
    expect(staffRoutes.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of staffRoutes) {
    it(`${file}: loader and action send a visitor without a session to /login`, async () => {
      const mod = (await import(path.join(routesDir, file))) as RouteModule;
      const url = urlFor(file);
      const params = paramsFor(file);
      if (mod.loader) {
        const res = await outcome(() => mod.loader!({ request: new Request(url), params, context: {} }));
        expect(res.status, `${file} loader`).toBe(302);
        expect(res.location ?? "", `${file} loader`).toMatch(/^\/login\?redirectTo=/);
      }
      if (mod.action) {
        const res = await outcome(() => mod.action!({ request: post(url), params, context: {} }));
        expect(res.status, `${file} action`).toBe(302);
        expect(res.location ?? "", `${file} action`).toMatch(/^\/login\?redirectTo=/);
      }
      expect(mod.loader || mod.action, `${file} exports a loader or an action`).toBeTruthy();
    });
  }

  it("admin-only modules refuse a recruiter with 403", async () => {
    const org = await makeOrganization();
    const recruiter = await makeUser(org.id, "recruiter");
    const cookie = await sessionCookieFor(recruiter.id);
    for (const file of ["app.team.tsx", "app.team.$userId.tsx"]) {
      const mod = (await import(path.join(routesDir, file))) as RouteModule;
      const res = await outcome(() =>
        mod.loader!({
          request: new Request(urlFor(file), { headers: { Cookie: cookie } }),
          params: paramsFor(file),
          context: {},
        }),
      );
      expect(res.status, file).toBe(403);
      const act = await outcome(() =>
        mod.action!({ request: post(urlFor(file), cookie), params: paramsFor(file), context: {} }),
      );
      expect(act.status, file).toBe(403);
    }
  });
});
