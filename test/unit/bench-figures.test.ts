import { describe, expect, it } from "vitest";
import {
  figureOf,
  figureOfSpread,
  figuresJson,
  formatNumber,
  renderTable,
  skippedFigure,
  tableCells,
  verdictOf,
} from "../../scripts/bench/figures";
import { lastPageOf, parseBenchOptions, scaledGoal } from "../../scripts/bench/options";

describe("bench figures", () => {
  it("a figure is the median of its runs with min and max, and needs at least 5 runs", () => {
    // sorted 9, 10, 11, 12, 40 -> median 11
    const f = figureOf("x", "x", "ms", [12, 9, 40, 10, 11], { op: "<=", value: 10 });
    expect(f.spread).toEqual({ median: 11, min: 9, max: 40, runs: 5 });
    expect(f.values).toEqual([12, 9, 40, 10, 11]);
    // six runs: sorted 1, 2, 3, 5, 8, 13 -> (3 + 5) / 2 = 4
    expect(figureOf("y", "y", "ms", [13, 1, 8, 2, 5, 3]).spread?.median).toBe(4);
    expect(() => figureOf("z", "z", "ms", [1, 2, 3, 4])).toThrow(/4 runs, at least 5/);
    expect(() => figureOfSpread("e", "e", "ms", { median: 1, min: 1, max: 1, runs: 2 })).toThrow(/at least 5/);
  });

  it("a '<=' goal is met at median <= goal, a '>=' goal at median >= goal; ratio = median / goal", () => {
    const atMost = (runs: number[]) => verdictOf(figureOf("a", "a", "ms", runs, { op: "<=", value: 50 }));
    expect(atMost([40, 40, 40, 60, 60])).toEqual({ met: true, ratio: 0.8 }); // median 40: 40 / 50
    expect(atMost([50, 50, 50, 50, 50])).toEqual({ met: true, ratio: 1 }); // on the goal is met
    expect(atMost([75, 75, 75, 10, 10])).toEqual({ met: false, ratio: 1.5 }); // median 75: 75 / 50
    const atLeast = (runs: number[]) => verdictOf(figureOf("b", "b", "x", runs, { op: ">=", value: 0.5 }));
    expect(atLeast([1, 1, 1, 0, 0])).toEqual({ met: true, ratio: 2 }); // median 1: 1 / 0.5
    expect(atLeast([0.25, 0.25, 0.25, 9, 9])).toEqual({ met: false, ratio: 0.5 }); // median 0.25: 0.25 / 0.5
    expect(verdictOf(figureOf("c", "c", "ms", [1, 2, 3, 4, 5]))).toEqual({ met: null, ratio: null });
    expect(verdictOf(skippedFigure("d", "d", "ms", "no PostgreSQL", { op: "<=", value: 15 }))).toEqual({
      met: null,
      ratio: null,
    });
  });

  it("prints one row per figure: label, median, min, max, runs, goal, verdict; a skipped one says why", () => {
    const cells = tableCells([
      figureOf("a", "autosave p99", "ms", [60, 70, 80, 90, 100], { op: "<=", value: 50 }),
      figureOf("b", "ratio", "x", [2, 2, 2, 2, 2], { op: ">=", value: 0.5 }),
      skippedFigure("c", "report on PostgreSQL", "ms", "PostgreSQL not available", { op: "<=", value: 15 }),
    ]);
    // median 80 / 50 = 1.6
    expect(cells[0]).toEqual(["autosave p99", "80.0 ms", "60.0 ms", "100 ms", "5", "<= 50.0 ms", "NOT met (1.60x)"]);
    // 2 / 0.5 = 4
    expect(cells[1]).toEqual(["ratio", "2.00 x", "2.00 x", "2.00 x", "5", ">= 0.50 x", "met (4.00x)"]);
    expect(cells[2]).toEqual([
      "report on PostgreSQL",
      "—",
      "",
      "",
      "0",
      "<= 15.0 ms",
      "skipped: PostgreSQL not available",
    ]);
    const table = renderTable([figureOf("q", "page", "ms", [1, 2, 3, 4, 5])], {
      start: [1.5, 1, 0.5],
      end: [3.25, 2, 1],
      cpus: 2,
    }).split("\n");
    expect(table[0]).toMatch(/^figure\s+median\s+min\s+max\s+runs\s+goal\s+met\? \(median\/goal\)$/);
    expect(table[2]).toBe("page    3.00 ms  1.00 ms  5.00 ms  5");
    expect(table.at(-1)).toBe(
      "load average (1 / 5 / 15 min) at start 1.50 / 1.00 / 0.50, at end 3.25 / 2.00 / 1.00, on 2 CPUs",
    );
  });

  it("numbers get 3 significant digits, at most 2 decimals; JSON keeps the verdict", () => {
    expect([0.1234, 1.234, 12.34, 123.4, 12345.6].map(formatNumber)).toEqual(["0.12", "1.23", "12.3", "123", "12346"]);
    const [json] = figuresJson([figureOf("a", "a", "ms", [1.00049, 2, 3, 4, 5], { op: "<=", value: 2 })]);
    // median 3 / goal 2 = 1.5
    expect(json).toMatchObject({ median: 3, min: 1, max: 5, runs: 5, goal: "<= 2", met: false, ratio: 1.5 });
    expect(json.values?.[0]).toBe(1);
  });
});

describe("bench options", () => {
  it("full by default, --quick is small but still 5 runs a figure", () => {
    const full = parseBenchOptions([]);
    // re-scoring: all 100,000 by default (RESCORE_DEFAULT), as many as are seeded when fewer
    expect(full).toMatchObject({
      quick: false,
      runs: 5,
      candidates: 100_000,
      rescoreN: 100_000,
      postgres: true,
      build: true,
    });
    const quick = parseBenchOptions(["--quick"]);
    expect(quick).toMatchObject({ quick: true, runs: 5, candidates: 2_000, rescoreN: 2_000 });
    expect(
      parseBenchOptions(["--rescore-n=20_000", "--runs=7", "--no-postgres", "--no-tti", "--no-build"]),
    ).toMatchObject({
      build: false,
      rescoreN: 20_000,
      runs: 7,
      postgres: false,
      tti: false,
    });
  });

  it("refuses fewer than 5 runs, a re-score of more than the seeded candidates, unknown options", () => {
    expect(() => parseBenchOptions(["--runs=3"])).toThrow(/at least 5/);
    expect(() => parseBenchOptions(["--quick", "--rescore-n=5000"])).toThrow(/more than the 2000 candidates/);
    expect(() => parseBenchOptions(["--rescore-n=abc"])).toThrow(/positive whole number/);
    expect(() => parseBenchOptions(["--postgres"])).toThrow(/unknown option --postgres/);
  });

  it("page 2,000 is the last page of 100,000 at 50 a page; the re-score goal scales linearly", () => {
    expect(lastPageOf(100_000)).toBe(2_000);
    expect(lastPageOf(2_001)).toBe(41); // 40 full pages + 1 row
    expect(lastPageOf(0)).toBe(1);
    expect(scaledGoal(10, 100_000)).toBe(10);
    expect(scaledGoal(10, 20_000)).toBe(2); // 10 s x 20,000 / 100,000
  });
});
