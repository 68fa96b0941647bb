import { describe, expect, it } from "vitest";
import { fisherExactTwoSided, pooledTwoProportionZ } from "../../app/scoring/fairness";
import { adverseImpact } from "../../app/scoring/index";

describe("adverse impact (section 9)", () => {
  it("checks the spec's numbers: 48/80 vs 12/40 -> IR 0.5, z 3.098, Fisher p 0.00341", () => {
    const [first, second] = adverseImpact([
      { group: "x", selected: 48, total: 80 },
      { group: "y", selected: 12, total: 40 },
    ]);
    expect(first).toMatchObject({ rate: 0.6, reference: true, impactRatio: 1, flagged: false, z: null, fisherP: null });
    // pooled p = 60/120 = .5; se = sqrt(.25 (1/80 + 1/40)) = .0968246; z = .3 / se = 3.0984
    expect(second.rate).toBeCloseTo(0.3, 15);
    expect(second.impactRatio).toBeCloseTo(0.5, 15);
    expect(second.flagged).toBe(true);
    expect(second.z).toBeCloseTo(0.3 / Math.sqrt(0.25 * (1 / 80 + 1 / 40)), 12);
    expect(second.z).toBeCloseTo(3.098, 3);
    expect(second.fisherP).toBeCloseTo(0.00341, 5);
  });

  it("Fisher exact two-sided matches small cases worked by hand", () => {
    // [[3, 0], [0, 3]]: tables x = 0..3 have weights 1, 9, 9, 1 (/20): p(3) + p(0) = 2/20 = 0.1
    expect(fisherExactTwoSided(3, 0, 0, 3)).toBeCloseTo(0.1, 14);
    // [[1, 1], [1, 1]]: every table has p >= observed -> 1
    expect(fisherExactTwoSided(1, 1, 1, 1)).toBeCloseTo(1, 14);
  });

  it("the four-fifths rule flags IR < 0.8 only", () => {
    const rows = adverseImpact([
      { group: "a", selected: 50, total: 100 },
      { group: "b", selected: 40, total: 100 },
      { group: "c", selected: 39, total: 100 },
    ]);
    expect(rows.map((r) => r.impactRatio)).toEqual([1, 0.8, 0.78]);
    expect(rows.map((r) => r.flagged)).toEqual([false, false, true]);
  });

  it("lists groups under 2% of the total but leaves them out of ratios and the reference", () => {
    const rows = adverseImpact([
      { group: "a", selected: 30, total: 100 },
      { group: "b", selected: 20, total: 100 },
      { group: "tiny", selected: 3, total: 3 },
    ]);
    expect(rows[2]).toMatchObject({ group: "tiny", rate: 1, excludedSmall: true, impactRatio: null, flagged: false });
    expect(rows[0].reference).toBe(true);
    expect(rows[1].impactRatio).toBeCloseTo(2 / 3, 14);
  });

  it("handles zero selections and rejects impossible counts", () => {
    const rows = adverseImpact([
      { group: "a", selected: 0, total: 50 },
      { group: "b", selected: 0, total: 50 },
    ]);
    expect(rows.map((r) => r.impactRatio)).toEqual([null, null]);
    expect(pooledTwoProportionZ(0, 50, 0, 50)).toBeNull();
    expect(() => adverseImpact([{ group: "a", selected: 5, total: 4 }])).toThrow(RangeError);
  });
});
