// The throttled phone of the answering page's time-to-interactive figure (issue 19) and the arithmetic of its
// summary. Plain TypeScript, no imports: unit-tested in test/unit/tti-profile.test.ts.

/** The profile as the issue states it: a 4× slower CPU, 1.6 Mbps down, 750 kbps up, 150 ms round trip, a phone. */
export const PHONE_PROFILE = {
  cpuSlowdown: 4,
  downloadMbps: 1.6,
  uploadKbps: 750,
  rttMs: 150,
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
} as const;

export type PhoneProfile = typeof PHONE_PROFILE;

/**
 * The parameters of CDP `Network.emulateNetworkConditions`: throughputs in BYTES per second (bits / 8, decimal
 * mega/kilo as network speeds are quoted), latency in ms. Chrome adds `latency` once to each request (from sending it
 * to its response's first byte), so 150 ms stands for one round trip per request; the TCP handshake of a new
 * connection is not added on top (Lighthouse's "devtools" throttling scales the RTT by 3.75 for that; we do not).
 */
export function networkConditions(profile: { downloadMbps: number; uploadKbps: number; rttMs: number }) {
  return {
    offline: false,
    latency: profile.rttMs,
    downloadThroughput: (profile.downloadMbps * 1_000_000) / 8,
    uploadThroughput: (profile.uploadKbps * 1_000) / 8,
  };
}

export type Summary = { median: number; min: number; max: number; runs: number[] };

/** Median (mean of the two middle values for an even count), min and max of the runs, kept in run order. */
export function summarize(runs: number[]): Summary {
  if (runs.length === 0) throw new Error("summarize: no runs to summarize");
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: [...runs] };
}

/**
 * The no-JavaScript page is usable when its whole form is parsed (DOMContentLoaded has ended), every stylesheet has
 * arrived (they block rendering) and the page has painted: the latest of the three, ms from navigation start.
 * `null` when the page never painted (then it is not usable, and the caller reports that rather than a number).
 */
export function noJsInteractiveMs(timing: {
  domContentLoadedEnd: number;
  firstContentfulPaint: number | null;
  stylesheetResponseEnds: number[];
}): number | null {
  if (timing.firstContentfulPaint === null) return null;
  return Math.max(timing.domContentLoadedEnd, timing.firstContentfulPaint, ...timing.stylesheetResponseEnds);
}
