// The bulk-scoring fast paths (issue 19) against the formulas, on hand-worked numbers: the branch-free likert
// pattern, the branch-free scenario digit, the values object with one store site per value.
import { describe, expect, it } from "vitest";
import { LikertPatternTracker } from "../../app/scoring/flags";
import { buildBenchmark, InvalidAnswerError, scoreCandidate, tableReachableScores } from "../../app/scoring/index";
import { likert, questionnaire, respondent, scenario, value } from "./helpers";

const N = Number.NaN;

function pattern(answers: number[]) {
  const tracker = new LikertPatternTracker();
  tracker.scan(Float64Array.from(answers));
  return { longestRun: tracker.longestRun, answered: tracker.answered, allEqual: tracker.allEqual };
}

describe("likert pattern (section 10), without branches", () => {
  it("runs of equal answers; a missing answer ends a run", () => {
    // 3 3 | 3 3 3: runs 2 and 3 (the missing answer breaks the run of five equal answers)
    expect(pattern([3, 3, N, 3, 3, 3])).toEqual({ longestRun: 3, answered: 5, allEqual: true });
    // 1, 2 2, missing twice, 2 2 2 2: runs 1, 2, 4
    expect(pattern([1, 2, 2, N, N, 2, 2, 2, 2])).toEqual({ longestRun: 4, answered: 7, allEqual: false });
    // a run at the very start after a missing first answer, and a longer one in the middle
    expect(pattern([N, 4, 4, 5, 5, 5, 1])).toEqual({ longestRun: 3, answered: 6, allEqual: false });
  });

  it("nothing answered, one answer, all missing", () => {
    expect(pattern([])).toEqual({ longestRun: 0, answered: 0, allEqual: true });
    expect(pattern([5])).toEqual({ longestRun: 1, answered: 1, allEqual: true });
    expect(pattern([N, N, N])).toEqual({ longestRun: 0, answered: 0, allEqual: true });
  });

  it("a scan starts afresh: nothing is carried over from the previous one", () => {
    const tracker = new LikertPatternTracker();
    tracker.scan(Float64Array.from([2, 2, 2, 2]));
    tracker.scan(Float64Array.from([2, 1, 1]));
    expect([tracker.longestRun, tracker.answered, tracker.allEqual]).toEqual([2, 3, false]);
  });
});

describe("scenario answers read by codes", () => {
  // One value: a scenario with options a..e. Ten agents, two per option: every option has c = 2 of m = 10 agents,
  // so every share is (2 + 1) / (10 + 5) = 0.2 and every option's item score is share / max share = 1.
  const options = ["a", "b", "c", "d", "e"];
  const q = questionnaire([value("v", [scenario("s", options), likert("l")])]);
  const agents = options.flatMap((o, i) => [
    respondent(`a${i}x`, { s: o, l: 1 + i }),
    respondent(`a${i}y`, { s: o, l: 1 + i }),
  ]);

  it("every option, first to last, gives its item score (tabled or not); an unknown option is refused", () => {
    for (const table of [false, true]) {
      const snapshot = buildBenchmark(q, agents);
      if (table) tableReachableScores(q, snapshot);
      for (const option of options) {
        // scenario p = 1, likert 3 -> p = (3 - 1) / 4 = 0.5: score 100 * (1 + 0.5) / 2 = 75
        expect(scoreCandidate(q, snapshot, respondent("c", { s: option, l: 3 })).values.v.score).toBe(75);
      }
      // unanswered scenario: 1 of 2 items answered, ceil(4/3) = 2 needed: no score
      expect(scoreCandidate(q, snapshot, respondent("c", { l: 3 })).values.v.score).toBeNull();
      expect(() => scoreCandidate(q, snapshot, respondent("c", { s: "f", l: 3 }))).toThrow(InvalidAnswerError);
      expect(() => scoreCandidate(q, snapshot, respondent("c", { s: "A", l: 3 }))).toThrow(InvalidAnswerError);
    }
  });
});

describe("the values object", () => {
  // 14 values (more than the 12 with a store site of their own), one likert item each, weight 1, higher.
  const ids = Array.from({ length: 14 }, (_, i) => `v${i}`);
  const q = questionnaire(ids.map((id) => value(id, [likert(`${id}-l`)])));
  const agents = Array.from({ length: 10 }, (_, a) =>
    respondent(`a${a}`, Object.fromEntries(ids.map((id) => [`${id}-l`, 1 + (a % 5)]))),
  );

  it("holds every value in questionnaire order with its own score", () => {
    const snapshot = buildBenchmark(q, agents);
    tableReachableScores(q, snapshot);
    // value i answered 1 + (i % 5): score 100 * (x - 1) / 4 = 0, 25, 50, 75, 100, 0, ...
    const answers = Object.fromEntries(ids.map((id, i) => [`${id}-l`, 1 + (i % 5)]));
    const result = scoreCandidate(q, snapshot, respondent("c", answers));
    expect(Object.keys(result.values)).toEqual(ids);
    expect(ids.map((id) => result.values[id].score)).toEqual(ids.map((_, i) => 25 * (i % 5)));
  });
});

