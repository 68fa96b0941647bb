// A response against a benchmark snapshot (SCORING.md section 7).
import type { Questionnaire } from "../questionnaire/types";
import { allCodesDense } from "./combinations";
import { flagsOf, isImpression } from "./flags";
import { scanCodes, scanItems } from "./scan";
import { resultOfCode, snapshotScoring } from "./snapshot-scoring";
import type { BenchmarkSnapshot, CandidateResult, RespondentInput } from "./types";
import { validateDropped, valueScore } from "./values";

export { alignmentOf, BAND_HIGH, BAND_LOW, bandOf, compareToBenchmark, isUncertain } from "./compare";
export { snapshotAlgorithm } from "./snapshot-scoring";

/**
 * Value id -> value score of a response (agent or candidate) under the snapshot's scenario consensus. Under vb-2
 * an included top agent of the snapshot is scored leave-one-out (section 5), everyone else with the full shares.
 */
export function agentValueScores(
  q: Questionnaire,
  snapshot: BenchmarkSnapshot,
  input: RespondentInput,
): Record<string, number | null> {
  const scoring = snapshotScoring(q, snapshot);
  validateDropped(input.respondent, input.answers, scoring.scorer);
  const leaveOneOut =
    scoring.algorithm !== "vb-1" && input.group !== "comparison" && snapshot.included.includes(input.respondent);
  const scores: Record<string, number | null> = {};
  for (const valueScorer of scoring.scorer.values) {
    scores[valueScorer.value.id] = valueScore(input.respondent, input.answers, valueScorer, leaveOneOut);
  }
  return scores;
}

/**
 * Tables the result of every reachable answer combination of every value (the set is finite, section 3), so that
 * scoring against the snapshot computes no percentile or interval any more: for bulk scoring right after activation.
 * Results are the same numbers the lazy path computes. Does nothing when a value has too many combinations for a
 * table (those stay lazy), or when it has run on this snapshot before. Returns how many combinations were tabled.
 */
export function tableReachableScores(q: Questionnaire, snapshot: BenchmarkSnapshot): number {
  const scoring = snapshotScoring(q, snapshot);
  const { codes } = scoring;
  if (scoring.allTabled || codes === null || !allCodesDense(codes)) return 0;
  scoring.allTabled = true;
  let tabled = 0;
  codes.dense.forEach((table, index) => {
    const places = table as Uint16Array;
    for (let code = 0; code < places.length; code += 1) {
      if (places[code] !== 0) continue;
      resultOfCode(scoring, codes, index, code);
      tabled += 1;
    }
  });
  return tabled;
}

/**
 * The per-candidate result of section 8. Per-value results are frozen and shared between
 * candidates with the same value score: treat the result as read-only.
 */
export function scoreCandidate(q: Questionnaire, snapshot: BenchmarkSnapshot, input: RespondentInput): CandidateResult {
  const scoring = snapshotScoring(q, snapshot);
  if (scoring.codes === null || !scanCodes(scoring, scoring.codes, input)) scanItems(scoring, input);
  const { likert, results, hasAlignment, alignments, below } = scoring;
  const impression = isImpression(scoring.virtuesAnswered, scoring.virtuesAtMax);
  const { flags, review } = flagsOf(
    likert,
    scoring.attentionFailed,
    input.itemSeconds,
    scoring.noVarianceMinAnswers,
    impression,
  );
  const { ids, weights, template } = scoring.values;
  const values = { ...template };
  const belowValues: string[] = [];
  let weighted = 0;
  let weightSum = 0;
  let minAlignment: number | null = null;
  let incomplete = false;
  for (let index = 0; index < ids.length; index += 1) {
    values[ids[index]] = results[index];
    if (hasAlignment[index] === 0) {
      incomplete = true;
      continue;
    }
    const alignment = alignments[index];
    weighted += weights[index] * alignment;
    weightSum += weights[index];
    if (minAlignment === null || alignment < minAlignment) minAlignment = alignment;
    if (below[index] === 1) belowValues.push(ids[index]);
  }
  return {
    respondent: input.respondent,
    flags,
    review,
    values,
    overall: weightSum > 0 ? weighted / weightSum : null,
    minAlignment,
    belowValues,
    incomplete,
  };
}
