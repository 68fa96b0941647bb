// The public REST API (issue 20) through the real route modules on a freshly migrated database: key authentication
// (Bearer and Basic user name), 401 for wrong and revoked keys, 403 for a missing scope, 404 for another
// organization's resources on every endpoint, idempotent invitations, keyset pagination stable under an insert, the
// fit report's numbers, decisions, outcomes and the rate limit. The last case checks every recorded answer against
// the OpenAPI document (its zod schemas) and validates the document.
import fs from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../../app/models/api-keys.server";
import { createMetric } from "../../app/models/outcomes.server";
import { API_RATE_LIMIT, takeRateLimit } from "../../app/utils/api/rate-limit.server";
import { API_OPERATIONS, buildOpenApiDocument } from "../../app/utils/api/openapi.server";
import { getDb } from "../../app/utils/db.server";
import { problemSchema } from "../../app/utils/schemas/api.server";
import { withTestDatabase } from "../db";
import { API_ORIGIN, basicWithKey, callApi, makeApiKey, recorded } from "../factories-api";
import { makeOrganization, makeUser } from "../factories";
import { addCandidate, exampleCandidates, makeResultsPosition } from "../factories-results";

withTestDatabase();

const MISSING = "00000000-0000-4000-8000-000000000000";

let orgA: { id: string };
let adminA: { id: string };
let keyA: string;
let keyARead: string;
let keyB: string;
let position: Awaited<ReturnType<typeof makeResultsPosition>>;
let candidates: { responseId: string; label: string }[];
let positionB: Awaited<ReturnType<typeof makeResultsPosition>>;

beforeAll(async () => {
  orgA = await makeOrganization("API Org A");
  adminA = await makeUser(orgA.id, "admin");
  position = await makeResultsPosition(orgA.id);
  candidates = [];
  for (const [label, answers] of Object.entries(exampleCandidates()).slice(0, 3)) {
    const { responseId } = await addCandidate(orgA.id, position, answers, label);
    candidates.push({ responseId, label });
  }
  keyA = (await makeApiKey(orgA.id, adminA.id)).secret;
  keyARead = (await makeApiKey(orgA.id, adminA.id, ["positions:read"])).secret;
  const orgB = await makeOrganization("API Org B");
  const adminB = await makeUser(orgB.id, "admin");
  positionB = await makeResultsPosition(orgB.id, { benchmark: false });
  keyB = (await makeApiKey(orgB.id, adminB.id)).secret;
});