describe("the likert scratch between responses", () => {
  // Eight likert items l1..l8 and a scenario; long-string needs a run of 8 equal answers.
  const items = Array.from({ length: 8 }, (_, i) => likert(`l${i + 1}`));
  const q = questionnaire([value("v", [...items, scenario("s", ["a", "b", "c", "d", "e"])])]);
  const agents = Array.from({ length: 10 }, (_, a) =>
    respondent(`a${a}`, { ...Object.fromEntries(items.map((item, i) => [item.id, 1 + ((a + i) % 5)])), s: "a" }),
  );
  const all3 = Object.fromEntries(items.map((item) => [item.id, 3]));

  it("a scan clears the entries it reads", () => {
    const tracker = new LikertPatternTracker();
    const scratch = Float64Array.from([2, N, 2]);
    tracker.scan(scratch, true);
    expect([tracker.longestRun, tracker.answered]).toEqual([1, 2]);
    expect(Array.from(scratch).every(Number.isNaN)).toBe(true);
  });

  it("a response refused half-way leaves nothing behind for the next one", () => {
    const snapshot = buildBenchmark(q, agents);
    tableReachableScores(q, snapshot);
    // eight 3s, then an unknown option: refused after its likert answers were noted
    expect(() => scoreCandidate(q, snapshot, respondent("bad", { ...all3, s: "z" }))).toThrow(InvalidAnswerError);
    // l5 unanswered: runs of 4 and 3, no long-string (a stale 3 at l5 would make a run of 8); seven equal
    // answers (>= 6) are no-variance
    const { l5: _l5, ...gap } = all3;
    expect(scoreCandidate(q, snapshot, respondent("next", { ...gap, s: "a" })).flags).toEqual(["no-variance"]);
    // and the eight 3s with a valid option do raise it
    const run = scoreCandidate(q, snapshot, respondent("run", { ...all3, s: "a" }));
    expect(run.flags).toEqual(["long-string", "no-variance"]);
  });
});

describe("the prepared scoring of the last snapshot", () => {
  // One likert item; agents answered 1..5 twice (benchmark 1) or 5 ten times (benchmark 2).
  const q = questionnaire([value("v", [likert("l")])]);
  const spread = Array.from({ length: 10 }, (_, a) => respondent(`a${a}`, { l: 1 + (a % 5) }));
  const high = Array.from({ length: 10 }, (_, a) => respondent(`b${a}`, { l: 5 }));

  it("switching between snapshots (and questionnaire objects) scores each against its own", () => {
    const first = buildBenchmark(q, spread);
    const second = buildBenchmark(q, high);
    const candidate = respondent("c", { l: 4 });
    const alone = [first, second].map((s) => scoreCandidate(q, s, candidate).values.v);
    // answer 4 -> score 75 against both; the benchmarks' means are 50 and 100, so the percentiles differ
    expect(alone.map((r) => r.score)).toEqual([75, 75]);
    expect(alone[0].percentile).not.toBe(alone[1].percentile);
    const again = [first, second, first, second].map((s) => scoreCandidate(q, s, candidate).values.v);
    expect(again).toEqual([...alone, ...alone]);
    // an equal questionnaire object of its own gets the same results
    expect(scoreCandidate(structuredClone(q), first, candidate).values.v).toEqual(alone[0]);
  });
});

describe("the result's arrays and objects", () => {
  // Three values of one likert item each; ten agents answered 4 or 5, so an answer of 1 (score 0) is below.
  const q = questionnaire([value("a", [likert("la")]), value("b", [likert("lb")]), value("c", [likert("lc")])]);
  const agents = Array.from({ length: 10 }, (_, i) =>
    respondent(`g${i}`, { la: 4 + (i % 2), lb: 4 + (i % 2), lc: 4 + (i % 2) }),
  );

  it("belowValues holds exactly the values below, in value order; values is a plain object", () => {
    const snapshot = buildBenchmark(q, agents);
    tableReachableScores(q, snapshot);
    const below = scoreCandidate(q, snapshot, respondent("c1", { la: 1, lb: 5, lc: 1 }));
    expect(below.belowValues).toEqual(["a", "c"]);
    expect(below.belowValues).toHaveLength(2);
    const none = scoreCandidate(q, snapshot, respondent("c2", { la: 5, lb: 5, lc: 5 }));
    expect(none.belowValues).toEqual([]);
    // each result's arrays are its own
    below.belowValues.push("x");
    expect(scoreCandidate(q, snapshot, respondent("c3", { la: 1, lb: 5, lc: 1 })).belowValues).toEqual(["a", "c"]);
    expect(Object.getPrototypeOf(below.values)).toBe(Object.prototype);
    expect(Object.keys(below.values)).toEqual(["a", "b", "c"]);
    expect(JSON.parse(JSON.stringify(below.values))).toEqual(below.values);
  });
});
