import { describe, expect, it } from "vitest";
import { cronbachAlpha, mean, median, quantileType7, sampleSd } from "../../app/scoring/stats";

describe("descriptive statistics", () => {
  it("mean and sample sd (n - 1)", () => {
    // 2,4,4,4,5,5,7,9: mean 5, squares 32, var 32/7
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(sampleSd([3])).toBeNull();
    expect(mean([])).toBeNull();
  });

  it("quantile type 7 interpolates between order statistics like R", () => {
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // R: quantile(1:10, c(.1, .5, .9)) = 1.9, 5.5, 9.1  (h = 9p)
    expect(quantileType7(oneToTen, 0.1)).toBeCloseTo(1.9, 14);
    expect(quantileType7(oneToTen, 0.5)).toBe(5.5);
    expect(quantileType7(oneToTen, 0.9)).toBeCloseTo(9.1, 14);
    // 10, 20, 40: p10 h = 0.2 -> 12; p90 h = 1.8 -> 20 + 0.8 * 20 = 36
    expect(quantileType7([10, 20, 40], 0.1)).toBeCloseTo(12, 14);
    expect(quantileType7([10, 20, 40], 0.9)).toBeCloseTo(36, 14);
    expect(quantileType7([7], 0.9)).toBe(7);
    expect(quantileType7([], 0.5)).toBeNull();
    expect(median([40, 90, 60, 50, 80, 70])).toBe(65);
  });
});

describe("Cronbach alpha (raw, psych's raw_alpha)", () => {
  it("matches a case worked by hand", () => {
    // items: var1 = .3125/3, var2 = .171875/3, var3 = .625/3 -> sum 1.109375/3
    // totals 2.75, 1.25, .75, 2.5: var 2.796875/3
    // alpha = 3/2 * (1 - 1.109375 / 2.796875) = 0.9050279
    const rows = [
      [1, 0.75, 1],
      [0.5, 0.5, 0.25],
      [0.25, 0.5, 0],
      [0.75, 1, 0.75],
    ];
    expect(cronbachAlpha(rows)).toBeCloseTo(1.5 * (1 - 1.109375 / 2.796875), 14);
    expect(cronbachAlpha(rows)).toBeCloseTo(0.9050279, 7);
  });

  it("is 1 for perfectly parallel items and 0 when the items cancel", () => {
    expect(
      cronbachAlpha([
        [0, 0],
        [0.5, 0.5],
        [1, 1],
      ]),
    ).toBeCloseTo(1, 14);
    // item vars 1/3 each, totals 1,1,2,0 var 2/3 -> 2 * (1 - 1) = 0
    expect(
      cronbachAlpha([
        [1, 0],
        [0, 1],
        [1, 1],
        [0, 0],
      ]),
    ).toBeCloseTo(0, 14);
  });

  it("keeps a zero-variance item, and is null for < 3 rows, < 2 items or zero total variance", () => {
    // item 2 constant: vars 1/3 (item 1 over 0,1,0,1... ) -> see below
    // item1 0,1,0,1 var 1/3, item2 .5 x4 var 0, totals .5,1.5,.5,1.5 var 1/3 -> 2 * (1 - 1) = 0
    expect(
      cronbachAlpha([
        [0, 0.5],
        [1, 0.5],
        [0, 0.5],
        [1, 0.5],
      ]),
    ).toBeCloseTo(0, 14);
    expect(
      cronbachAlpha([
        [1, 0],
        [0, 1],
      ]),
    ).toBeNull();
    expect(cronbachAlpha([[1], [0], [1]])).toBeNull();
    expect(
      cronbachAlpha([
        [1, 0],
        [0, 1],
        [0.5, 0.5],
      ]),
    ).toBeNull();
  });
});
