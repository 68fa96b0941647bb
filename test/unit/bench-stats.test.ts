import { describe, expect, it } from "vitest";
import { parseEngineOutput, parseServerTimes, serverTimesOf } from "../../scripts/bench/parse";
import { formatSummary, median, quantile, summarizeRuns } from "../../scripts/bench/stats";

describe("bench statistics", () => {
  it("median of an odd count is the middle value, of an even count the mean of the two middle ones", () => {
    // sorted 1, 3, 7, 8, 20 -> 7
    expect(median([8, 1, 20, 3, 7])).toBe(7);
    // sorted 2, 4, 10, 30 -> (4 + 10) / 2 = 7
    expect(median([30, 2, 10, 4])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it("quantile is nearest-rank: the value at rank ceil(q*n)", () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]; // sorted 1..10
    expect(quantile(ten, 0.5)).toBe(5); // ceil(5) = rank 5
    expect(quantile(ten, 0.99)).toBe(10); // ceil(9.9) = rank 10
    expect(quantile(ten, 0.91)).toBe(10); // ceil(9.1) = rank 10
    expect(quantile(ten, 0.9)).toBe(9); // ceil(9) = rank 9
    expect(quantile(ten, 0)).toBe(1); // rank 0 clamps to the first
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile(ten, 1.5)).toThrow(/between 0 and 1/);
  });

  it("summarizes runs: median, min, max, run order kept; no runs or a NaN run is refused", () => {
    expect(summarizeRuns([5.2, 4.9, 6.1, 5.0, 5.5])).toEqual({
      median: 5.2, // sorted 4.9, 5.0, 5.2, 5.5, 6.1
      min: 4.9,
      max: 6.1,
      runs: [5.2, 4.9, 6.1, 5.0, 5.5],
    });
    expect(() => summarizeRuns([])).toThrow(/no runs/);
    expect(() => summarizeRuns([1, NaN])).toThrow(/not a number/);
    expect(formatSummary(summarizeRuns([5.2, 4.9, 6.1, 5.0, 5.5]), 1, " ms")).toBe(
      "median 5.2 ms (4.9 ms–6.1 ms, 5 runs)",
    );
  });
});

describe("bench parsing", () => {
  it("reads the server's first-byte-to-last-byte times and keeps the 2xx of one path", () => {
    const body = JSON.stringify({
      entries: [
        ["GET", "/r/1", 200, 3.125],
        ["POST", "/r/autosave", 200, 0.9],
        ["GET", "/r/1", 500, 40],
        ["GET", "/r/1", 200, 2.5],
      ],
      dropped: 0,
    });
    const { entries, dropped } = parseServerTimes(body);
    expect(dropped).toBe(0);
    expect(entries[1]).toEqual({ method: "POST", path: "/r/autosave", status: 200, ms: 0.9 });
    expect(serverTimesOf(entries, "GET", "/r/1")).toEqual([3.125, 2.5]);
    expect(() => parseServerTimes("<html>")).toThrow(/not JSON/);
    expect(() => parseServerTimes('{"entries":[["GET","/r/1",200]],"dropped":0}')).toThrow(/entry 0/);
    expect(() => parseServerTimes('{"entries":[]}')).toThrow(/dropped/);
  });

  it("reads the engine bench's last JSON line and refuses output without one", () => {
    const s = (medianMs: number) => ({ runs: 5, medianMs, minMs: medianMs - 1, maxMs: medianMs + 2 });
    const report = {
      engine: {
        algorithm: "vb-2",
        candidates: 100000,
        items: 40,
        values: 8,
        warm: s(131),
        fresh: { ...s(146), prepare: s(55) },
        prepare: s(55),
        budgets: { warmMs: 100, freshMs: 150 },
      },
    };
    const stdout = `vb-2: scored 100000 candidates ...\n  warm ...\n${JSON.stringify(report)}\n`;
    const engine = parseEngineOutput(stdout);
    expect(engine.warm).toEqual({ runs: 5, medianMs: 131, minMs: 130, maxMs: 133 });
    expect(engine.fresh.medianMs).toBe(146);
    expect(() => parseEngineOutput("vb-2: scored\n")).toThrow(/not JSON/);
    expect(() => parseEngineOutput('{"engine":{"warm":{"runs":5}}}')).toThrow(/warm, fresh and prepare/);
  });
});
