// Everything about a (questionnaire, snapshot) pair that does not depend on the response, prepared once per pair and
// kept while the snapshot object lives: the slots, the value columns, the codes and the tables of value results.
import type { Direction, Questionnaire } from "../questionnaire/types";
import { AnswerReader } from "./answer-reader";
import { valueCodesOf, digitOf, tableResult, type ValueCodes } from "./combinations";
import { compareToBenchmark, NO_SCORE } from "./compare";
import { LikertPatternTracker, NO_VARIANCE_MIN_ANSWERS } from "./flags";
import { FloatKeyCache } from "./float-cache";
import { questionnairePlan } from "./plan";
import { SCENARIO, scaledSlotScore, slotsOf, type Slots } from "./slots";
import type { AlgorithmVersion, BenchmarkSnapshot, CandidateValueResult, ValueStats } from "./types";
import { responseScorer, type ResponseScorer } from "./values";

/** The per-value facts scoreCandidate needs, as arrays in value order. */
export interface ValueColumns {
  ids: string[];
  weights: Float64Array;
  directions: Direction[];
  /** k: the number of scored items. */
  itemCounts: Int32Array;
  /** ceil(2k/3). */
  needed: Int32Array;
  stats: ValueStats[];
}

export interface SnapshotScoring {
  q: Questionnaire;
  scorer: ResponseScorer;
  slots: Slots;
  values: ValueColumns;
  /** The values' codes and tables; null when some value cannot be coded (then the plain scan scores every response). */
  codes: ValueCodes | null;
  /** Reused between calls (scoring is synchronous), so a candidate allocates only its result. */
  answers: AnswerReader;
  sums: Float64Array;
  counts: Int32Array;
  likert: LikertPatternTracker;
  /** Per likert place: the raw answer of the last response read, NaN when unanswered (scratch). */
  likertAnswers: Float64Array;
  /** likertAnswers is all NaN (a finished scan clears it as it reads; one that stopped early leaves it dirty). */
  likertClear: boolean;
  /** Per value: value score -> its (frozen) result; value scores take few distinct values. */
  memo: FloatKeyCache<CandidateValueResult>[];
  algorithm: AlgorithmVersion;
  noVarianceMinAnswers: number;
  /** Of the last scan: an attention item failed; answered virtue items and those at the scale's maximum. */
  attentionFailed: boolean;
  virtuesAnswered: number;
  virtuesAtMax: number;
  /** Every reachable value result is tabled (tableReachableScores has run). */
  allTabled: boolean;
  /** Of the last scan, in value order: each value's result, whether it has an alignment, the alignment, band below. */
  results: CandidateValueResult[];
  hasAlignment: Uint8Array;
  alignments: Float64Array;
  below: Uint8Array;
  /** Scratch of scoreCandidate: the ids of the values below, first belowCount entries. */
  belowScratch: string[];
}

const scoringBySnapshot = new WeakMap<BenchmarkSnapshot, SnapshotScoring>();

/** The algorithm of a snapshot; one stored before vb-2 has none and is vb-1. */
export function snapshotAlgorithm(snapshot: BenchmarkSnapshot): AlgorithmVersion {
  return snapshot.algorithmVersion ?? "vb-1";
}

function assertSnapshotFits(q: Questionnaire, snapshot: BenchmarkSnapshot): void {
  if (snapshotAlgorithm(snapshot) === "vb-1" && (q.virtues ?? []).length > 0)
    throw new Error(`questionnaire ${q.id}: virtue items need algorithm vb-2`);
  const fits =
    snapshot.questionnaire.id === q.id &&
    snapshot.questionnaire.version === q.version &&
    q.values.every((value) => snapshot.values[value.id] !== undefined) &&
    questionnairePlan(q).scenarios.every((item) => snapshot.scenarios[item.id] !== undefined);
  if (!fits) {
    throw new Error(
      `benchmark snapshot of ${snapshot.questionnaire.id} v${snapshot.questionnaire.version} does not fit questionnaire ${q.id} v${q.version}`,
    );
  }
}

function valueColumnsOf(scorer: ResponseScorer, snapshot: BenchmarkSnapshot): ValueColumns {
  return {
    ids: scorer.values.map((s) => s.value.id),
    weights: Float64Array.from(scorer.values, (s) => s.value.weight),
    directions: scorer.values.map((s) => s.value.direction),
    itemCounts: Int32Array.from(scorer.values, (s) => s.items.length),
    needed: Int32Array.from(scorer.values, (s) => s.needed),
    stats: scorer.values.map((s) => snapshot.values[s.value.id]),
  };
}

