// The validity page's own numbers (issue 17): sample sizes and the expectancy table, worked out by hand.
import { describe, expect, it } from "vitest";
import { expectancyTable } from "../../app/utils/expectancy";
import { agentsPerGroupForD, normalQuantile, peopleForR, twoSampleTPower } from "../../app/utils/power";

describe("power", () => {
  it("needs 64 agents per group for d = 0.5 at 80% power (R: pwr.t.test(d = .5, power = .8) gives n = 63.77)", () => {
    expect(agentsPerGroupForD(0.5)).toBe(64);
    expect(twoSampleTPower(0.5, 64)).toBeGreaterThanOrEqual(0.8);
    expect(twoSampleTPower(0.5, 63)).toBeLessThan(0.8);
    // d = 0.8 (large): pwr.t.test gives 25.52 -> 26
    expect(agentsPerGroupForD(0.8)).toBe(26);
  });

  it("needs 85 people for r = .30 at 80% power (Fisher z: ((1.95996 + 0.84162) / atanh(.3))^2 + 3 = 84.93)", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6);
    expect(peopleForR(0.3)).toBe(85);
    // r = .5: ((2.80159 / 0.549306)^2 + 3 = 29.01 -> 30
    expect(peopleForR(0.5)).toBe(30);
  });
});

describe("expectancy table", () => {
  it("splits 10 hires into fit bands of 4, 3 and 3 and counts those in the top third of the outcome", () => {
    // fits 10..1 (hire i has fit 11 - i), outcomes chosen by hand; top third = at least as good as the 4th best.
    const outcomes = [90, 80, 50, 85, 40, 70, 30, 20, 60, 10];
    const people = outcomes.map((outcome, i) => ({ fit: 10 - i, outcome }));
    // sorted outcomes: 90, 85, 80, 70 | ... -> cut 70: hires 0 (90), 1 (80), 3 (85), 5 (70)
    expect(expectancyTable(people, true)).toEqual([
      { band: "upper", n: 4, inTopThird: 3, share: 0.75 },
      { band: "middle", n: 3, inTopThird: 1, share: 1 / 3 },
      { band: "lower", n: 3, inTopThird: 0, share: 0 },
    ]);
    // lower is better (handling time): the top third is the 4 smallest: 10, 20, 30, 40 (hires 9, 7, 6, 4)
    expect(expectancyTable(people, false)).toEqual([
      { band: "upper", n: 4, inTopThird: 0, share: 0 },
      { band: "middle", n: 3, inTopThird: 2, share: 2 / 3 },
      { band: "lower", n: 3, inTopThird: 2, share: 2 / 3 },
    ]);
  });
});
