// Every staff route that names a record answers 404 — never 403 or data — when the record belongs to another
// organization, for its loader (page and `.data` requests share it) and its action (issue 8, DESIGN.md).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
type RouteModule = { loader?: RouteFn; action?: RouteFn };

const routesDir = path.resolve("app/routes");
const recordRoutes = fs
  .readdirSync(routesDir)
  .filter((f) => /^app\..*\$[a-zA-Z]+/.test(f))
  .sort();

let cookieA = "";
const idsOfB: Record<string, string> = {};

beforeAll(async () => {
  const a = await makeOrganization("Org A");
  const adminA = await makeUser(a.id, "admin");
  cookieA = await sessionCookieFor(adminA.id);

  const b = await makeOrganization("Org B");
  const position = await makeResultsPosition(b.id);
  const candidates = exampleCandidates();
  const { responseId } = await addCandidate(b.id, position, candidates.c01, "Candidate of B");
  const version = await getDb()
    .selectFrom("questionnaire_versions")
    .select(["questionnaire_id", "version"])
    .where("id", "=", position.versionId)
    .executeTakeFirstOrThrow();
  const value = await getDb()
    .selectFrom("org_values")
    .select("id")
    .where("organization_id", "=", b.id)
    .executeTakeFirstOrThrow();
  const userB = await makeUser(b.id, "recruiter");
  Object.assign(idsOfB, {
    positionId: position.positionId,
    responseId,
    questionnaireId: version.questionnaire_id,
    version: String(version.version),
    valueId: value.id,
    userId: userB.id,
  });
});

function paramsFor(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of file.replace(/\.tsx?$/, "").split(".")) {
    const name = segment.replace(/^\$/, "").replace(/_$/, "").replace(/\[.*$/, "");
    if (segment.startsWith("$")) {
      if (!idsOfB[name]) throw new Error(`${file}: no record of organization B for $${name}; extend the test`);
      params[name] = idsOfB[name];
    }
  }
  return params;
}

function urlFor(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? params[s.replace(/^\$/, "").replace(/_$/, "")] : s.replace(/\[|\]/g, "")));
  return `http://localhost:3000/${segments.join("/")}`;
}

describe("organization A never reaches organization B's records", () => {
  it("finds the routes that name a record", () => {
    expect(recordRoutes.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of recordRoutes) {
    it(`${file}: 404 for B's record as A's admin`, async () => {
      const mod = (await import(path.join(routesDir, file))) as RouteModule;
      const params = paramsFor(file);
      const url = urlFor(file, params);
      if (mod.loader) {
        const res = await outcome(() =>
          mod.loader!({ request: new Request(url, { headers: { Cookie: cookieA } }), params, context: {} }),
        );
        expect(res.status, `${file} loader`).toBe(404);
        expect(JSON.stringify(res.data ?? "")).not.toContain("Candidate of B");
      }
      if (mod.action) {
        const request = new Request(url, {
          method: "POST",
          headers: {
            Cookie: cookieA,
            Origin: "http://localhost:3000",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: "intent=decide&decision=advance&note=x&confirm=ERASE",
        });
        const res = await outcome(() => mod.action!({ request, params, context: {} }));
        expect(res.status, `${file} action`).toBe(404);
      }
    });
  }

  it("left B's candidate untouched", async () => {
    const decisions = await getDb()
      .selectFrom("decisions")
      .select("id")
      .where("response_id", "=", idsOfB.responseId)
      .execute();
    expect(decisions).toHaveLength(0);
    const response = await getDb().selectFrom("responses").select("id").where("id", "=", idsOfB.responseId).execute();
    expect(response).toHaveLength(1);
  });
});
