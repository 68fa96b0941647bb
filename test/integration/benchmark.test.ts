import { describe, expect, it } from "vitest";
import {
  activateBenchmark,
  computeDraftBenchmark,
  getBenchmarkDiagnostics,
  setAgentMembership,
} from "../../app/models/benchmark.server";
import { action, loader } from "../../app/routes/app.positions.$positionId.benchmark";
import { buildBenchmark, computeFlags, leaveOneOutMeans, type RespondentInput } from "../../app/scoring";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, postForm, run, sessionCookieFor } from "../factories";
import { exampleRespondents, makeExamplePosition, makeResponseRow } from "../factories-benchmark";

withTestDatabase();

async function setup(agentLabels?: string[]) {
  const org = await makeOrganization();
  const user = await makeUser(org.id, "recruiter");
  const pos = await makeExamplePosition(org.id, agentLabels);
  const engineAgents: RespondentInput[] = exampleRespondents("agents.csv")
    .filter((a) => !agentLabels || agentLabels.includes(a.respondent))
    .map((a) => ({ ...a, respondent: pos.agentIds[a.respondent] }));
  return { org, user, ...pos, engineAgents };
}

const path = (positionId: string) => `/app/positions/${positionId}/benchmark`;

describe("benchmark diagnostics", () => {
  it("equal the engine's numbers for the same inputs (and a few by hand)", async () => {
    const { org, positionId, q, agentIds, engineAgents } = await setup();
    const diag = await getBenchmarkDiagnostics(org.id, positionId);
    const expected = buildBenchmark(q, engineAgents, {}, "vb-2");
    expect(diag.snapshot).toEqual(expected);
    expect(diag.snapshot.agents).toBe(13);
    expect(diag.snapshot.excluded).toEqual([
      { respondent: agentIds.a07, flags: ["long-string", "no-variance"], reason: "flags" },
    ]);
    // By hand (pace: items 3,4 reversed, p = (x' - 1) / 4): the 12 included agents' pace scores sum to 681.25;
    // sorted ... 50, 56.25, 56.25, 56.25, ... -> median 56.25.
    expect(diag.snapshot.values.pace.n).toBe(12);
    expect(diag.snapshot.values.pace.mean).toBeCloseTo(681.25 / 12, 10);
    expect(diag.snapshot.values.pace.median).toBe(56.25);
    expect(diag.snapshot.values.pace.sd).toBeCloseTo(12.907652, 5);
    expect(diag.snapshot.values.pace.sdUsed).toBe(diag.snapshot.values.pace.sd);

    const loo = leaveOneOutMeans(q, engineAgents, {});
    for (const agent of diag.agents) {
      expect(agent.flags).toEqual(
        computeFlags(
          q,
          engineAgents.find((a) => a.respondent === agent.responseId)!,
        ).flags,
      );
      const without = loo.find((l) => l.respondent === agent.responseId);
      if (!without) {
        expect(agent.status).toBe("excluded");
        expect(agent.pull).toBeNull();
        continue;
      }
      for (const v of q.values) {
        expect(agent.pull![v.id]).toBeCloseTo(expected.values[v.id].mean! - without.means[v.id]!, 10);
      }
    }
    // a01's pace score is 37.5; without a01 the mean is (681.25 - 37.5) / 11 = 58.5227, so a01 pulls it by -1.7519.
    const a01 = diag.agents.find((a) => a.label === "a01")!;
    expect(a01.scores.pace).toBe(37.5);
    expect(a01.pull!.pace).toBeCloseTo(681.25 / 12 - 643.75 / 11, 10);
    expect(a01.pull!.pace).toBeCloseTo(-1.7519, 4);
    const a07 = diag.agents.find((a) => a.label === "a07")!;
    expect([a07.status, a07.excludedBy, a07.hard]).toEqual(["excluded", "flags", true]);
    expect(a07.flagExplanations[1]).toMatch(/same answer to every statement/);

    // 12 agents, consensus on both scenarios: only alpha can warn.
    for (const w of diag.warnings) expect(w.message).toMatch(/inconsistently/);
    const lowAlpha = q.values.filter((v) => (expected.values[v.id].alpha ?? 1) < 0.6).map((v) => v.id);
    expect(diag.warnings.map((w) => w.valueId)).toEqual(lowAlpha);
  });

  it("warn in plain words about a small benchmark, shrinkage and a scenario without consensus", async () => {
    const four = await setup(["a01", "a02", "a03", "a04"]);
    const small = await getBenchmarkDiagnostics(four.org.id, four.positionId);
    expect(small.snapshot.values.empathy.sdUsed).toBeNull();
    const text = small.warnings.map((w) => w.message).join("\n");
    expect(text).toMatch(/Empathy: only 4 agents with a score \(fewer than 5\)\. Candidates get no percentile/);
    expect(text).toMatch(/only 4 agents answered \(fewer than 5\), so it is not scored/);

    const seven = await setup(["a01", "a02", "a03", "a04", "a05", "a06", "a08"]);
    const mid = await getBenchmarkDiagnostics(seven.org.id, seven.positionId);
    expect(mid.warnings.map((w) => w.message).join("\n")).toMatch(/Pace: 7 agents \(5 to 9\)\. The spread is pulled/);

    // Six agents split over pat-s1 (a, b, c, d, a, b): shares (c + 1) / (6 + 4) -> the top is 0.3 < 0.5.
    const org = await makeOrganization();
    const split = await makeExamplePosition(org.id, []);
    const choices = ["a", "b", "c", "d", "a", "b"];
    const base = exampleRespondents("agents.csv");
    for (let i = 0; i < 6; i++) {
      await makeResponseRow(org.id, split.positionId, split.versionId, "agent", {
        ...base[i].answers,
        "pat-s1": choices[i],
      });
    }
    const diag = await getBenchmarkDiagnostics(org.id, split.positionId);
    expect(diag.snapshot.scenarios["pat-s1"].shares.a).toBeCloseTo(0.3, 10);
    const w = diag.warnings.find((x) => x.itemId === "pat-s1");
    expect(w?.message).toMatch(/no clear consensus among the agents \(the most chosen answer has a share of 30%/);
    expect(diag.warnings.find((x) => x.itemId === "emp-s1")).toBeUndefined();
  });

  it("include and exclude change the draft snapshot and are audited with the reason", async () => {
    const { org, user, positionId, q, agentIds, engineAgents } = await setup();
    await setAgentMembership(org.id, positionId, agentIds.a01, "exclude", "On leave when answering", user);
    await setAgentMembership(org.id, positionId, agentIds.a07, "include", "Really agrees with everything", user);
    const draft = await computeDraftBenchmark(org.id, positionId);
    expect(draft.snapshot).toEqual(
      buildBenchmark(q, engineAgents, { include: [agentIds.a07], exclude: [agentIds.a01] }, "vb-2"),
    );
    expect(draft.snapshot.included).not.toContain(agentIds.a01);
    expect(draft.snapshot.included).toContain(agentIds.a07);
    expect(draft.snapshot.excluded).toEqual([{ respondent: agentIds.a01, flags: [], reason: "recruiter" }]);
    // Pace with a07 (4,4,4,4 -> x' 4,2,4,2 -> p .75,.25,.75,.25 -> 50) instead of a01 (37.5):
    // (681.25 - 37.5 + 50) / 12 = 57.8125.
    expect(draft.snapshot.values.pace.mean).toBeCloseTo(57.8125, 10);

    const diag = await getBenchmarkDiagnostics(org.id, positionId);
    const a01 = diag.agents.find((a) => a.label === "a01")!;
    expect(a01.override).toMatchObject({
      decision: "exclude",
      reason: "On leave when answering",
      by: "Test recruiter",
    });
    expect(a01.excludedBy).toBe("recruiter");

    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", org.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ["benchmark.agent_excluded", agentIds.a01],
      ["benchmark.agent_included", agentIds.a07],
    ]);
    expect(JSON.parse(audit[0].details_json)).toMatchObject({ reason: "On leave when answering", agent: "a01" });

    // Changing one's mind overwrites the decision (one override per agent).
    await setAgentMembership(org.id, positionId, agentIds.a01, "include", "Back from leave", user);
    expect((await computeDraftBenchmark(org.id, positionId)).snapshot.included).toContain(agentIds.a01);
    await expect(setAgentMembership(org.id, positionId, agentIds.a02, "exclude", "   ", user)).rejects.toThrow(
      /reason/,
    );
  });

  it("activation stores the draft as active, archives the previous one and audits it", async () => {
    const { org, user, positionId, agentIds } = await setup();
    const first = await activateBenchmark(org.id, positionId, user);
    await setAgentMembership(org.id, positionId, agentIds.a03, "exclude", "Answered for the wrong team", user);
    const second = await activateBenchmark(org.id, positionId, user);
    const rows = await getDb()
      .selectFrom("benchmarks")
      .select(["id", "status", "activated_by"])
      .where("position_id", "=", positionId)
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [first.benchmarkId]: "archived",
      [second.benchmarkId]: "active",
    });
    expect(rows.every((r) => r.activated_by === user.id)).toBe(true);
    const diag = await getBenchmarkDiagnostics(org.id, positionId);
    expect(diag.active?.id).toBe(second.benchmarkId);
    expect(diag.active?.snapshot.included).not.toContain(agentIds.a03);
    expect(diag.draftDiffers).toBe(false);
    expect(diag.history.map((h) => h.id)).toEqual([first.benchmarkId]);
    const audits = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_id", "details_json"])
      .where("organization_id", "=", org.id)
      .where("action", "=", "benchmark.activated")
      .execute();
    expect(audits.map((a) => a.target_id)).toEqual([first.benchmarkId, second.benchmarkId]);
    expect(JSON.parse(audits[1].details_json)).toMatchObject({ archived: first.benchmarkId, included: 11, agents: 13 });
  });
});