/**
 * The pair scored last, checked before the WeakMap: bulk scoring asks for the same pair 100,000 times, and a
 * WeakMap lookup (a hash of the snapshot's identity) was a measurable part of each candidate. Holds that one
 * snapshot alive until another is scored.
 */
let lastSnapshot: BenchmarkSnapshot | null = null;
let lastScoring: SnapshotScoring | null = null;

/** The prepared scoring of a snapshot for a questionnaire (built on first use, then reused). */
export function snapshotScoring(q: Questionnaire, snapshot: BenchmarkSnapshot): SnapshotScoring {
  if (snapshot === lastSnapshot && lastScoring !== null && lastScoring.q === q) return lastScoring;
  const scoring = preparedScoring(q, snapshot);
  lastSnapshot = snapshot;
  lastScoring = scoring;
  return scoring;
}

function preparedScoring(q: Questionnaire, snapshot: BenchmarkSnapshot): SnapshotScoring {
  const cached = scoringBySnapshot.get(snapshot);
  if (cached && cached.q === q) return cached;
  assertSnapshotFits(q, snapshot);
  const algorithm = snapshotAlgorithm(snapshot);
  const plan = questionnairePlan(q);
  const scorer = responseScorer(plan, snapshot.scenarios);
  const slots = slotsOf(plan, scorer, algorithm);
  const answers = new AnswerReader(slots.items);
  const scoring: SnapshotScoring = {
    q,
    scorer,
    slots,
    values: valueColumnsOf(scorer, snapshot),
    codes: valueCodesOf(slots, q.values.length, answers.hasDuplicateIds),
    answers,
    sums: new Float64Array(q.values.length),
    counts: new Int32Array(q.values.length),
    likert: new LikertPatternTracker(),
    likertAnswers: new Float64Array(slots.likertCount).fill(Number.NaN),
    likertClear: true,
    memo: q.values.map(() => new FloatKeyCache<CandidateValueResult>()),
    algorithm,
    noVarianceMinAnswers: NO_VARIANCE_MIN_ANSWERS[algorithm],
    attentionFailed: false,
    virtuesAnswered: 0,
    virtuesAtMax: 0,
    allTabled: false,
    results: q.values.map(() => NO_SCORE),
    hasAlignment: new Uint8Array(q.values.length),
    alignments: new Float64Array(q.values.length),
    below: new Uint8Array(q.values.length),
    belowScratch: q.values.map(() => ""),
  };
  scoringBySnapshot.set(snapshot, scoring);
  return scoring;
}

/** The result of a value score met for the first time (the memo's miss path, kept out of the scoring loop). */
function memoiseResult(scoring: SnapshotScoring, index: number, score: number): CandidateValueResult {
  const result = Object.freeze(
    compareToBenchmark(score, scoring.values.stats[index], scoring.values.directions[index], scoring.algorithm),
  );
  scoring.memo[index].set(score, result);
  return result;
}

/**
 * A value's result from the sum of the item scores p of its answered items and their number (section 3): the value
 * score 100 * mean(p) when at least ceil(2k/3) of its k > 0 items are answered, compared with the benchmark.
 */
export function valueResultOf(
  scoring: SnapshotScoring,
  index: number,
  sum: number,
  answered: number,
): CandidateValueResult {
  const { itemCounts, needed } = scoring.values;
  if (itemCounts[index] === 0 || answered < needed[index]) return NO_SCORE;
  const score = 100 * (sum / answered);
  return scoring.memo[index].get(score) ?? memoiseResult(scoring, index, score);
}

/**
 * The result of a value's code met for the first time, tabled: the item scores of its digits summed in slot order,
 * the same numbers in the same order as the plain scan's sums.
 */
export function resultOfCode(scoring: SnapshotScoring, codes: ValueCodes, index: number, code: number) {
  const { slots } = scoring;
  let sum = 0;
  let answered = 0;
  for (const slot of codes.valueSlots[index]) {
    const digit = digitOf(codes, slot, code);
    if (digit === 0) continue;
    sum +=
      slots.kind[slot] === SCENARIO
        ? (slots.optionScores[slot] as Float64Array)[digit - 1]
        : scaledSlotScore(slots, slot, slots.min[slot] + digit - 1);
    answered += 1;
  }
  const result = valueResultOf(scoring, index, sum, answered);
  tableResult(codes, index, code, result);
  return result;
}

/** Notes a value's result of the last scan (read by scoreCandidate from typed arrays, without loading the result). */
export function setResult(scoring: SnapshotScoring, index: number, result: CandidateValueResult): void {
  scoring.results[index] = result;
  scoring.hasAlignment[index] = result.alignment === null ? 0 : 1;
  scoring.alignments[index] = result.alignment ?? 0;
  scoring.below[index] = result.band === "below" ? 1 : 0;
}
