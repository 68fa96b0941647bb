import { describe, expect, it } from "vitest";
import { alignmentOf, bandOf, isUncertain } from "../../app/scoring/candidate";
import { studentTCdf } from "../../app/scoring/distributions";
import { crawfordGarthwaiteInterval } from "../../app/scoring/interval";
import { agentValueScores, InvalidAnswerError, reverseKey, scoreCandidate } from "../../app/scoring/index";
import { likert, oneItemRespondents, questionnaire, rating, respondent, scenario, value, vb1 } from "./helpers";

describe("item and value scores (section 3)", () => {
  const q = questionnaire([value("v", [likert("p1"), likert("m1", "minus"), rating("r1", "minus"), likert("p2")])]);
  const agents = oneItemRespondents("p1", [1, 2, 3, 4, 5]);
  const snapshot = vb1.buildBenchmark(q, agents);

  it("reverse keys minus items: x' = min + max - x", () => {
    expect(reverseKey(2, 1, 5)).toBe(4);
    expect(reverseKey(3, 0, 10)).toBe(7);
    // p1 = 5 -> 1; m1 = 2 -> 4 -> .75; r1 = 3 -> 7 -> .7; p2 = 1 -> 0: mean 2.45 / 4 = .6125
    const scores = agentValueScores(q, snapshot, respondent("x", { p1: 5, m1: 2, r1: 3, p2: 1 }));
    expect(scores.v).toBeCloseTo(61.25, 12);
  });

  it("needs ceil(2k/3) answered items: k = 4 needs 3", () => {
    expect(agentValueScores(q, snapshot, respondent("x", { p1: 5, m1: 1 })).v).toBeNull();
    // p1 5 -> 1, m1 1 -> 5 -> 1, r1 0 -> 10 -> 1: 100
    expect(agentValueScores(q, snapshot, respondent("x", { p1: 5, m1: 1, r1: 0 })).v).toBe(100);
  });

  it("ceil(2k/3) for k = 1..6 is 1, 2, 2, 3, 4, 4", () => {
    const needed = [1, 2, 3, 4, 5, 6].map((k) => {
      const items = Array.from({ length: k }, (_, i) => likert(`i${i}`));
      const qk = questionnaire([value("v", items)]);
      const snap = vb1.buildBenchmark(qk, []);
      for (let answered = 0; answered <= k; answered += 1) {
        const answers = Object.fromEntries(items.slice(0, answered).map((item) => [item.id, 3]));
        if (agentValueScores(qk, snap, respondent("x", answers)).v !== null) return answered;
      }
      return -1;
    });
    expect(needed).toEqual([1, 2, 2, 3, 4, 4]);
  });

  it("rejects answers outside the scale or unknown options", () => {
    expect(() => agentValueScores(q, snapshot, respondent("x", { p1: 6 }))).toThrow(InvalidAnswerError);
    expect(() => agentValueScores(q, snapshot, respondent("x", { p1: 2.5 }))).toThrow(/p1/);
    expect(() => agentValueScores(q, snapshot, respondent("x", { p1: "4" }))).toThrow(InvalidAnswerError);
  });

  it("reads only own properties (an item may be called constructor)", () => {
    const qc = questionnaire([value("v", [likert("constructor"), likert("tostring")])]);
    const snap = vb1.buildBenchmark(qc, []);
    expect(agentValueScores(qc, snap, respondent("x", {})).v).toBeNull();
    expect(scoreCandidate(qc, snap, respondent("x", { constructor: 5, tostring: 5 })).values.v.score).toBe(100);
  });
});

