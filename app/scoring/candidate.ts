// A response against a benchmark snapshot (SCORING.md section 7).
import type { Questionnaire } from "../questionnaire/types";
import { allCodesDense } from "./combinations";
import { flagsOf, isImpression } from "./flags";
import { scanCodes, scanItems } from "./scan";
import { resultOfCode, snapshotScoring } from "./snapshot-scoring";
import type { BenchmarkSnapshot, CandidateResult, CandidateValueResult, RespondentInput } from "./types";
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
 * Makes plain objects (their prototype is Object.prototype, as a literal's) that V8 lays out with room for their
 * first properties inside the object: a values object is one allocation of ~50 bytes, where a copy of a template
 * was two of ~120 (the object and its store of the properties past the fourth).
 */
const PlainObject = function PlainObject() {} as unknown as new () => Record<string, CandidateValueResult>;
PlainObject.prototype = Object.prototype;

/**
 * A candidate's values object: value id -> its result, in value order. One store per value index for the first 12
 * values, each at its own site: a site that always stores under the same id stays a monomorphic store, where one
 * site storing under every id is a megamorphic keyed store (a tenth of bulk scoring's time).
 */
function valuesObject(
  ids: readonly string[],
  results: readonly CandidateValueResult[],
): Record<string, CandidateValueResult> {
  const values = new PlainObject();
  const n = ids.length;
  if (n > 0) values[ids[0]] = results[0];
  if (n > 1) values[ids[1]] = results[1];
  if (n > 2) values[ids[2]] = results[2];
  if (n > 3) values[ids[3]] = results[3];
  if (n > 4) values[ids[4]] = results[4];
  if (n > 5) values[ids[5]] = results[5];
  if (n > 6) values[ids[6]] = results[6];
  if (n > 7) values[ids[7]] = results[7];
  if (n > 8) values[ids[8]] = results[8];
  if (n > 9) values[ids[9]] = results[9];
  if (n > 10) values[ids[10]] = results[10];
  if (n > 11) values[ids[11]] = results[11];
  for (let index = 12; index < n; index += 1) values[ids[index]] = results[index];
  return values;
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
  const { ids, weights } = scoring.values;
  const values = valuesObject(ids, results);
  const belowScratch = scoring.belowScratch;
  let belowCount = 0;
  let weighted = 0;
  let weightSum = 0;
  // The least alignment as a plain double beside a flag (a local that is null or a number holds a boxed number,
  // one allocation per new minimum).
  let minAlignment = 0;
  let aligned = false;
  let incomplete = false;
  for (let index = 0; index < ids.length; index += 1) {
    if (hasAlignment[index] === 0) {
      incomplete = true;
      continue;
    }
    const alignment = alignments[index];
    weighted += weights[index] * alignment;
    weightSum += weights[index];
    if (!aligned || alignment < minAlignment) minAlignment = alignment;
    aligned = true;
    belowScratch[belowCount] = ids[index];
    belowCount += below[index];
  }
  // An array of exactly the values below (pushing into [] allocates room for 17 at the first push).
  const belowValues = belowCount === 0 ? [] : belowScratch.slice(0, belowCount);
  return {
    respondent: input.respondent,
    flags,
    review,
    values,
    overall: weightSum > 0 ? weighted / weightSum : null,
    minAlignment: aligned ? minAlignment : null,
    belowValues,
    incomplete,
  };
}
