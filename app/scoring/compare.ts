// A value score against the benchmark (SCORING.md section 7): percentile, interval, alignment, band.
import type { Direction } from "../questionnaire/types";
import { crawfordGarthwaiteInterval, crawfordHowellPercentile } from "./interval";
import type { AlgorithmVersion, Band, CandidateValueResult, ValueStats } from "./types";

export const BAND_LOW = 10;
export const BAND_HIGH = 90;

export const NO_SCORE: CandidateValueResult = Object.freeze({
  score: null,
  percentile: null,
  ciLow: null,
  ciHigh: null,
  alignment: null,
  band: null,
  uncertain: null,
});

export function alignmentOf(percentile: number, direction: Direction): number {
  if (direction === "higher") return Math.min(100, 2 * percentile);
  return 2 * Math.min(percentile, 100 - percentile);
}

export function bandOf(percentile: number): Band {
  if (percentile < BAND_LOW) return "below";
  if (percentile > BAND_HIGH) return "above";
  return "within";
}

/** The 95% interval crosses a band edge: ciLow < e < ciHigh for e = 10 or 90. */
export function isUncertain(ciLow: number, ciHigh: number): boolean {
  return (ciLow < BAND_LOW && BAND_LOW < ciHigh) || (ciLow < BAND_HIGH && BAND_HIGH < ciHigh);
}

/** The percentile's degrees of freedom: vb-1 n - 1 whatever the shrinkage; vb-2 dfUsed (section 7). */
function percentileDf(stats: ValueStats, algorithm: AlgorithmVersion): number {
  if (algorithm === "vb-1") return stats.n - 1;
  if (stats.dfUsed === undefined || stats.dfUsed === null) throw new Error("a vb-2 benchmark value has no dfUsed");
  return stats.dfUsed;
}

export function compareToBenchmark(
  score: number | null,
  stats: ValueStats,
  direction: Direction,
  algorithm: AlgorithmVersion = "vb-1",
): CandidateValueResult {
  if (score === null) return NO_SCORE;
  if (stats.sdUsed === null || stats.mean === null) return { ...NO_SCORE, score };
  const df = percentileDf(stats, algorithm);
  const percentile = crawfordHowellPercentile(score, stats.mean, stats.sdUsed, stats.n, df);
  const { ciLow, ciHigh } = crawfordGarthwaiteInterval((score - stats.mean) / stats.sdUsed, stats.n, df);
  return {
    score,
    percentile,
    ciLow,
    ciHigh,
    alignment: alignmentOf(percentile, direction),
    band: bandOf(percentile),
    uncertain: isUncertain(ciLow, ciHigh),
  };
}
