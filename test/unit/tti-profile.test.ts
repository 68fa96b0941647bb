import { describe, expect, it } from "vitest";
import { networkConditions, noJsInteractiveMs, PHONE_PROFILE, summarize } from "../../scripts/bench/tti-profile";

describe("tti profile", () => {
  it("converts 1.6 Mbps / 750 kbps / 150 ms into CDP's bytes per second", () => {
    // 1,600,000 bit/s / 8 = 200,000 B/s; 750,000 bit/s / 8 = 93,750 B/s
    expect(networkConditions(PHONE_PROFILE)).toEqual({
      offline: false,
      latency: 150,
      downloadThroughput: 200_000,
      uploadThroughput: 93_750,
    });
  });

  it("summarizes runs: median of odd and even counts, min, max, run order kept", () => {
    expect(summarize([1300, 1600, 1200, 1400, 1350])).toEqual({
      median: 1350,
      min: 1200,
      max: 1600,
      runs: [1300, 1600, 1200, 1400, 1350],
    });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(() => summarize([])).toThrow(/no runs/);
  });

  it("no-JS interactive is the latest of DCL end, first paint and the last stylesheet; null without a paint", () => {
    expect(
      noJsInteractiveMs({ domContentLoadedEnd: 900, firstContentfulPaint: 700, stylesheetResponseEnds: [650, 950] }),
    ).toBe(950);
    expect(
      noJsInteractiveMs({ domContentLoadedEnd: 900, firstContentfulPaint: 1000, stylesheetResponseEnds: [] }),
    ).toBe(1000);
    expect(
      noJsInteractiveMs({ domContentLoadedEnd: 900, firstContentfulPaint: null, stylesheetResponseEnds: [] }),
    ).toBe(null);
  });
});
