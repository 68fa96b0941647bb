// Issue 21, point 6: activation is for admins, and a draft with a value whose alpha is below 0.5 (or with fewer than 5
// included agents on a value) needs a written reason, kept in the audit log. Warnings are grouped per value.
import { describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/app.positions.$positionId.benchmark";
import { groupWarnings } from "../../app/components/benchmark-warnings";
import { activationConcerns, GUARD_MIN_ALPHA, MIN_BENCHMARK_N, type BenchmarkSnapshot } from "../../app/scoring";
import { getDb } from "../../app/utils/db.server";
import { setUserLanguage } from "../../app/models/staff-language.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, sessionCookieFor } from "../factories";
import { makeExamplePosition } from "../factories-benchmark";

withTestDatabase();

const path = (positionId: string) => `/app/positions/${positionId}/benchmark`;

async function setup(agentLabels?: string[]) {
  const org = await makeOrganization();
  const recruiter = await makeUser(org.id, "recruiter");
  const admin = await makeUser(org.id, "admin");
  const pos = await makeExamplePosition(org.id, agentLabels);
  const post = async (fields: Record<string, string>, userId: string) => {
    const cookie = await sessionCookieFor(userId);
    return outcome(() =>
      action({
        request: postForm(path(pos.positionId), fields, cookie),
        params: { positionId: pos.positionId },
        context: {},
      }),
    );
  };
  const activeRows = () =>
    getDb().selectFrom("benchmarks").selectAll().where("position_id", "=", pos.positionId).execute();
  const audits = () =>
    getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("action", "=", "benchmark.activated")
      .execute();
  return { org, recruiter, admin, ...pos, post, activeRows, audits };
}

describe("activation guard", () => {
  it("has its thresholds in the engine: alpha 0.5 and the 5-agent minimum, per value", () => {
    expect([GUARD_MIN_ALPHA, MIN_BENCHMARK_N]).toEqual([0.5, 5]);
    const stats = (n: number, alpha: number | null) => ({
      n,
      mean: 50,
      sd: 10,
      sdUsed: n >= 5 ? 10 : null,
      median: 50,
      p10: 40,
      p90: 60,
      alpha,
    });
    const snapshot = {
      values: { a: stats(12, 0.5), b: stats(12, 0.49), c: stats(4, 0.9) },
    } as unknown as BenchmarkSnapshot;
    // 0.5 itself is not below 0.5; 4 agents is below 5
    expect(activationConcerns(snapshot, ["a", "b", "c"])).toEqual([
      { kind: "low-alpha", valueId: "b", alpha: 0.49 },
      { kind: "few-agents", valueId: "c", n: 4 },
    ]);
  });

  it("refuses a recruiter's activation and writes nothing", async () => {
    const { recruiter, post, activeRows } = await setup();
    const res = await post({ intent: "activate", confirm: "yes", reason: "Because" }, recruiter.id);
    expect(res.status).toBe(403);
    expect(await activeRows()).toHaveLength(0);
  });

  it("needs a reason when a value's alpha is below 0.5, and audits it", async () => {
    const { admin, post, activeRows, audits, positionId } = await setup();
    // The 13 example agents (12 included), vb-2: empathy alpha 0.11, patience -0.61, pace above 0.5.
    const page = await outcome(() =>
      loader({
        request: getRequest(path(positionId), undefined),
        params: { positionId },
        context: {},
      }).catch((e) => e),
    );
    expect(page.status).toBe(302); // visitors are sent to log in
    const adminPage = await outcome(async () =>
      loader({
        request: getRequest(path(positionId), await sessionCookieFor(admin.id)),
        params: { positionId },
        context: {},
      }),
    );
    const diag = adminPage.data as { activationConcerns: { valueId: string; message: string }[]; canActivate: boolean };
    expect(diag.canActivate).toBe(true);
    expect(diag.activationConcerns.map((c) => c.valueId)).toEqual(["empathy", "patience"]);
    expect(diag.activationConcerns[0].message).toBe(
      "Empathy: alpha 0.11, below 0.5: the agents answer its items too inconsistently to trust it.",
    );

    const withoutReason = await post({ intent: "activate", confirm: "yes", reason: "  " }, admin.id);
    expect(withoutReason.status).toBe(400);
    const errors = (withoutReason.data as { fieldErrors: { reason: string[] } }).fieldErrors.reason;
    expect(errors[0]).toMatch(/^Give a reason to activate despite: Empathy: alpha 0\.11, below 0\.5/);
    expect(await activeRows()).toHaveLength(0);
    expect(await audits()).toHaveLength(0);

    const withReason = await post(
      { intent: "activate", confirm: "yes", reason: "Pilot: the items are being rewritten" },
      admin.id,
    );
    expect(withReason.status).toBe(200);
    expect((await activeRows()).map((r) => r.status)).toEqual(["active"]);
    const [audit] = await audits();
    expect(audit.actor_user_id).toBe(admin.id);
    expect(JSON.parse(audit.details_json)).toMatchObject({
      reason: "Pilot: the items are being rewritten",
      concerns: [
        "Empathy: alpha 0.11, below 0.5: the agents answer its items too inconsistently to trust it.",
        "Patience: alpha -0.61, below 0.5: the agents answer its items too inconsistently to trust it.",
      ],
    });
  });

  it("needs a reason with fewer than 5 included agents on a value", async () => {
    const { admin, post, activeRows } = await setup(["a01", "a02", "a03", "a04"]);
    const res = await post({ intent: "activate", confirm: "yes" }, admin.id);
    expect(res.status).toBe(400);
    const message = (res.data as { fieldErrors: { reason: string[] } }).fieldErrors.reason[0];
    expect(message).toContain(
      "Empathy: only 4 included agents with a score (fewer than 5), so candidates get no percentile on it.",
    );
    expect(await activeRows()).toHaveLength(0);
  });
});

describe("activation guard in the reader's language (issue 18)", () => {
  it("gives a Finnish admin the reason-required error, warnings and concerns in Finnish, numbers with decimal commas", async () => {
    const { admin, post, positionId, org } = await setup();
    await setUserLanguage(org.id, admin.id, "fi");
    const cookie = await sessionCookieFor(admin.id);
    const page = await outcome(() =>
      loader({
        request: getRequest(path(positionId), cookie),
        params: { positionId },
        context: {},
      }),
    );
    const diag = page.data as { activationConcerns: { message: string }[]; warnings: { message: string }[] };
    // Empathy alpha 0.11 (the example agents, vb-2), the guard's minimum 0.5: "0,11" and "0,5" in Finnish.
    expect(diag.activationConcerns[0].message).toBe(
      "Empathy: alfa 0,11, alle 0,5: asiakaspalvelijat vastaavat sen väittämiin liian epäjohdonmukaisesti, jotta siihen voisi luottaa.",
    );
    expect(diag.warnings.map((w) => w.message).join("\n")).toMatch(
      /Empathy: asiakaspalvelijat vastaavat tämän arvon väittämiin epäjohdonmukaisesti \(alfa 0,11, alle 0,6\)/,
    );
    const res = await post({ intent: "activate", confirm: "yes", reason: " " }, admin.id);
    expect(res.status).toBe(400);
    const reason = (res.data as { fieldErrors: { reason: string[] } }).fieldErrors.reason[0];
    expect(reason).toMatch(/^Perustelkaa käyttöönotto seuraavista huolimatta: Empathy: alfa 0,11, alle 0,5:/);
    expect(reason).toMatch(/Perustelu tallennetaan tarkastuslokiin\.$/);
  });
});

describe("warnings panel", () => {
  it("groups warnings per value, the most serious group first and errors first within a group", () => {
    const values = [
      { id: "empathy", name: "Empathy" },
      { id: "pace", name: "Pace" },
    ];
    const groups = groupWarnings(
      [
        { level: "warning", valueId: "empathy", message: "e1" },
        { level: "warning", valueId: "pace", message: "p1" },
        { level: "error", valueId: "pace", message: "p2" },
        { level: "warning", message: "whole" },
      ],
      values,
    );
    expect(groups.map((g) => [g.title, g.warnings.map((w) => w.message)])).toEqual([
      ["Whole benchmark", ["whole"]],
      ["Pace", ["p2", "p1"]],
      ["Empathy", ["e1"]],
    ]);
  });
});