describe("reading a response's answers", () => {
  const q = questionnaire(
    [
      value("v", [likert("l1"), likert("l2", "minus"), rating("r1"), scenario("s1")]),
      value("w", [likert("l3"), likert("l4")]),
    ],
    { attention: [{ id: "att", text: "Pick 4", expect: 4, scale: { min: 1, max: 5 } }] },
  );
  const agents = [1, 2, 3, 4, 5, 2, 3].map((x, i) =>
    respondent(`a${i}`, { l1: x, l2: 6 - x, r1: 2 * x, s1: i % 3 === 0 ? "b" : "a", l3: x, l4: (x % 5) + 1 }),
  );
  const snapshot = vb1.buildBenchmark(q, agents);
  const answers = { att: 4, l1: 4, l2: 2, r1: 7, s1: "b", l3: 4, l4: 4 };
  const reordered = (keys: string[]) =>
    Object.fromEntries(keys.map((key) => [key, answers[key as keyof typeof answers]]));
  const outcome = (input: ReturnType<typeof respondent>) => {
    try {
      return scoreCandidate(q, snapshot, input);
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("does not depend on the order of the keys", () => {
    const inFileOrder = scoreCandidate(
      q,
      snapshot,
      respondent("c", reordered(["l1", "l2", "r1", "s1", "l3", "l4", "att"])),
    );
    for (const keys of [
      ["att", "l1", "l2", "r1", "s1", "l3", "l4"],
      ["l4", "l3", "s1", "r1", "l2", "l1", "att"],
    ]) {
      expect(scoreCandidate(q, snapshot, respondent("c", reordered(keys)))).toEqual(inFileOrder);
    }
    expect(inFileOrder.values.v.score).toBe(agentValueScores(q, snapshot, respondent("c", answers)).v);
  });

  it("reports the first invalid answer in file order, whatever the order of the keys", () => {
    const twoInvalid = { l4: 9, r1: 11, l1: 3, s1: "z" };
    expect(outcome(respondent("c", twoInvalid))).toBe(
      'respondent "c", item "r1": expected an integer from 0 to 10, got 11',
    );
    expect(outcome(respondent("c", { att: "4", s1: "z" }))).toBe(
      'respondent "c", item "s1": expected one of a, b, c, got "z"',
    );
  });

  it("reads a response built key by key like a parsed one, and ignores keys that are not items", () => {
    const parsed = JSON.parse(JSON.stringify({ ...answers, comment: "n/a", "0": 5 })) as typeof answers;
    const copied: Record<string, number | string | null> = {};
    for (const [key, answer] of Object.entries(parsed)) copied[key] = answer;
    // many keys added one by one (the app copies stored answers like this)
    for (let k = 0; k < 40; k += 1) copied[`extra-${k}`] = k;
    expect(scoreCandidate(q, snapshot, respondent("c", copied))).toEqual(
      scoreCandidate(q, snapshot, respondent("c", answers)),
    );
  });

  it("answers an item named like an Object.prototype property only with an own property", () => {
    const qp = questionnaire([value("v", [likert("constructor"), likert("__proto__"), likert("l1")])]);
    const snap = vb1.buildBenchmark(qp, []);
    const score = (given: Record<string, number | string | null>) =>
      scoreCandidate(qp, snap, respondent("x", given)).values.v.score;
    expect(score(JSON.parse('{"constructor": 5, "__proto__": 5, "l1": 5}'))).toBe(100);
    // an inherited constructor is no answer: 1 of 3 answered (2 needed)
    const inheriting = Object.create({ constructor: 5 }) as Record<string, number>;
    inheriting.l1 = 5;
    expect(score(inheriting)).toBeNull();
    expect(
      score(Object.assign(Object.create({ constructor: 1 }) as Record<string, number>, { l1: 1, constructor: 5 })),
    ).toBe(50);
  });
});

describe("benchmark statistics (section 4)", () => {
  // One rating item per value, so a value score is 10 * x.
  const q = questionnaire([
    value("a", [rating("a1")]),
    value("b", [rating("b1")]),
    value("c", [rating("c1")]),
    value("d", [rating("d1")]),
    value("e", [rating("e1")]),
  ]);
  // a: 40..90 by six agents; b: six 4s and six 6s; c: one agent; d: nobody; e: all 7
  const a = [4, 5, 6, 7, 8, 9, null, null, null, null, null, null];
  const b = [4, 4, 4, 4, 4, 4, 6, 6, 6, 6, 6, 6];
  const agents = b.map((bx, i) =>
    respondent(`g${String(i + 1).padStart(2, "0")}`, { a1: a[i], b1: bx, c1: i === 0 ? 3 : null, e1: 7 }),
  );
  const snapshot = vb1.buildBenchmark(q, agents);

  it("describes each value over agents with a score", () => {
    // a: mean 65, devs +-25 +-15 +-5 -> 1750 / 5 = 350
    expect(snapshot.values.a).toMatchObject({ n: 6, mean: 65, median: 65, p10: 45, p90: 85 });
    expect(snapshot.values.a.sd).toBeCloseTo(Math.sqrt(350), 12);
    // b: mean 50, var 12 * 100 / 11
    expect(snapshot.values.b.mean).toBe(50);
    expect(snapshot.values.b.sd).toBeCloseTo(Math.sqrt(1200 / 11), 12);
  });

  it("n >= 10: sdUsed = sd", () => {
    expect(snapshot.values.b.sdUsed).toBeCloseTo(Math.sqrt(1200 / 11), 12);
  });

  it("5 <= n <= 9: shrinks toward s0^2 = mean sd^2 of the values with n >= 2", () => {
    // s0^2 = (350 + 109.0909 + 0 (e)) / 3 = 153.0303 (c has n = 1, d has n = 0: left out)
    const s0Squared = (350 + 1200 / 11 + 0) / 3;
    // sdUsed^2 = (5 * 350 + 4 * s0^2) / 9 = 262.4579
    expect(snapshot.values.a.sdUsed).toBeCloseTo(Math.sqrt((5 * 350 + 4 * s0Squared) / 9), 12);
    expect(snapshot.values.a.sdUsed).toBeCloseTo(16.2006, 4);
  });

  it("n < 5: sdUsed null; n = 1: sd null; n = 0: everything null", () => {
    expect(snapshot.values.c).toEqual({
      n: 1,
      mean: 30,
      sd: null,
      sdUsed: null,
      median: 30,
      p10: 30,
      p90: 30,
      alpha: null,
    });
    expect(snapshot.values.d).toEqual({
      n: 0,
      mean: null,
      sd: null,
      sdUsed: null,
      median: null,
      p10: null,
      p90: null,
      alpha: null,
    });
  });

  it("floors sdUsed at 2.5 (unanimous benchmark)", () => {
    expect(snapshot.values.e).toMatchObject({ n: 12, mean: 70, sd: 0, sdUsed: 2.5 });
  });

  it("switches branch exactly at n = 5 and n = 10", () => {
    const qn = questionnaire([value("v", [rating("v1")]), value("w", [rating("w1")])]);
    // w: 12 agents alternating 2 and 8 -> sd^2 = 12 * 900 / 11; v: the first n agents answer 0, 10, 0, 10, ...
    const sdUsedAt = (n: number) => {
      const agentsN = Array.from({ length: 12 }, (_, i) =>
        respondent(`a${i}`, { w1: i % 2 === 0 ? 2 : 8, v1: i < n ? (i % 2) * 10 : null }),
      );
      return vb1.buildBenchmark(qn, agentsN).values.v;
    };
    expect(sdUsedAt(4).sdUsed).toBeNull();
    const shrunk = (n: number) => {
      const { sd } = sdUsedAt(n);
      const s0Squared = ((sd as number) ** 2 + 10800 / 11) / 2;
      return Math.sqrt(((n - 1) * (sd as number) ** 2 + 4 * s0Squared) / (n - 1 + 4));
    };
    expect(sdUsedAt(5).sdUsed).toBeCloseTo(shrunk(5), 12);
    expect(sdUsedAt(9).sdUsed).toBeCloseTo(shrunk(9), 12);
    expect(sdUsedAt(10).sdUsed).toBe(sdUsedAt(10).sd);
  });

  it("floors a shrunken spread too", () => {
    const qf = questionnaire([value("f", [rating("f1")]), value("g", [rating("g1")])]);
    // f: five agents all 5 (sd 0), g: 5 and 5 (sd 0) -> s0 = 0 -> sdUsed = max(0, 2.5)
    const snap = vb1.buildBenchmark(qf, oneItemRespondents("f1", [5, 5, 5, 5, 5]));
    expect(snap.values.f.sdUsed).toBe(2.5);
    expect(snap.values.g.sdUsed).toBeNull();
  });

  it("gives no percentile where sdUsed is null, but keeps the score", () => {
    const result = scoreCandidate(q, snapshot, respondent("x", { a1: 5, b1: 5, c1: 5, d1: 5, e1: 7 }));
    expect(result.values.c).toEqual({
      score: 50,
      percentile: null,
      ciLow: null,
      ciHigh: null,
      alignment: null,
      band: null,
      uncertain: null,
    });
    expect(result.values.d.score).toBe(50);
    expect(result.values.e).toMatchObject({ score: 70, percentile: 50, alignment: 100, band: "within" });
    expect(result.incomplete).toBe(true);
  });

  it("percentile uses sdUsed and df = n - 1 (Crawford-Howell)", () => {
    const result = scoreCandidate(q, snapshot, respondent("x", { a1: 8, b1: 6 }));
    // b: x 60, mean 50, sdUsed sqrt(1200/11), n 12
    const sd = Math.sqrt(1200 / 11);
    const t = 10 / (sd * Math.sqrt(13 / 12));
    expect(result.values.b.percentile).toBeCloseTo(100 * studentTCdf(t, 11), 12);
    const ci = crawfordGarthwaiteInterval(10 / sd, 12);
    expect(result.values.b.ciLow).toBeCloseTo(ci.ciLow, 12);
    expect(result.values.b.ciHigh).toBeCloseTo(ci.ciHigh, 12);
    // a: n 6 uses the shrunken sdUsed, df 5
    const sdA = snapshot.values.a.sdUsed as number;
    expect(result.values.a.percentile).toBeCloseTo(100 * studentTCdf(15 / (sdA * Math.sqrt(7 / 6)), 5), 12);
  });

  it("alpha over agents who answered every item of the value", () => {
    // rows (p): [1,.75,1], [.5,.5,.25], [.25,.5,0], [.75,1,.75] -> 0.9050279 (see stats.test.ts)
    const qa = questionnaire([value("v", [likert("i1"), likert("i2"), likert("i3")])]);
    const rows = [
      [5, 4, 5],
      [3, 3, 2],
      [2, 3, 1],
      [4, 5, 4],
    ];
    const agentsA = rows.map(([i1, i2, i3], k) => respondent(`a${k}`, { i1, i2, i3 }));
    agentsA.push(respondent("partial", { i1: 1, i2: 5 }));
    const snap = vb1.buildBenchmark(qa, agentsA);
    expect(snap.values.v.alpha).toBeCloseTo(0.9050279, 7);
    expect(snap.values.v.n).toBe(5);
  });
});

describe("scenario consensus (section 5)", () => {
  const q = questionnaire([value("v", [scenario("s1"), likert("l1")]), value("w", [scenario("s2"), likert("l2")])]);
  // s1: a a a b b + one unanswered -> m 5; s2: only 4 answers -> not scored
  const agents = [
    respondent("a1", { s1: "a", s2: "a", l1: 3, l2: 3 }),
    respondent("a2", { s1: "a", s2: "a", l1: 4, l2: 3 }),
    respondent("a3", { s1: "a", s2: "b", l1: 3, l2: 4 }),
    respondent("a4", { s1: "b", s2: "b", l1: 4, l2: 4 }),
    respondent("a5", { s1: "b", s2: null, l1: 5, l2: 5 }),
    respondent("a6", { s1: null, l1: 5, l2: 5 }),
  ];
  const snapshot = vb1.buildBenchmark(q, agents);

  it("shares are (c + 1) / (m + K), item score share / max share", () => {
    // a (3+1)/(5+3) = .5, b 3/8, c 1/8
    expect(snapshot.scenarios.s1).toEqual({ m: 5, shares: { a: 0.5, b: 0.375, c: 0.125 }, scored: true });
    const score = (choice: string) => agentValueScores(q, snapshot, respondent("x", { s1: choice, l1: 1 })).v;
    // (p + 0) / 2 * 100: a -> 1 -> 50, b -> .75 -> 37.5, c -> .25 -> 12.5
    expect(score("a")).toBe(50);
    expect(score("b")).toBe(37.5);
    expect(score("c")).toBe(12.5);
  });

  it("m < 5: listed with shares, dropped from k for everyone", () => {
    // a 3/7, b 3/7, c 1/7
    expect(snapshot.scenarios.s2).toEqual({ m: 4, shares: { a: 3 / 7, b: 3 / 7, c: 1 / 7 }, scored: false });
    // k = 1 (l2 only): l2 = 5 -> 100 whatever s2 says; s2 alone -> null
    expect(agentValueScores(q, snapshot, respondent("x", { s2: "c", l2: 5 })).w).toBe(100);
    expect(agentValueScores(q, snapshot, respondent("x", { s2: "a" })).w).toBeNull();
    // still validated
    expect(() => agentValueScores(q, snapshot, respondent("x", { s2: "z" }))).toThrow(InvalidAnswerError);
  });

  it("a value with no scored items (k = 0) has a null score", () => {
    const q0 = questionnaire([value("only", [scenario("s9")])]);
    const snap = vb1.buildBenchmark(q0, oneItemRespondents("s9", ["a", "a", "b"]));
    expect(snap.scenarios.s9.scored).toBe(false);
    expect(snap.values.only.n).toBe(0);
    expect(scoreCandidate(q0, snap, respondent("x", { s9: "a" })).values.only.score).toBeNull();
  });

  it("counts included agents only", () => {
    const snap = vb1.buildBenchmark(q, agents, { exclude: ["a1"] });
    expect(snap.scenarios.s1.m).toBe(4);
    expect(snap.scenarios.s1.scored).toBe(false);
  });
});

describe("answer-quality flags (sections 6 and 10)", () => {
  const likerts = Array.from({ length: 12 }, (_, i) => likert(`l${i + 1}`));
  // presentation order: l1..l4, a rating and a scenario, l5..l12
  const q = questionnaire(
    [value("v", [...likerts.slice(0, 4), rating("r1"), scenario("s1")]), value("w", likerts.slice(4))],
    { attention: [{ id: "att", text: "Pick 4", expect: 4, scale: { min: 1, max: 5 } }] },
  );
  const answers = (values: (number | null)[], extra: Record<string, number | string | null> = {}) =>
    Object.fromEntries([...values.map((x, i) => [`l${i + 1}`, x]), ...Object.entries(extra)]);

  it("long-string at a run of 8; rating and scenario items in between do not break it", () => {
    // l1..l8 = 3 across r1 and s1 (answered differently)
    const eight = answers([3, 3, 3, 3, 3, 3, 3, 3, 1, 2, 1, 2], { r1: 9, s1: "a" });
    expect(vb1.computeFlags(q, respondent("x", eight))).toEqual({ flags: ["long-string"], hard: false, review: false });
    const seven = answers([3, 3, 3, 3, 3, 3, 3, 1, 2, 1, 2, 1]);
    expect(vb1.computeFlags(q, respondent("x", seven)).flags).toEqual([]);
  });

  it("a missing likert answer breaks the run", () => {
    const broken = answers([3, 3, 3, 3, null, 3, 3, 3, 3, 1, 2, 1]);
    expect(vb1.computeFlags(q, respondent("x", broken)).flags).toEqual([]);
  });

  it("no-variance needs at least 10 answered likert items, all equal; a straightliner has both flags", () => {
    const ten = answers([2, 2, null, 2, 2, null, 2, 2, 2, 2, 2, 2]);
    // answered 10, all 2; longest run 6 (l7..l12) -> no long-string
    expect(vb1.computeFlags(q, respondent("x", ten))).toEqual({ flags: ["no-variance"], hard: true, review: true });
    const nine = answers([2, 2, null, 2, 2, null, 2, 2, 2, 2, 2, null]);
    expect(vb1.computeFlags(q, respondent("x", nine)).flags).toEqual([]);
    const straight = answers(Array(12).fill(4));
    expect(vb1.computeFlags(q, respondent("x", straight)).flags).toEqual(["long-string", "no-variance"]);
  });

  it("attention is hard when answered and not equal to expect; unanswered is no flag", () => {
    const varied = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2];
    expect(vb1.computeFlags(q, respondent("x", answers(varied, { att: 2 })))).toEqual({
      flags: ["attention"],
      hard: true,
      review: true,
    });
    expect(vb1.computeFlags(q, respondent("x", answers(varied, { att: 4 }))).flags).toEqual([]);
    expect(vb1.computeFlags(q, respondent("x", answers(varied))).flags).toEqual([]);
  });

  it("speeding (web only): median seconds per item under 2; two soft flags put a response on review", () => {
    const varied = answers([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]);
    expect(vb1.computeFlags(q, respondent("x", varied, [1, 1.5, 3])).flags).toEqual(["speeding"]);
    expect(vb1.computeFlags(q, respondent("x", varied, [1, 2, 3])).flags).toEqual([]);
    expect(vb1.computeFlags(q, respondent("x", varied)).flags).toEqual([]);
    const eight = answers([3, 3, 3, 3, 3, 3, 3, 3, 1, 2, 1, 2]);
    expect(vb1.computeFlags(q, respondent("x", eight, [1, 1, 1]))).toEqual({
      flags: ["long-string", "speeding"],
      hard: false,
      review: true,
    });
  });

  it("lists all flags in section-6 order", () => {
    const all = answers(Array(12).fill(5), { att: 1 });
    expect(vb1.computeFlags(q, respondent("x", all, [0.5])).flags).toEqual([
      "long-string",
      "no-variance",
      "attention",
      "speeding",
    ]);
  });

  it("scoreCandidate reports the same flags as computeFlags", () => {
    const agents = Array.from({ length: 6 }, (_, k) =>
      respondent(`a${k}`, answers([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, (k % 5) + 1], { s1: "a", r1: k })),
    );
    const snapshot = vb1.buildBenchmark(q, agents);
    const inputs = [
      respondent("c1", answers(Array(12).fill(5), { att: 1 }), [0.5]),
      respondent("c2", answers([3, 3, 3, 3, 3, 3, 3, 3, 1, 2, 1, 2], { r1: 9, s1: "a" })),
      respondent("c3", answers([3, 3, 3, 3, null, 3, 3, 3, 3, 1, 2, 1])),
    ];
    for (const input of inputs) {
      const { flags, review } = vb1.computeFlags(q, input);
      expect(scoreCandidate(q, snapshot, input)).toMatchObject({ flags, review });
    }
  });
});

describe("agent exclusion and re-inclusion", () => {
  const likerts = Array.from({ length: 10 }, (_, i) => likert(`l${i + 1}`));
  const q = questionnaire([value("v", likerts)], {
    attention: [{ id: "att", text: "Pick 4", expect: 4, scale: { min: 1, max: 5 } }],
  });
  const varied = (k: number) => Object.fromEntries(likerts.map((item, i) => [item.id, ((i + k) % 5) + 1]));
  const agents = [
    respondent("a1", varied(0)),
    respondent("a2", { ...varied(1), att: 2 }),
    respondent("a3", varied(2)),
    respondent("a4", Object.fromEntries(likerts.map((item) => [item.id, 4]))),
    respondent("a5", varied(3)),
  ];

  it("excludes hard-flagged agents in row order and still counts them", () => {
    const snapshot = vb1.buildBenchmark(q, agents);
    expect(snapshot.agents).toBe(5);
    expect(snapshot.included).toEqual(["a1", "a3", "a5"]);
    expect(snapshot.excluded).toEqual([
      { respondent: "a2", flags: ["attention"], reason: "flags" },
      { respondent: "a4", flags: ["long-string", "no-variance"], reason: "flags" },
    ]);
    expect(snapshot.values.v.n).toBe(3);
  });

  it("a recruiter can re-include a flagged agent and exclude a clean one", () => {
    const snapshot = vb1.buildBenchmark(q, agents, { include: ["a4"], exclude: ["a1"] });
    expect(snapshot.included).toEqual(["a3", "a4", "a5"]);
    expect(snapshot.excluded).toEqual([
      { respondent: "a1", flags: [], reason: "recruiter" },
      { respondent: "a2", flags: ["attention"], reason: "flags" },
    ]);
    // exclusion wins over inclusion
    expect(vb1.buildBenchmark(q, agents, { include: ["a2"], exclude: ["a2"] }).excluded[0]).toMatchObject({
      respondent: "a2",
      reason: "recruiter",
    });
  });

  it("leave-one-out means: the benchmark mean without each included agent", () => {
    const loo = vb1.leaveOneOutMeans(q, agents);
    expect(loo.map((entry) => entry.respondent)).toEqual(["a1", "a3", "a5"]);
    const scores = ["a1", "a3", "a5"].map((id) => {
      const snap = vb1.buildBenchmark(q, agents);
      return agentValueScores(
        q,
        snap,
        agents.find((a) => a.respondent === id)!,
      ).v as number;
    });
    expect(loo[0].means.v).toBeCloseTo((scores[1] + scores[2]) / 2, 12);
  });

  it("rejects duplicate agents", () => {
    expect(() => vb1.buildBenchmark(q, [agents[0], agents[0]])).toThrow(/duplicate/);
  });
});

describe("candidate against benchmark (section 7)", () => {
  it("alignment: higher = min(100, 2p); target = 2 min(p, 100 - p)", () => {
    expect(alignmentOf(30, "higher")).toBe(60);
    expect(alignmentOf(30, "target")).toBe(60);
    expect(alignmentOf(80, "higher")).toBe(100);
    expect(alignmentOf(80, "target")).toBeCloseTo(40, 12);
    expect(alignmentOf(50, "target")).toBe(100);
  });

  it("bands: below < 10 <= within <= 90 < above", () => {
    expect(bandOf(9.999)).toBe("below");
    expect(bandOf(10)).toBe("within");
    expect(bandOf(90)).toBe("within");
    expect(bandOf(90.001)).toBe("above");
  });

  it("uncertain when ciLow < e < ciHigh for e = 10 or 90", () => {
    expect(isUncertain(5, 15)).toBe(true);
    expect(isUncertain(85, 95)).toBe(true);
    expect(isUncertain(11, 89)).toBe(false);
    expect(isUncertain(10, 20)).toBe(false);
    expect(isUncertain(1, 9.9)).toBe(false);
  });

  // two values, one rating item each; x -> score 10x. Benchmark of 10 agents: mean 50, sd sqrt(1000/9)
  const q = questionnaire([
    value("up", [rating("u")], { weight: 2 }),
    value("mid", [rating("m")], { direction: "target" }),
  ]);
  const spread = [3, 4, 4, 5, 5, 5, 5, 6, 6, 7];
  const agents = spread.map((x, i) => respondent(`a${i}`, { u: x, m: x }));
  const snapshot = vb1.buildBenchmark(q, agents);

  it("same score, different direction: higher vs target alignment", () => {
    const result = scoreCandidate(q, snapshot, respondent("c", { u: 7, m: 7 }));
    const p = result.values.up.percentile as number;
    expect(result.values.mid.percentile).toBe(p);
    expect(p).toBeGreaterThan(90);
    expect(result.values.up).toMatchObject({ alignment: 100, band: "above" });
    expect(result.values.mid.alignment).toBeCloseTo(2 * (100 - p), 12);
    expect(result.values.mid.band).toBe("above");
  });

  it("weighted overall, minAlignment, belowValues in file order", () => {
    const result = scoreCandidate(q, snapshot, respondent("c", { u: 2, m: 4 }));
    const up = result.values.up.alignment as number;
    const mid = result.values.mid.alignment as number;
    expect(result.overall).toBeCloseTo((2 * up + mid) / 3, 12);
    expect(result.minAlignment).toBe(Math.min(up, mid));
    expect(result.values.up.band).toBe("below");
    expect(result.belowValues).toEqual(["up"]);
    expect(result.incomplete).toBe(false);
  });

  it("incomplete: overall weighs only values with an alignment; null when none has one", () => {
    const partial = scoreCandidate(q, snapshot, respondent("c", { m: 5 }));
    expect(partial.values.up).toMatchObject({
      score: null,
      percentile: null,
      alignment: null,
      band: null,
      uncertain: null,
    });
    expect(partial.overall).toBe(partial.values.mid.alignment);
    expect(partial.incomplete).toBe(true);
    const none = scoreCandidate(q, snapshot, respondent("c", {}));
    expect(none).toMatchObject({ overall: null, minAlignment: null, belowValues: [], incomplete: true });
  });

  it("results are plain JSON and keys follow section 8", () => {
    const result = scoreCandidate(q, snapshot, respondent("c", { u: 5, m: 6 }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(Object.keys(result)).toEqual([
      "respondent",
      "flags",
      "review",
      "values",
      "overall",
      "minAlignment",
      "belowValues",
      "incomplete",
    ]);
    expect(Object.keys(result.values.up)).toEqual([
      "score",
      "percentile",
      "ciLow",
      "ciHigh",
      "alignment",
      "band",
      "uncertain",
    ]);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it("refuses a snapshot of another questionnaire", () => {
    const other = { ...q, version: 2 };
    expect(() => scoreCandidate(other, snapshot, respondent("c", {}))).toThrow(/does not fit/);
  });

  it("scoreAll: the section-8 document", () => {
    const report = vb1.scoreAll(q, agents, [respondent("c1", { u: 5, m: 5 }), respondent("c2", { u: 9 })]);
    expect(report.algorithmVersion).toBe("vb-1");
    expect(Object.keys(report)).toEqual(["algorithmVersion", "questionnaire", "benchmark", "candidates"]);
    expect(Object.keys(report.benchmark)).toEqual(["agents", "excluded", "values", "scenarios"]);
    expect(report.candidates.map((c) => c.respondent)).toEqual(["c1", "c2"]);
    expect(report.benchmark.values.up).toEqual(snapshot.values.up);
  });
});
