import { describe, expect, it } from "vitest";
import { afterResponseSubmitted } from "../../app/models/after-submit.server";
import { activateBenchmark, setAgentMembership } from "../../app/models/benchmark.server";
import { itemSecondsFor, pagesOf, toRespondentInput } from "../../app/models/respondent-input.server";
import { getCurrentScore, recomputeScore, rescorePosition, scoreResponse } from "../../app/models/score.server";
import { buildBenchmark, scoreCandidate, type CandidateResult } from "../../app/scoring";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { makeOrganization, makeUser, run } from "../factories";
import { exampleRespondents, makeExamplePosition, makeResponseRow } from "../factories-benchmark";

withTestDatabase();

const candidates = () => exampleRespondents("candidates.csv");
const candidate = (id: string) => candidates().find((c) => c.respondent === id)!;

async function setup() {
  const org = await makeOrganization();
  const user = await makeUser(org.id, "recruiter");
  const pos = await makeExamplePosition(org.id);
  return { org, user, ...pos };
}

async function scoreRows(responseId: string) {
  // Oldest first: history rows (is_current 0) before the current one.
  return getDb()
    .selectFrom("scores")
    .selectAll()
    .where("response_id", "=", responseId)
    .orderBy("is_current")
    .orderBy("created_at")
    .execute();
}

describe("scoring on submit", () => {
  it("stores nothing while the position has no active benchmark", async () => {
    const { org, positionId, versionId } = await setup();
    const id = await makeResponseRow(org.id, positionId, versionId, "candidate", candidate("c01").answers);
    expect(await scoreResponse(org.id, id)).toBeNull();
    await afterResponseSubmitted(org.id, id);
    expect(await scoreRows(id)).toHaveLength(0);
  });

  it("stores the engine's exact result with algorithm version, questionnaire version and benchmark id", async () => {
    const { org, user, positionId, versionId, q, agentIds } = await setup();
    const { benchmarkId } = await activateBenchmark(org.id, positionId, user);
    const id = await makeResponseRow(org.id, positionId, versionId, "candidate", candidate("c01").answers);
    await afterResponseSubmitted(org.id, id);

    // The same inputs given to the engine directly: the 13 agents in submission order, respondent = response id.
    const agents = exampleRespondents("agents.csv").map((a) => ({ ...a, respondent: agentIds[a.respondent] }));
    const snapshot = buildBenchmark(q, agents, {}, "vb-2");
    const expected = scoreCandidate(q, snapshot, { respondent: id, answers: candidate("c01").answers });

    const rows = await scoreRows(id);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row.organization_id).toBe(org.id);
    expect(row.position_id).toBe(positionId);
    expect(row.benchmark_id).toBe(benchmarkId);
    expect(row.questionnaire_version_id).toBe(versionId);
    expect(row.algorithm_version).toBe("vb-2");
    expect(row.is_current).toBe(1);
    expect(JSON.parse(row.result_json)).toEqual(expected);
    expect(row.overall).toBe(expected.overall);
    expect(row.min_alignment).toBe(expected.minAlignment);
    expect(row.review).toBe(0);

    const values = await getDb().selectFrom("score_values").selectAll().where("score_id", "=", row.id).execute();
    expect(values.map((v) => v.value_key).sort()).toEqual(["empathy", "pace", "patience"]);
    for (const v of values) {
      const e = expected.values[v.value_key];
      expect([v.score, v.percentile, v.alignment, v.band, v.is_current]).toEqual([
        e.score,
        e.percentile,
        e.alignment,
        e.band,
        1,
      ]);
      expect([v.organization_id, v.position_id]).toEqual([org.id, positionId]);
    }
    // By hand, pace (target): c01 answers 3,3,3,3 -> p = .5 each -> score 50. Agents' pace scores (a07 excluded):
    // mean 681.25/12 = 56.7708, sd 12.9077; t = (50 - 56.7708) / (12.9077 * sqrt(13/12)) = -0.5040, df 11,
    // T_11(-0.5040) = 0.3121 -> percentile 31.21; alignment = 2 * min(31.21, 68.79) = 62.42; band within.
    const pace = values.find((v) => v.value_key === "pace")!;
    expect(pace.score).toBe(50);
    expect(pace.percentile).toBeCloseTo(31.21, 1);
    expect(pace.alignment).toBeCloseTo(62.42, 1);
    expect(pace.band).toBe("within");
  });

  it("does not score agents or unsubmitted candidates", async () => {
    const { org, user, positionId, versionId, agentIds } = await setup();
    await activateBenchmark(org.id, positionId, user);
    await afterResponseSubmitted(org.id, agentIds.a01);
    expect(await scoreRows(agentIds.a01)).toHaveLength(0);
    const draft = await makeResponseRow(org.id, positionId, versionId, "candidate", candidate("c02").answers, {
      submitted: false,
    });
    expect(await scoreResponse(org.id, draft)).toBeNull();
    expect(await scoreRows(draft)).toHaveLength(0);
  });

  it("flags a straightliner who fails the attention check for review (review = 1)", async () => {
    const { org, user, positionId, versionId } = await setup();
    await activateBenchmark(org.id, positionId, user);
    const id = await makeResponseRow(org.id, positionId, versionId, "candidate", candidate("c05").answers);
    const stored = await scoreResponse(org.id, id);
    expect(stored?.result.flags).toEqual(["long-string", "no-variance", "attention"]);
    const [row] = await scoreRows(id);
    expect(row.review).toBe(1);
  });

  it("a score of another organization's response is a 404", async () => {
    const { org, user, positionId, versionId } = await setup();
    await activateBenchmark(org.id, positionId, user);
    const id = await makeResponseRow(org.id, positionId, versionId, "candidate", candidate("c01").answers);
    const stored = await scoreResponse(org.id, id);
    const other = await makeOrganization("Other");
    const res1 = await run(() => scoreResponse(other.id, id));
    expect(res1 instanceof Response && res1.status).toBe(404);
    const res2 = await run(() => recomputeScore(other.id, stored!.scoreId));
    expect(res2 instanceof Response && res2.status).toBe(404);
  });
});

