// Contrast: do the top agents differ from the comparison agents? (SCORING.md section 11, vb-2 only.)
import { SD_FLOOR } from "./benchmark";
import { noncentralityLimits } from "./interval";
import { mean, sampleSd } from "./stats";
import type { ContrastReport, ContrastValue, FlagName, RespondentInput, ValueStats, Verdict } from "./types";
import { valueScore, type ResponseScorer } from "./values";

/** Both groups need this many scored agents for d, g and the interval. */
export const MIN_CONTRAST_N = 5;

export function verdictOf(ciLow: number, ciHigh: number): Verdict {
  if (ciLow > 0) return "distinguishes";
  if (ciHigh < 0) return "reversed";
  return "unclear";
}

/** Cohen's d with the pooled sd (floored at 2.5), Hedges' g, and the 95% interval as MBESS ci.smd. */
export function standardizedDifference(
  nTop: number,
  meanTop: number,
  sdTop: number,
  nComparison: number,
  meanComparison: number,
  sdComparison: number,
): Pick<ContrastValue, "sdPooled" | "d" | "g" | "ciLow" | "ciHigh" | "verdict"> {
  const df = nTop + nComparison - 2;
  const sdPooled = Math.max(
    SD_FLOOR,
    Math.sqrt(((nTop - 1) * sdTop * sdTop + (nComparison - 1) * sdComparison * sdComparison) / df),
  );
  const d = (meanTop - meanComparison) / sdPooled;
  const g = d * (1 - 3 / (4 * df - 1));
  const k = Math.sqrt(1 / nTop + 1 / nComparison);
  const { low, high } = noncentralityLimits(d / k, df);
  const ciLow = low * k;
  const ciHigh = high * k;
  return { sdPooled, d, g, ciLow, ciHigh, verdict: verdictOf(ciLow, ciHigh) };
}

export function computeContrast(
  scorer: ResponseScorer,
  benchmark: Readonly<Record<string, ValueStats>>,
  topScores: readonly (readonly number[])[],
  comparison: readonly RespondentInput[],
  agents: number,
  excluded: { respondent: string; flags: FlagName[] }[],
): ContrastReport {
  const values: Record<string, ContrastValue> = {};
  scorer.values.forEach((valueScorer, index) => {
    const stats = benchmark[valueScorer.value.id];
    const scores: number[] = [];
    for (const agent of comparison) {
      const score = valueScore(agent.respondent, agent.answers, valueScorer);
      if (score !== null) scores.push(score);
    }
    const nTop = topScores[index].length;
    const nComparison = scores.length;
    const meanComparison = mean(scores);
    const base = { nTop, nComparison, meanTop: stats.mean, meanComparison };
    if (nTop < MIN_CONTRAST_N || nComparison < MIN_CONTRAST_N) {
      values[valueScorer.value.id] = {
        ...base,
        sdPooled: null,
        d: null,
        g: null,
        ciLow: null,
        ciHigh: null,
        verdict: null,
      };
      return;
    }
    values[valueScorer.value.id] = {
      ...base,
      ...standardizedDifference(
        nTop,
        stats.mean as number,
        stats.sd as number,
        nComparison,
        meanComparison as number,
        sampleSd(scores) as number,
      ),
    };
  });
  return { agents, excluded, values };
}
