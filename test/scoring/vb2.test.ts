// vb-2 rules (SCORING.md sections 4-7, 10-13), each against numbers worked out by hand or with jstat.
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { studentTQuantile } from "../../app/scoring/distributions";
import {
  agentValueScores,
  buildBenchmark,
  computeFlags,
  correlation,
  correlationP,
  criticalR,
  dfUsedOf,
  scoreAll,
  scoreCandidate,
  standardizedDifference,
} from "../../app/scoring/index";
import type { RespondentInput } from "../../app/scoring/types";
import { likert, oneItemRespondents, questionnaire, rating, respondent, scenario, value, vb1 } from "./helpers";

/** The ncp with NCT_df,ncp(t) = target by bisection on jstat's noncentral t (the CDF falls as ncp grows). */
function jstatNcp(t: number, df: number, target: number): number {
  let lo = t - 20;
  let hi = t + 20;
  for (let i = 0; i < 200; i += 1) {
    const mid = (lo + hi) / 2;
    if (jStat.noncentralt.cdf(t, df, mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function comparisonAgents(itemId: string, answers: (number | string | null)[], prefix = "b"): RespondentInput[] {
  return oneItemRespondents(itemId, answers, prefix).map((r) => ({ ...r, group: "comparison" as const }));
}

describe("leave-one-out scenario consensus (section 5)", () => {
  // One scenario item, K = 3; six top agents chose a, a, a, a, b, c (m = 6).
  // Full shares: a 5/9, b 2/9, c 2/9 -> p(a) = 1, p(b) = p(c) = 0.4.
  // An a-chooser against the others: counts 3, 1, 1 -> shares 4/8, 2/8, 2/8 -> p = 1.
  // The b-chooser against the others: counts 4, 0, 1 -> shares 5/8, 1/8, 2/8 -> p = 1/5 (and so for c).
  const q = questionnaire([value("v", [scenario("s")])]);
  const agents = oneItemRespondents("s", ["a", "a", "a", "a", "b", "c"], "a");

  it("scores each included top agent against the other agents' consensus", () => {
    const snapshot = buildBenchmark(q, agents, {}, "vb-2");
    expect(snapshot.scenarios.s).toEqual({ m: 6, shares: { a: 5 / 9, b: 2 / 9, c: 2 / 9 }, scored: true });
    // Value scores 100, 100, 100, 100, 20, 20: mean 440 / 6.
    expect(snapshot.values.v.n).toBe(6);
    expect(snapshot.values.v.mean).toBeCloseTo(440 / 6, 12);
    expect(agentValueScores(q, snapshot, agents[4]).v).toBeCloseTo(20, 12);
    expect(agentValueScores(q, snapshot, agents[0]).v).toBe(100);
    // vb-1: everyone with the full shares, 100 x 4, 40, 40: mean 80.
    expect(vb1.buildBenchmark(q, agents).values.v.mean).toBeCloseTo(80, 12);
  });

  it("scores candidates, comparison agents and excluded agents with the full shares", () => {
    const snapshot = buildBenchmark(q, [...agents, ...comparisonAgents("s", ["b"])], { exclude: ["a01"] }, "vb-2");
    // Without a01: a, a, a, b, c (m = 5): shares a 4/8, b 2/8, c 2/8 -> full p(b) = 0.5.
    expect(scoreCandidate(q, snapshot, respondent("c", { s: "b" })).values.v.score).toBeCloseTo(50, 12);
    expect(agentValueScores(q, snapshot, { ...respondent("b1", { s: "b" }), group: "comparison" }).v).toBeCloseTo(
      50,
      12,
    );
    expect(agentValueScores(q, snapshot, agents[0]).v).toBeCloseTo(50 * 2, 12); // a01 chose a, excluded: full shares, p = 1
    // The included b-chooser a05 against a02..a04, a06: counts 3, 0, 1 -> shares 4/7, 1/7, 2/7 -> p = 1/4.
    expect(agentValueScores(q, snapshot, agents[4]).v).toBeCloseTo(25, 12);
  });

  it("applies the m < 5 rule to the full m", () => {
    // Five agents answer: m = 5 >= 5, scored, although each agent's consensus has only 4 others.
    const five = buildBenchmark(q, oneItemRespondents("s", ["a", "a", "a", "b", "c"]), {}, "vb-2");
    expect(five.scenarios.s.scored).toBe(true);
    expect(five.values.v.n).toBe(5);
    const four = buildBenchmark(q, oneItemRespondents("s", ["a", "a", "a", "b"]), {}, "vb-2");
    expect(four.scenarios.s.scored).toBe(false);
    expect(four.values.v.n).toBe(0);
  });
});

describe("dfUsed (section 4) and its effect on the percentile (section 7)", () => {
  it("is n - 1 + 4 for 5 <= n <= 9, n - 1 from 10, null below 5", () => {
    expect([4, 5, 6, 7, 8, 9, 10, 11].map(dfUsedOf)).toEqual([null, 8, 9, 10, 11, 12, 9, 10]);
    const q = questionnaire([value("v", [likert("l")])]);
    for (const n of [4, 5, 6, 7, 8, 9, 10]) {
      const answers = Array.from({ length: n }, (_, i) => 1 + (i % 5));
      const stats = buildBenchmark(q, oneItemRespondents("l", answers), {}, "vb-2").values.v;
      expect(stats.dfUsed).toBe(n < 5 ? null : n < 10 ? n + 3 : n - 1);
      expect(Object.keys(stats)).toEqual(["n", "mean", "sd", "sdUsed", "dfUsed", "median", "p10", "p90", "alpha"]);
    }
    expect(Object.keys(vb1.buildBenchmark(q, oneItemRespondents("l", [1, 2, 3, 4, 5])).values.v)).not.toContain(
      "dfUsed",
    );
  });

  it("uses dfUsed for the percentile and the interval", () => {
    // n = 5 agents scoring 0, 25, 50, 75, 100: mean 50, sd^2 = 6250 / 4 = 1562.5, the only value, so s0^2 = sd^2
    // and sdUsed = sd. A candidate at 100: t = 50 / (sd * sqrt(6 / 5)) = 2 / sqrt(3); df = 8 (vb-2), 4 (vb-1).
    const q = questionnaire([value("v", [likert("l")])]);
    const agents = oneItemRespondents("l", [1, 2, 3, 4, 5]);
    const candidate = respondent("c", { l: 5 });
    const t = 2 / Math.sqrt(3);
    const vb2 = scoreCandidate(q, buildBenchmark(q, agents, {}, "vb-2"), candidate).values.v;
    const old = scoreCandidate(q, vb1.buildBenchmark(q, agents), candidate).values.v;
    expect(vb2.percentile).toBeCloseTo(100 * jStat.studentt.cdf(t, 8), 9);
    expect(old.percentile).toBeCloseTo(100 * jStat.studentt.cdf(t, 4), 9);
    expect(vb2.percentile as number).toBeGreaterThan(old.percentile as number); // more df, thinner tails
    // Interval: c = 50 / sd, d = c * sqrt(5) = 2 * sqrt(2); deltas of NCT with df 8, mapped by Phi(delta / sqrt(5)).
    const d = 2 * Math.SQRT2;
    const low = jstatNcp(d, 8, 0.975);
    const high = jstatNcp(d, 8, 0.025);
    expect(vb2.ciLow).toBeCloseTo(100 * jStat.normal.cdf(low / Math.sqrt(5), 0, 1), 6);
    expect(vb2.ciHigh).toBeCloseTo(100 * jStat.normal.cdf(high / Math.sqrt(5), 0, 1), 6);
  });
});

describe("alpha over likert and rating items only (section 4)", () => {
  // l1, l2 and a scenario every agent answers "a". Item scores of l1: 0, .5, 1, .5, .5 (variance .125), of l2:
  // 0, 1, .5, .5, .5 (.125); totals 0, 1.5, 1.5, 1, 1 (variance .375): vb-2 alpha = 2 (1 - .25 / .375) = 2/3.
  // vb-1 adds the scenario (p = 1 for all, variance 0): k = 3, same total variance: 1.5 (1 - .25 / .375) = 0.5.
  const q = questionnaire([value("v", [likert("l1"), likert("l2"), scenario("s")])]);
  const rows: [number, number][] = [
    [1, 1],
    [3, 5],
    [5, 3],
    [3, 3],
    [3, 3],
  ];
  const agents = rows.map(([l1, l2], i) => respondent(`a${i + 1}`, { l1, l2, s: "a" }));

  it("leaves scenario items out, and completeness is over likert and rating items", () => {
    expect(buildBenchmark(q, agents, {}, "vb-2").values.v.alpha).toBeCloseTo(2 / 3, 12);
    expect(vb1.buildBenchmark(q, agents).values.v.alpha).toBeCloseTo(0.5, 12);
    // A sixth agent (l1 = l2 = 3, p = .5, .5) who skipped the scenario counts for vb-2 only.
    // Totals 0, 1.5, 1.5, 1, 1, 1: mean 1, variance 1.5 / 5 = .3; item variances .5 / 5 = .1 each:
    // alpha = 2 (1 - .2 / .3) = 2/3 again.
    const six = [...agents, respondent("a6", { l1: 3, l2: 3 })];
    expect(buildBenchmark(q, six, {}, "vb-2").values.v.alpha).toBeCloseTo(2 / 3, 12);
  });

  it("is null with fewer than 2 likert and rating items", () => {
    const one = questionnaire([value("v", [likert("l1"), scenario("s"), scenario("t")])]);
    const answers = rows.map(([l1], i) => respondent(`a${i + 1}`, { l1, s: "a", t: i % 2 ? "b" : "a" }));
    expect(buildBenchmark(one, answers, {}, "vb-2").values.v.alpha).toBeNull();
    expect(vb1.buildBenchmark(one, answers).values.v.alpha).not.toBeNull();
  });
});

describe("flags in presentation order, no-variance from 6, impression (sections 6 and 10)", () => {
  const eight = (prefix: string) => Array.from({ length: 8 }, (_, i) => likert(`${prefix}${i + 1}`));
  const q = questionnaire([value("a", eight("a")), value("b", eight("b"))]);
  const answersOf = (a: number[], b: number[]) =>
    Object.fromEntries([...a.map((x, i) => [`a${i + 1}`, x]), ...b.map((x, i) => [`b${i + 1}`, x])]);

  it("reads likert items round robin (a1, b1, a2, b2, ...) under vb-2 and in file order under vb-1", () => {
    // File order: 3 3 3 3 1 2 1 2 | 3 3 3 3 2 1 2 1 -> longest run 4. Presentation: eight 3s, then 1 2 2 1 1 2 2 1.
    const runInPresentation = respondent("x", answersOf([3, 3, 3, 3, 1, 2, 1, 2], [3, 3, 3, 3, 2, 1, 2, 1]));
    expect(computeFlags(q, runInPresentation, "vb-2").flags).toEqual(["long-string"]);
    expect(computeFlags(q, runInPresentation, "vb-1").flags).toEqual([]);
    // File order: eight 3s in a row. Presentation: 3 1 3 2 3 1 ... -> runs of 1.
    const runInFile = respondent("y", answersOf([3, 3, 3, 3, 3, 3, 3, 3], [1, 2, 1, 2, 1, 2, 1, 2]));
    expect(computeFlags(q, runInFile, "vb-1").flags).toEqual(["long-string"]);
    expect(computeFlags(q, runInFile, "vb-2").flags).toEqual([]);
    // The candidate path (scoreCandidate's own scan) agrees.
    const snapshot = buildBenchmark(q, [], {}, "vb-2");
    expect(scoreCandidate(q, snapshot, runInPresentation).flags).toEqual(["long-string"]);
    expect(scoreCandidate(q, snapshot, runInFile).flags).toEqual([]);
  });

  it("raises no-variance from 6 equal likert answers under vb-2 (10 under vb-1)", () => {
    const six = questionnaire([
      value(
        "v",
        Array.from({ length: 6 }, (_, i) => likert(`l${i}`)),
      ),
    ]);
    const sixEqual = respondent("x", Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`l${i}`, 2])));
    expect(computeFlags(six, sixEqual, "vb-2")).toEqual({ flags: ["no-variance"], hard: true, review: true });
    expect(computeFlags(six, sixEqual, "vb-1").flags).toEqual([]);
    const five = respondent("y", { ...sixEqual.answers, l5: null });
    expect(computeFlags(six, five, "vb-2").flags).toEqual([]);
    expect(scoreCandidate(six, buildBenchmark(six, [], {}, "vb-2"), sixEqual).flags).toEqual(["no-variance"]);
  });

  describe("impression", () => {
    const virtues = ["v1", "v2", "v3", "v4", "v5"].map((id) => ({ id, text: id, scale: { min: 1, max: 5 } }));
    const qv = questionnaire([value("v", [likert("l1"), likert("l2")])], { virtues });
    const snapshot = buildBenchmark(qv, [], {}, "vb-2");
    it.each([
      ["2 of 3 answered at the maximum", { v1: 5, v2: 5, v3: 4 }, true],
      ["2 of 4 (exactly half)", { v1: 5, v2: 5, v3: 4, v4: 1 }, true],
      ["2 of 5 (less than half)", { v1: 5, v2: 5, v3: 4, v4: 1, v5: 2 }, false],
      ["1 of 1 (fewer than 2)", { v1: 5 }, false],
      ["2 of 2, the rest unanswered", { v1: 5, v2: 5, v3: null }, true],
      ["none answered", {}, false],
    ])("%s", (_, answers, raised) => {
      const input = respondent("x", { l1: 2, l2: 4, ...answers });
      const expected = raised ? ["impression"] : [];
      expect(computeFlags(qv, input, "vb-2")).toEqual({ flags: expected, hard: false, review: false });
      expect(scoreCandidate(qv, snapshot, input).flags).toEqual(expected);
    });

    it("is soft: with speeding it puts the response on the review list; it never changes a score", () => {
      const input = respondent("x", { l1: 2, l2: 4, v1: 5, v2: 5 }, [1, 1]);
      expect(computeFlags(qv, input, "vb-2")).toEqual({ flags: ["impression", "speeding"], hard: false, review: true });
      const without = respondent("x", { l1: 2, l2: 4 });
      expect(scoreCandidate(qv, snapshot, input).values).toEqual(scoreCandidate(qv, snapshot, without).values);
    });

    it("is refused by vb-1, and virtue answers are validated", () => {
      expect(() => vb1.buildBenchmark(qv, [])).toThrow(/virtue items need algorithm vb-2/);
      expect(() => scoreCandidate(qv, snapshot, respondent("x", { v1: 6 }))).toThrow(/"v1": expected an integer/);
    });
  });
});

describe("contrast (section 11)", () => {
  // Top agents 0, 25, 50, 75, 100 (mean 50, variance 1562.5); comparison 0, 0, 25, 25, 50 (mean 20, variance
  // 1750 / 4 = 437.5). df = 8, pooled variance (4 * 1562.5 + 4 * 437.5) / 8 = 1000: sdPooled = sqrt(1000),
  // d = 30 / sqrt(1000) = 0.948683, g = d (1 - 3 / 31), k = sqrt(2 / 5), t = d / k = 1.5 exactly.
  const q = questionnaire([value("v", [likert("l")])]);
  const top = oneItemRespondents("l", [1, 2, 3, 4, 5]);
  const comparison = comparisonAgents("l", [1, 1, 2, 2, 3]);

  it("gives d, g and the MBESS ci.smd interval", () => {
    const contrast = buildBenchmark(q, [...top, ...comparison], {}, "vb-2").contrast;
    const k = Math.sqrt(2 / 5);
    const d = 30 / Math.sqrt(1000);
    expect(contrast).toEqual({
      agents: 5,
      excluded: [],
      values: {
        v: {
          nTop: 5,
          nComparison: 5,
          meanTop: 50,
          meanComparison: 20,
          sdPooled: expect.closeTo(Math.sqrt(1000), 12),
          d: expect.closeTo(d, 12),
          g: expect.closeTo((d * 28) / 31, 12),
          ciLow: expect.closeTo(jstatNcp(1.5, 8, 0.975) * k, 6),
          ciHigh: expect.closeTo(jstatNcp(1.5, 8, 0.025) * k, 6),
          verdict: "unclear",
        },
      },
    });
  });

  it("distinguishes, reverses, floors the pooled sd and needs 5 per group", () => {
    // Comparison 0, 0, 0, 0, 25: t = 45 / sqrt(843.75) / sqrt(.4) = 2.449 > t(.975, 8) = 2.306: ciLow > 0.
    const low = comparisonAgents("l", [1, 1, 1, 1, 2]);
    expect(buildBenchmark(q, [...top, ...low], {}, "vb-2").contrast?.values.v.verdict).toBe("distinguishes");
    const high = comparisonAgents("l", [5, 5, 5, 5, 4]);
    expect(buildBenchmark(q, [...top, ...high], {}, "vb-2").contrast?.values.v.verdict).toBe("reversed");
    // Both groups unanimous: pooled sd 0 -> floored at 2.5, d = (100 - 50) / 2.5 = 20.
    const same = standardizedDifference(5, 100, 0, 5, 50, 0);
    expect(same.sdPooled).toBe(2.5);
    expect(same.d).toBe(20);
    const four = buildBenchmark(q, [...top, ...comparison.slice(0, 4)], {}, "vb-2").contrast?.values.v;
    expect(four).toEqual({
      nTop: 5,
      nComparison: 4,
      meanTop: 50,
      meanComparison: 12.5,
      sdPooled: null,
      d: null,
      g: null,
      ciLow: null,
      ciHigh: null,
      verdict: null,
    });
  });

  it("leaves out hard-flagged comparison agents and is null without comparison agents", () => {
    const qa = questionnaire([value("v", [likert("l")])], {
      attention: [{ id: "att", text: "Pick 4", expect: 4, scale: { min: 1, max: 5 } }],
    });
    const failing = { ...respondent("b9", { l: 1, att: 2 }), group: "comparison" as const };
    const contrast = buildBenchmark(qa, [...top, ...comparison, failing], {}, "vb-2").contrast;
    expect(contrast?.agents).toBe(6);
    expect(contrast?.excluded).toEqual([{ respondent: "b9", flags: ["attention"] }]);
    expect(contrast?.values.v.nComparison).toBe(5);
    expect(buildBenchmark(q, top, {}, "vb-2").contrast).toBeNull();
    expect(buildBenchmark(q, [...top, ...comparison], {}, "vb-2").agents).toBe(5);
    expect(() => vb1.buildBenchmark(q, [...top, ...comparison])).toThrow(/comparison group needs algorithm vb-2/);
  });
});

describe("outcomes (section 12)", () => {
  // x = 1..10, y = 2 1 4 3 6 5 8 7 10 9: Sxx = Syy = 82.5, Sxy = 82.5 - 5 = 77.5, r = 31/33.
  // atanh(31/33) = ln(64 / 2) / 2 = ln(32) / 2; t = r sqrt(8 / (1 - r^2)) = (31/33) * 8.25 = 7.75.
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9];

  it("gives r, the Fisher-z interval, p as cor.test and rCritical", () => {
    const z = Math.log(32) / 2;
    const half = 1.959963984540054 / Math.sqrt(7);
    const tc = jStat.studentt.inv(0.975, 8);
    expect(correlation(x, y)).toEqual({
      n: 10,
      r: expect.closeTo(31 / 33, 14),
      ciLow: expect.closeTo(Math.tanh(z - half), 12),
      ciHigh: expect.closeTo(Math.tanh(z + half), 12),
      p: expect.closeTo(2 * jStat.studentt.cdf(-7.75, 8), 12),
      rCritical: expect.closeTo(tc / Math.sqrt(8 + tc * tc), 7),
    });
    expect(correlationP(-31 / 33, 10)).toBeCloseTo(correlationP(31 / 33, 10), 15);
  });

  it("rCritical: the table values (19 agents: beyond +-0.456)", () => {
    // t(.975, 17) = 2.109816: 2.109816 / sqrt(17 + 2.109816^2) = 0.4555.
    expect(criticalR(19)).toBeCloseTo(0.4555, 4);
    expect(studentTQuantile(0.975, 17)).toBeCloseTo(2.109816, 6);
    // jstat's t CDF agrees with the engine's to ~1e-11 here: the quantile is right to ~2e-10 in t.
    expect(jStat.studentt.cdf(studentTQuantile(0.975, 17), 17)).toBeCloseTo(0.975, 10);
    expect(jStat.studentt.cdf(studentTQuantile(0.025, 3), 3)).toBeCloseTo(0.025, 10);
    // t(.975, 1) = 12.7062: 12.7062 / sqrt(1 + 161.448) = 0.99692.
    expect(criticalR(3)).toBeCloseTo(0.99692, 5);
    expect(criticalR(2)).toBeNull();
  });

  it("needs 10 pairs and non-constant x and y for r; rCritical from 3 pairs", () => {
    expect(correlation(x.slice(0, 9), y.slice(0, 9))).toMatchObject({ n: 9, r: null, p: null, ciLow: null });
    expect(correlation(x.slice(0, 9), y.slice(0, 9)).rCritical).not.toBeNull();
    expect(
      correlation(
        x,
        x.map(() => 4),
      ),
    ).toMatchObject({ n: 10, r: null });
    expect(correlation([], [])).toEqual({ n: 0, r: null, ciLow: null, ciHigh: null, p: null, rCritical: null });
  });

  it("pairs included agents of both groups (top agents leave-one-out) and candidates with their outcomes", () => {
    const q = questionnaire([value("v", [likert("l"), rating("r")])]);
    const top = Array.from({ length: 6 }, (_, i) => respondent(`a${i}`, { l: 1 + (i % 5), r: i }));
    const comparison = Array.from({ length: 5 }, (_, i) => ({
      ...respondent(`b${i}`, { l: 1 + ((i + 2) % 5), r: 10 - i }),
      group: "comparison" as const,
    }));
    const candidates = Array.from({ length: 4 }, (_, i) => respondent(`c${i}`, { l: 2 + i, r: 2 * i }));
    const ids = [...top, ...comparison, ...candidates].map((r) => r.respondent);
    const outcomes = {
      metrics: ["csat", "aht"],
      values: new Map(ids.map((id, i) => [id, new Map([["csat", (i * 7) % 11]])])),
    };
    outcomes.values.get("a0")?.set("aht", 300);
    const report = scoreAll(q, [...top, ...comparison], candidates, { outcomes });
    expect(Object.keys(report.outcomes ?? {})).toEqual(["csat", "aht"]);
    const snapshot = buildBenchmark(q, [...top, ...comparison], {}, "vb-2");
    const xs = [...top, ...comparison].map((a) => agentValueScores(q, snapshot, a).v as number);
    const ys = [...top, ...comparison].map((_, i) => (i * 7) % 11);
    expect(report.outcomes?.csat.agents.values.v).toEqual(correlation(xs, ys));
    expect(report.outcomes?.csat.agents.values.v.n).toBe(11);
    expect(report.outcomes?.csat.candidates.values.v.n).toBe(4);
    expect(report.outcomes?.csat.candidates.overall.n).toBe(4);
    expect(report.outcomes?.aht.agents.values.v).toEqual({
      n: 1,
      r: null,
      ciLow: null,
      ciHigh: null,
      p: null,
      rCritical: null,
    });
    expect(Object.keys(report)).toEqual([
      "algorithmVersion",
      "questionnaire",
      "benchmark",
      "contrast",
      "candidates",
      "outcomes",
    ]);
    expect(() => scoreAll(q, top, candidates, { algorithm: "vb-1", outcomes })).toThrow(/outcomes need algorithm vb-2/);
  });
});