describe("re-scoring and history", () => {
  it("a new activation re-scores every submitted candidate; old scores stay as history with is_current 0", async () => {
    const { org, user, positionId, versionId, agentIds } = await setup();
    const ids = [];
    for (const c of candidates())
      ids.push(await makeResponseRow(org.id, positionId, versionId, "candidate", c.answers));
    const first = await activateBenchmark(org.id, positionId, user);
    expect(first.rescored).toBe(6);
    await setAgentMembership(org.id, positionId, agentIds.a13, "exclude", "Joined the team last month", user);
    const second = await activateBenchmark(org.id, positionId, user);
    expect(second.rescored).toBe(6);
    expect(second.archivedId).toBe(first.benchmarkId);

    for (const id of ids) {
      const rows = await scoreRows(id);
      expect(rows.map((r) => [r.benchmark_id, r.is_current])).toEqual([
        [first.benchmarkId, 0],
        [second.benchmarkId, 1],
      ]);
      const old = await getDb().selectFrom("score_values").selectAll().where("score_id", "=", rows[0].id).execute();
      const current = await getDb().selectFrom("score_values").selectAll().where("score_id", "=", rows[1].id).execute();
      expect(old.map((v) => v.is_current)).toEqual([0, 0, 0]);
      expect(current.map((v) => v.is_current)).toEqual([1, 1, 1]);
    }
    // The current score uses the benchmark without a13: mean of pace over 11 agents = (681.25 - 50) / 11.
    const current = await getCurrentScore(org.id, ids[0]);
    const snapshot = JSON.parse(
      (
        await getDb()
          .selectFrom("benchmarks")
          .select("snapshot_json")
          .where("id", "=", second.benchmarkId)
          .executeTakeFirstOrThrow()
      ).snapshot_json,
    );
    expect(snapshot.values.pace.mean).toBeCloseTo(631.25 / 11, 10);
    expect(current?.benchmark_id).toBe(second.benchmarkId);

    // rescorePosition adds one more current row per candidate against the same active benchmark.
    expect(await rescorePosition(org.id, positionId)).toBe(6);
    const counts = await getDb()
      .selectFrom("scores")
      .select(["is_current", (eb) => eb.fn.countAll<number>().as("n")])
      .where("position_id", "=", positionId)
      .groupBy("is_current")
      .orderBy("is_current")
      .execute();
    expect(counts.map((c) => [c.is_current, Number(c.n)])).toEqual([
      [0, 12],
      [1, 6],
    ]);
  });

  it("recompute from the stored inputs gives an identical result, also after a later activation", async () => {
    const { org, user, positionId, versionId, agentIds } = await setup();
    const ids = [];
    for (const c of candidates())
      ids.push(await makeResponseRow(org.id, positionId, versionId, "candidate", c.answers));
    await activateBenchmark(org.id, positionId, user);
    const firstScores = await Promise.all(ids.map((id) => getCurrentScore(org.id, id)));
    await setAgentMembership(org.id, positionId, agentIds.a02, "exclude", "Moved to another team", user);
    await activateBenchmark(org.id, positionId, user);
    for (const s of firstScores) {
      const recomputed: CandidateResult = await recomputeScore(org.id, s!.id);
      expect(recomputed).toEqual(s!.result);
      expect(JSON.stringify(recomputed)).toBe(s!.result_json);
    }
  });
});

describe("respondent input from a response row", () => {
  it("turns per-page milliseconds into seconds per answered item (web only)", async () => {
    const { org, positionId, versionId, q } = await setup();
    // 15 value items + 1 attention item = 16 presented items -> two pages of 8.
    expect(pagesOf(q).map((p) => p.length)).toEqual([8, 8]);
    const answers = { ...candidate("c01").answers };
    const page1 = pagesOf(q)[1];
    delete answers[page1[0]];
    delete answers[page1[1]];
    // Page 0: 8 answered in 12 s -> 1.5 s each; page 1: 6 answered in 18 s -> 3 s each.
    expect(itemSecondsFor(q, answers, JSON.stringify({ 0: 12000, 1: 18000 }))).toEqual([
      1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 3, 3, 3, 3, 3, 3,
    ]);
    const row = { id: "r1", answers_json: JSON.stringify(answers), page_times_json: JSON.stringify({ 0: 12000 }) };
    expect(toRespondentInput(q, { ...row, source: "web" }).itemSeconds).toEqual(Array(8).fill(1.5));
    expect(toRespondentInput(q, { ...row, source: "import" }).itemSeconds).toBeUndefined();

    // A web candidate who spends 8 s on each page of 8 items (1 s per item) is flagged as speeding.
    const user = await makeUser(org.id);
    await activateBenchmark(org.id, positionId, user);
    const fast = await makeResponseRow(org.id, positionId, versionId, "candidate", candidate("c01").answers, {
      source: "web",
      pageTimes: { 0: 8000, 1: 8000 },
    });
    const stored = await scoreResponse(org.id, fast);
    expect(stored?.result.flags).toEqual(["speeding"]);
    expect(stored?.result.review).toBe(false);
  });
});
