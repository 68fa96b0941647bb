import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agentValueScores,
  buildBenchmark,
  parseStoredSnapshot,
  reverseKey,
  scoreAll,
  scoreCandidate,
  standardizedDifference,
} from "../../app/scoring/index";
import type { Answers, RespondentInput } from "../../app/scoring/types";
import { likert, questionnaire, rating, scenario, value, vb1 } from "./helpers";

const q = questionnaire(
  [
    value("v", [likert("l1"), likert("l2", "minus"), rating("r1"), scenario("s1")]),
    value("w", [likert("l3"), likert("l4"), scenario("s2", ["a", "b"])], { direction: "target", weight: 2 }),
  ],
  { attention: [{ id: "att", text: "Pick 4", expect: 4, scale: { min: 1, max: 5 } }] },
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const answersArb = fc.record({
  l1: maybe(fc.integer({ min: 1, max: 5 })),
  l2: maybe(fc.integer({ min: 1, max: 5 })),
  r1: maybe(fc.integer({ min: 0, max: 10 })),
  s1: maybe(fc.constantFrom("a", "b", "c")),
  l3: maybe(fc.integer({ min: 1, max: 5 })),
  l4: maybe(fc.integer({ min: 1, max: 5 })),
  s2: maybe(fc.constantFrom("a", "b")),
  att: maybe(fc.constantFrom(4, 4, 4, 1)),
});

const respondentsArb = (prefix: string, min: number, max: number) =>
  fc
    .array(answersArb, { minLength: min, maxLength: max })
    .map((list): RespondentInput[] => list.map((answers, i) => ({ respondent: `${prefix}${i}`, answers })));

function byRespondent<T extends { respondent: string }>(rows: T[]): Record<string, T> {
  return Object.fromEntries(rows.map((row) => [row.respondent, row]));
}

describe("properties", () => {
  it("reverse keying twice is the identity", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 40 }),
        (min, width, offset) => {
          const max = min + width;
          const x = min + (offset % (width + 1));
          return reverseKey(reverseKey(x, min, max), min, max) === x;
        },
      ),
    );
  });

  it("results do not depend on the row order of agents or candidates", () => {
    fc.assert(
      fc.property(
        respondentsArb("a", 0, 16),
        respondentsArb("c", 0, 6),
        fc.integer(),
        fc.integer(),
        (agents, candidates, seedA, seedC) => {
          const shuffledAgents = fc.sample(fc.shuffledSubarray(agents, { minLength: agents.length }), {
            seed: seedA,
            numRuns: 1,
          })[0];
          const shuffledCandidates = fc.sample(fc.shuffledSubarray(candidates, { minLength: candidates.length }), {
            seed: seedC,
            numRuns: 1,
          })[0];
          const first = vb1.scoreAll(q, agents, candidates);
          const second = vb1.scoreAll(q, shuffledAgents, shuffledCandidates);
          expect(second.benchmark.values).toEqual(first.benchmark.values);
          expect(second.benchmark.scenarios).toEqual(first.benchmark.scenarios);
          expect(second.benchmark.agents).toBe(first.benchmark.agents);
          expect(byRespondent(second.benchmark.excluded)).toEqual(byRespondent(first.benchmark.excluded));
          expect(byRespondent(second.candidates)).toEqual(byRespondent(first.candidates));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a candidate's result does not depend on the order of the answer keys, invalid answers included", () => {
    const messy = <T>(arb: fc.Arbitrary<T>) =>
      fc.oneof(
        { arbitrary: arb, weight: 12 },
        { arbitrary: fc.constantFrom<unknown>(6, 2.5, "4", "z", true), weight: 1 },
      );
    const answersArbMessy = fc.record(
      { l1: messy(maybe(fc.integer({ min: 1, max: 5 }))), r1: messy(maybe(fc.integer({ min: 0, max: 10 }))) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        respondentsArb("a", 5, 12),
        answersArb,
        answersArbMessy,
        fc.integer(),
        (agents, answers, overrides, seed) => {
          const snapshot = vb1.buildBenchmark(q, agents);
          const given = { ...answers, ...overrides, note: "not an item" } as Answers;
          const keys = fc.sample(fc.shuffledSubarray(Object.keys(given), { minLength: Object.keys(given).length }), {
            seed,
            numRuns: 1,
          })[0];
          const shuffled = Object.fromEntries(keys.map((key) => [key, given[key]]));
          const outcome = (input: Answers) => {
            try {
              return scoreCandidate(q, snapshot, { respondent: "c", answers: input });
            } catch (error) {
              return (error as Error).message;
            }
          };
          const result = outcome(given);
          expect(outcome(shuffled)).toEqual(result);
          // the scan agrees with the item-by-item reading of agentValueScores
          if (typeof result !== "string") {
            const scores = agentValueScores(q, snapshot, { respondent: "c", answers: given });
            expect({ v: result.values.v.score, w: result.values.w.score }).toEqual(scores);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the benchmark snapshot survives a JSON round trip and scores identically", () => {
    fc.assert(
      fc.property(respondentsArb("a", 5, 14), respondentsArb("c", 1, 4), (agents, candidates) => {
        const snapshot = vb1.buildBenchmark(q, agents);
        const stored = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;
        expect(stored).toEqual(snapshot);
        const report = vb1.scoreAll(q, agents, candidates);
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      }),
      { numRuns: 50 },
    );
  });

  it("vb-2: leave-one-out never changes a candidate's score", () => {
    // With 4 likert items neither long-string (8) nor no-variance (6) can fire, so vb-1 and vb-2 include the same
    // agents and build the same consensus; only the top agents' own scenario scores differ.
    fc.assert(
      fc.property(respondentsArb("a", 5, 16), respondentsArb("c", 1, 6), (agents, candidates) => {
        const vb2 = scoreAll(q, agents, candidates);
        const old = vb1.scoreAll(q, agents, candidates);
        vb2.candidates.forEach((candidate, i) => {
          for (const id of ["v", "w"]) expect(candidate.values[id].score).toBe(old.candidates[i].values[id].score);
        });
        expect(vb2.benchmark.scenarios).toEqual(old.benchmark.scenarios);
      }),
      { numRuns: 100 },
    );
  });

  it("vb-2: swapping the two groups negates d and g and swaps and negates the interval", () => {
    const n = fc.integer({ min: 5, max: 40 });
    const mean = fc.double({ min: 0, max: 100, noNaN: true });
    const sd = fc.double({ min: 0, max: 40, noNaN: true });
    fc.assert(
      fc.property(n, mean, sd, n, mean, sd, (nT, mT, sT, nC, mC, sC) => {
        const forward = standardizedDifference(nT, mT, sT, nC, mC, sC);
        const swapped = standardizedDifference(nC, mC, sC, nT, mT, sT);
        expect(swapped.sdPooled).toBeCloseTo(forward.sdPooled as number, 9);
        expect(swapped.d).toBeCloseTo(-(forward.d as number), 9);
        expect(swapped.g).toBeCloseTo(-(forward.g as number), 9);
        expect(swapped.ciLow).toBeCloseTo(-(forward.ciHigh as number), 6);
        expect(swapped.ciHigh).toBeCloseTo(-(forward.ciLow as number), 6);
        const expected =
          forward.verdict === "distinguishes"
            ? "reversed"
            : forward.verdict === "reversed"
              ? "distinguishes"
              : "unclear";
        expect(swapped.verdict).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("vb-1 results are unchanged by the vb-2 engine: a stored vb-1 snapshot (no algorithmVersion) scores as vb-1", () => {
    fc.assert(
      fc.property(respondentsArb("a", 5, 14), respondentsArb("c", 1, 4), (agents, candidates) => {
        const snapshot = vb1.buildBenchmark(q, agents);
        expect(buildBenchmark(q, agents, {}, "vb-1")).toEqual(snapshot);
        const { algorithmVersion, ...legacy } = snapshot;
        expect(algorithmVersion).toBe("vb-1");
        const stored = parseStoredSnapshot(JSON.stringify(legacy));
        expect(stored).toEqual(snapshot);
        for (const candidate of candidates)
          expect(scoreCandidate(q, stored, candidate)).toEqual(scoreCandidate(q, snapshot, candidate));
      }),
      { numRuns: 50 },
    );
  });
});