describe("authentication", () => {
  it("answers 401 problem+json with WWW-Authenticate without a key, with a wrong one and with a revoked one", async () => {
    const none = await callApi("listPositions");
    expect(none.status).toBe(401);
    expect(none.headers.get("Content-Type")).toBe("application/problem+json");
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Bearer realm=.*Basic realm=/);
    expect(none.body).toMatchObject({ status: 401, title: "Missing or invalid API key" });

    const wrong = await callApi("listPositions", { key: `${keyA.slice(0, -2)}xx` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe("The API key is unknown or has been revoked.");

    const { id, secret } = await makeApiKey(orgA.id, adminA.id);
    expect((await callApi("listPositions", { key: secret })).status).toBe(200);
    await revokeApiKey(orgA.id, id, { userId: adminA.id, label: "admin" });
    const revoked = await callApi("listPositions", { key: secret });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toContain("Bearer");
  });

  it("accepts the key as the HTTP Basic user name (Greenhouse) and as Bearer, and notes its last use", async () => {
    const basic = await callApi("listPositions", { authorization: basicWithKey(keyA) });
    expect(basic.status).toBe(200);
    expect(basic.body.data.map((p: { id: string }) => p.id)).toEqual([position.positionId]);
    const row = await getDb()
      .selectFrom("api_keys")
      .select("last_used_at")
      .where("organization_id", "=", orgA.id)
      .where("secret_hash", "!=", "")
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it("refuses an operation outside the key's scopes with a 403 problem naming the scope", async () => {
    const listed = await callApi("getPosition", { key: keyARead, params: { positionId: position.positionId } });
    expect(listed.status).toBe(200);
    const refused = await callApi("listResults", { key: keyARead, params: { positionId: position.positionId } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('This API key lacks the scope "results:read".');
    const invite = await callApi("createInvitations", {
      key: keyARead,
      params: { positionId: position.positionId },
      body: { invitations: [{ name: "Nobody" }] },
    });
    expect(invite.status).toBe(403);
    expect(await countInvitations(position.positionId)).toBe(0);
  });
});

async function countInvitations(positionId: string): Promise<number> {
  const row = await getDb()
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("position_id", "=", positionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("tenancy", () => {
  it("answers 404 to another organization's key on every endpoint with organization A's ids", async () => {
    const pos = { positionId: position.positionId };
    const resp = { ...pos, responseId: candidates[0].responseId };
    const calls: [string, Parameters<typeof callApi>[1]][] = [
      ["getPosition", { params: pos }],
      ["createInvitations", { params: pos, body: { invitations: [{ name: "Intruder" }] } }],
      ["listResults", { params: pos }],
      ["getFitReport", { params: resp }],
      ["recordDecision", { params: resp, body: { decision: "reject" } }],
      ["postOutcomes", { params: pos, body: { outcomes: [{ email: "a01", metric: "csat", value: 1 }] } }],
    ];
    for (const [op, options] of calls) {
      const answer = await callApi(op, { ...options, key: keyB });
      expect([op, answer.status, answer.body.title]).toEqual([op, 404, "Not found"]);
    }
    const listedByB = await callApi("listPositions", { key: keyB });
    expect(listedByB.body.data.map((p: { id: string }) => p.id)).toEqual([positionB.positionId]);
    expect(await countInvitations(position.positionId)).toBe(0);
    const decisions = await getDb().selectFrom("decisions").select("id").execute();
    expect(decisions).toEqual([]);
  });

  it("answers 404 for an unknown position", async () => {
    const answer = await callApi("getPosition", { key: keyA, params: { positionId: MISSING } });
    expect(answer.status).toBe(404);
  });
});

describe("invitations", () => {
  it("invites a candidate and returns the id and the PUBLIC_URL link (no mail server)", async () => {
    const answer = await callApi("createInvitations", {
      key: keyA,
      params: { positionId: position.positionId },
      body: { invitations: [{ name: "Ada Lovelace", email: "ADA@example.com" }] },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.data).toHaveLength(1);
    const [issued] = answer.body.data;
    expect(issued).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", mail: null });
    expect(issued.link).toMatch(new RegExp(`^${API_ORIGIN}/i/[A-Za-z0-9_-]{43}$`));
    const row = await getDb()
      .selectFrom("invitations")
      .select(["kind", "created_by"])
      .where("id", "=", issued.invitationId)
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe("candidate");
    expect(row.created_by).toMatch(/^api-key:/);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("actor_label")
      .where("target_id", "=", issued.invitationId)
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe(
      'API key "key positions:read invitations:write results:read outcomes:write webhooks:manage"',
    );
  });

  it("replays the first answer for the same Idempotency-Key and body, 422 for another body", async () => {
    const positionId = position.positionId;
    const before = await countInvitations(positionId);
    const send = (name: string) =>
      callApi("createInvitations", {
        key: keyA,
        params: { positionId },
        headers: { "Idempotency-Key": "ats-req-42" },
        body: { invitations: [{ name, email: "grace@example.com" }, { name: "Second" }] },
      });
    const first = await send("Grace Hopper");
    expect(first.status).toBe(201);
    expect(first.body.data).toHaveLength(2);
    const replay = await send("Grace Hopper");
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await countInvitations(positionId)).toBe(before + 2);

    const other = await send("Someone Else");
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    expect(await countInvitations(positionId)).toBe(before + 2);
  });

  it("names each invalid field with a JSON pointer", async () => {
    const answer = await callApi("createInvitations", {
      key: keyA,
      params: { positionId: position.positionId },
      body: { invitations: [{ name: "Ok" }, { name: "", email: "not-an-email" }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { pointer: "/invitations/1/name", detail: "Name is required." },
      { pointer: "/invitations/1/email", detail: "Enter an email address like name@example.com, or leave it empty." },
    ]);
    const notJson = await callApi("createInvitations", {
      key: keyA,
      params: { positionId: position.positionId },
      rawBody: "{",
    });
    expect([notJson.status, notJson.body.detail]).toEqual([400, "The request body is not valid JSON."]);
  });
});

describe("results", () => {
  it("pages with a keyset cursor that stays stable when a candidate submits between two pages", async () => {
    const params = { positionId: position.positionId };
    const first = await callApi("listResults", { key: keyA, params, query: { limit: "2" } });
    expect(first.status).toBe(200);
    expect(first.body.data.map((r: { name: string }) => r.name)).toEqual([candidates[0].label, candidates[1].label]);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const late = await addCandidate(orgA.id, position, Object.values(exampleCandidates())[3], "late");
    const second = await callApi("listResults", {
      key: keyA,
      params,
      query: { limit: "2", cursor: first.body.nextCursor },
    });
    expect(second.body.data.map((r: { responseId: string }) => r.responseId)).toEqual([
      candidates[2].responseId,
      late.responseId,
    ]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("filters by flagged, decision and submittedSince and refuses a bad limit with the parameter's pointer", async () => {
    const params = { positionId: position.positionId };
    const all = await callApi("listResults", { key: keyA, params });
    const flagged = all.body.data.filter((r: { review: boolean }) => r.review).length;
    const onlyFlagged = await callApi("listResults", { key: keyA, params, query: { flagged: "true" } });
    expect(onlyFlagged.body.data).toHaveLength(flagged);
    const since = all.body.data[2].submittedAt;
    const recent = await callApi("listResults", { key: keyA, params, query: { submittedSince: since } });
    expect(recent.body.data.map((r: { submittedAt: string }) => r.submittedAt)).toEqual(
      all.body.data.slice(2).map((r: { submittedAt: string }) => r.submittedAt),
    );
    const bad = await callApi("listResults", { key: keyA, params, query: { limit: "0" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ pointer: "/limit", detail: "limit must be at least 1." }]);
    const badCursor = await callApi("listResults", { key: keyA, params, query: { cursor: "nonsense" } });
    expect([badCursor.status, badCursor.body.errors[0].pointer]).toEqual([400, "/cursor"]);
  });

  it("reads one fit report with the stored score's numbers, algorithm and benchmark", async () => {
    const { responseId } = candidates[0];
    const answer = await callApi("getFitReport", {
      key: keyA,
      params: { positionId: position.positionId, responseId },
    });
    expect(answer.status).toBe(200);
    const score = await getDb()
      .selectFrom("scores")
      .select(["result_json", "benchmark_id", "algorithm_version"])
      .where("response_id", "=", responseId)
      .where("is_current", "=", 1)
      .executeTakeFirstOrThrow();
    const result = JSON.parse(score.result_json);
    expect(answer.body).toMatchObject({
      responseId,
      scored: true,
      benchmarkId: position.benchmarkId,
      algorithmVersion: "vb-1",
      overall: { overall: result.overall, minAlignment: result.minAlignment },
    });
    expect(answer.body.values.map((v: { key: string }) => v.key)).toEqual(["empathy", "patience", "pace"]);
    for (const v of answer.body.values) {
      const stored = result.values[v.key];
      expect([v.score, v.percentile, v.percentileLow, v.percentileHigh, v.alignment, v.band]).toEqual([
        stored.score,
        stored.percentile,
        stored.ciLow,
        stored.ciHigh,
        stored.alignment,
        stored.band,
      ]);
    }
  });
});

describe("decisions and outcomes", () => {
  it("records hired with its date, refuses hired without one, and the results list shows it", async () => {
    const params = { positionId: position.positionId, responseId: candidates[1].responseId };
    const missing = await callApi("recordDecision", { key: keyA, params, body: { decision: "hired" } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ pointer: "/hiredOn", detail: "Enter the hire date." }]);
    const hired = await callApi("recordDecision", {
      key: keyA,
      params,
      body: { decision: "hired", hiredOn: "2027-01-15", note: "Offer accepted" },
    });
    expect(hired.status).toBe(201);
    expect(hired.body).toMatchObject({ decision: "hired", hiredOn: "2027-01-15" });
    const list = await callApi("listResults", {
      key: keyA,
      params: { positionId: position.positionId },
      query: { decision: "hired" },
    });
    expect(list.body.data.map((r: { responseId: string }) => r.responseId)).toEqual([candidates[1].responseId]);
  });

  it("posts outcomes with the outcomes page's rules, naming the refused row's field", async () => {
    await createMetric(
      orgA.id,
      { key: "csat", label: "CSAT", unit: "%", direction: "higher" },
      { userId: adminA.id, label: "admin" },
    );
    const params = { positionId: position.positionId };
    const ok = await callApi("postOutcomes", {
      key: keyA,
      params,
      body: { outcomes: [{ email: "a01", metric: "csat", value: 91.5 }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.metrics).toEqual([{ key: "csat", label: "CSAT", added: 1, changed: 0, unchanged: 0 }]);
    const refused = await callApi("postOutcomes", {
      key: keyA,
      params,
      body: {
        outcomes: [
          { email: "a02", metric: "csat", value: 80 },
          { email: "a03", metric: "nps", value: 10 },
        ],
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { pointer: "/outcomes/1/metric", detail: "unknown metric nps: create it with the form below first" },
    ]);
    const stored = await getDb()
      .selectFrom("outcomes")
      .select("value")
      .where("organization_id", "=", orgA.id)
      .execute();
    expect(stored).toEqual([{ value: 91.5 }]);
  });
});

describe("rate limit", () => {
  it("counts a fixed one-minute window per key", () => {
    const t0 = 1_800_000_000_000; // a whole minute
    expect(takeRateLimit("unit-key", t0, 2)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
    expect(takeRateLimit("unit-key", t0 + 1500, 2)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 59 });
    expect(takeRateLimit("unit-key", t0 + 30_000, 2)).toMatchObject({ allowed: false, resetSeconds: 30 });
    expect(takeRateLimit("unit-key", t0 + 60_000, 2)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it(`answers the ${API_RATE_LIMIT + 1}th request of a minute with 429 and Retry-After`, async () => {
    const { secret } = await makeApiKey(orgA.id, adminA.id, ["positions:read"]);
    let last = await callApi("listPositions", { key: secret });
    expect(last.headers.get("RateLimit-Limit")).toBe(String(API_RATE_LIMIT));
    expect(last.headers.get("RateLimit-Remaining")).toBe(String(API_RATE_LIMIT - 1));
    for (let i = 1; i < API_RATE_LIMIT; i++) {
      last = await callApi("listPositions", { key: secret });
      recorded.pop();
    }
    expect(last.status).toBe(200);
    expect(last.headers.get("RateLimit-Remaining")).toBe("0");
    const limited = await callApi("listPositions", { key: secret });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.title).toBe("Too many requests");
  });
});

describe("webhook endpoints (a2's routes, documented here)", () => {
  it("registers an endpoint with its secret once, lists it without, disables it; scope and tenancy hold", async () => {
    const created = await callApi("createWebhook", {
      key: keyA,
      body: { url: "http://localhost:9/hook", events: ["response.scored"] },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await callApi("listWebhooks", { key: keyA });
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([created.body.id]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const params = { endpointId: created.body.id };
    expect((await callApi("disableWebhook", { key: keyB, params })).status).toBe(404);
    expect((await callApi("disableWebhook", { key: keyARead, params })).status).toBe(403);
    expect((await callApi("disableWebhook", { key: keyA, params })).status).toBe(204);
  });
});

describe("OpenAPI contract", () => {
  it("documents every /api/v1 route module (openapi.json itself aside)", () => {
    const documented = new Set(API_OPERATIONS.map((o) => o.path));
    const routes = fs
      .readdirSync(path.resolve("app/routes"))
      .filter((f) => f.startsWith("api.v1.") && !f.startsWith("api.v1.openapi"))
      .map(
        (f) =>
          `/${f
            .replace(/\.tsx?$/, "")
            .split(".")
            .map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s))
            .join("/")}`,
      );
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  });

  it("the document validates and every recorded answer matches its operation's documented response", async () => {
    const document = buildOpenApiDocument(API_ORIGIN);
    const verdict = await validate(structuredClone(document) as never);
    expect(verdict.valid).toBe(true);
    expect(Object.keys(document.webhooks ?? {}).sort()).toEqual([
      "benchmark.activated",
      "decision.recorded",
      "response.scored",
      "response.submitted",
    ]);

    for (const { op, status, body, contentType } of recorded) {
      const documented = (document.paths?.[op.path] as Record<string, { responses: Record<string, unknown> }>)[
        op.method
      ].responses;
      expect([op.id, status, status in documented]).toEqual([op.id, status, true]);
      if (status === op.success.status && !op.success.schema) {
        expect([op.id, body]).toEqual([op.id, null]);
      } else if (status === op.success.status && op.success.schema) {
        expect(contentType).toBe("application/json");
        const parsed = op.success.schema.safeParse(body);
        expect([op.id, parsed.success ? "ok" : parsed.error.message]).toEqual([op.id, "ok"]);
      } else {
        expect(contentType).toBe("application/problem+json");
        const parsed = problemSchema.strict().safeParse(body);
        expect([op.id, status, parsed.success ? "ok" : parsed.error.message]).toEqual([op.id, status, "ok"]);
      }
    }
    const exercised = new Set(recorded.filter((r) => r.status === r.op.success.status).map((r) => r.op.id));
    expect(API_OPERATIONS.map((o) => o.id).filter((id) => !exercised.has(id))).toEqual([]);
  });
});