describe("benchmark page", () => {
  it("shows the diagnostics to a recruiter and to an admin; a visitor goes to login", async () => {
    const { org, user, positionId } = await setup();
    const visitor = await outcome(() =>
      loader({ request: getRequest(path(positionId)), params: { positionId }, context: {} }),
    );
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login\?redirectTo=/);
    const cookie = await sessionCookieFor(user.id);
    const res = await outcome(() =>
      loader({ request: getRequest(path(positionId), cookie), params: { positionId }, context: {} }),
    );
    expect(res.status).toBe(200);
    expect((res.data as { agents: unknown[] }).agents).toHaveLength(13);
    const admin = await makeUser(org.id, "admin");
    const adminCookie = await sessionCookieFor(admin.id);
    const adminRes = await outcome(() =>
      loader({ request: getRequest(path(positionId), adminCookie), params: { positionId }, context: {} }),
    );
    expect(adminRes.status).toBe(200);
  });

  it("excludes an agent with a reason and activates through the action", async () => {
    const { org, user, positionId, agentIds } = await setup();
    const cookie = await sessionCookieFor(user.id);
    // activation is for admins (issue 21, point 6)
    const adminCookie = await sessionCookieFor((await makeUser(org.id, "admin")).id);
    const post = (fields: Record<string, string>) =>
      outcome(() =>
        action({ request: postForm(path(positionId), fields, cookie), params: { positionId }, context: {} }),
      );

    const noReason = await post({ intent: "membership", responseId: agentIds.a05, decision: "exclude", reason: "" });
    expect(noReason.status).toBe(400);
    expect((noReason.data as { fieldErrors: Record<string, string[]> }).fieldErrors.reason[0]).toMatch(/reason/);
    const members = () =>
      getDb().selectFrom("benchmark_members").selectAll().where("position_id", "=", positionId).execute();
    expect(await members()).toHaveLength(0);

    const ok = await post({ intent: "membership", responseId: agentIds.a05, decision: "exclude", reason: "Trainee" });
    expect(ok.status).toBe(200);
    const member = await getDb()
      .selectFrom("benchmark_members")
      .selectAll()
      .where("response_id", "=", agentIds.a05)
      .executeTakeFirstOrThrow();
    expect([member.decision, member.reason, member.updated_by]).toEqual(["exclude", "Trainee", user.id]);

    const postAsAdmin = (fields: Record<string, string>) =>
      outcome(() =>
        action({ request: postForm(path(positionId), fields, adminCookie), params: { positionId }, context: {} }),
      );
    const unconfirmed = await postAsAdmin({ intent: "activate" });
    expect(unconfirmed.status).toBe(400);
    // the example agents' empathy and patience alphas are below 0.5: a reason is needed
    const activated = await postAsAdmin({ intent: "activate", confirm: "yes", reason: "Pilot with the example team" });
    expect(activated.status).toBe(200);
    const active = await getDb()
      .selectFrom("benchmarks")
      .select("snapshot_json")
      .where("position_id", "=", positionId)
      .where("status", "=", "active")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(active.snapshot_json).included).not.toContain(agentIds.a05);
    expect(JSON.parse(active.snapshot_json).agents).toBe(13);
    expect(org.id).not.toBe("");
  });

  it("another organization's position, agent or action is a 404", async () => {
    const { positionId, agentIds } = await setup();
    const other = await makeOrganization("Other");
    const stranger = await makeUser(other.id, "admin");
    const cookie = await sessionCookieFor(stranger.id);
    const get = await outcome(() =>
      loader({ request: getRequest(path(positionId), cookie), params: { positionId }, context: {} }),
    );
    expect(get.status).toBe(404);
    const attempts: Record<string, string>[] = [
      { intent: "membership", responseId: agentIds.a01, decision: "exclude", reason: "Not mine" },
      { intent: "activate", confirm: "yes" },
    ];
    for (const fields of attempts) {
      const res = await outcome(() =>
        action({ request: postForm(path(positionId), fields, cookie), params: { positionId }, context: {} }),
      );
      expect(res.status).toBe(404);
    }
    // An agent of another organization through the stranger's own position: also 404, nothing written.
    const own = await makeExamplePosition(other.id, ["a01"]);
    const res = await outcome(() =>
      action({
        request: postForm(
          path(own.positionId),
          { intent: "membership", responseId: agentIds.a01, decision: "exclude", reason: "Not mine" },
          cookie,
        ),
        params: { positionId: own.positionId },
        context: {},
      }),
    );
    expect(res.status).toBe(404);
    expect(
      await getDb().selectFrom("benchmark_members").selectAll().where("organization_id", "=", other.id).execute(),
    ).toHaveLength(0);
    const direct = await run(() => getBenchmarkDiagnostics(other.id, positionId));
    expect(direct instanceof Response && direct.status).toBe(404);
  });

  it("without agents shows the empty state and refuses to activate", async () => {
    const org = await makeOrganization();
    const user = await makeUser(org.id, "admin");
    const { positionId } = await makeExamplePosition(org.id, []);
    const cookie = await sessionCookieFor(user.id);
    const res = await outcome(() =>
      loader({ request: getRequest(path(positionId), cookie), params: { positionId }, context: {} }),
    );
    const diag = res.data as { agents: unknown[]; warnings: { message: string }[]; active: unknown };
    expect(diag.agents).toEqual([]);
    expect(diag.warnings[0].message).toMatch(/No agent has submitted answers yet/);
    const act = await outcome(() =>
      action({
        request: postForm(path(positionId), { intent: "activate", confirm: "yes" }, cookie),
        params: { positionId },
        context: {},
      }),
    );
    expect(act.status).toBe(409);
    expect(
      await getDb().selectFrom("benchmarks").selectAll().where("position_id", "=", positionId).execute(),
    ).toHaveLength(0);
  });
});
