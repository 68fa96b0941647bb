// A response against a benchmark snapshot (SCORING.md section 7).
import type { Direction, Questionnaire } from "../questionnaire/types";
import { flagsOf, LikertPatternTracker } from "./flags";
import { crawfordGarthwaiteInterval, crawfordHowellPercentile } from "./interval";
import { FloatKeyCache } from "./float-cache";
import { questionnairePlan, readScenario, type ItemPlan, type QuestionnairePlan, type ScenarioItemPlan } from "./plan";
import {
  InvalidAnswerError,
  type Band,
  type BenchmarkSnapshot,
  type CandidateResult,
  type CandidateValueResult,
  type RespondentInput,
  type ValueStats,
} from "./types";
import { responseScorer, validateDropped, valueScore, type ResponseScorer } from "./values";

export const BAND_LOW = 10;
export const BAND_HIGH = 90;

/** The questionnaire's items in file order as parallel arrays, so the scan loop stays monomorphic. */
interface Slots {
  items: ItemPlan[];
  ids: string[];
  scenario: Uint8Array;
  likert: Uint8Array;
  inherited: Uint8Array;
  minus: Uint8Array;
  min: Float64Array;
  max: Float64Array;
  /** Index of the item's value; -1 for a scenario item that is not scored (validated only); -2 for an attention item. */
  valueIndex: Int32Array;
  /** The expected answer of attention items. */
  expect: Float64Array;
  optionScores: (ReadonlyMap<string, number> | null)[];
}

/** Reused between calls (scoring is synchronous), so a candidate allocates only its result. */
interface Scratch {
  sums: Float64Array;
  counts: Int32Array;
  likert: LikertPatternTracker;
}

interface SnapshotScoring {
  q: Questionnaire;
  plan: QuestionnairePlan;
  scorer: ResponseScorer;
  slots: Slots;
  scratch: Scratch;
  stats: readonly ValueStats[];
  /** Per value: value score -> its (frozen) result; value scores take few distinct values. */
  memo: FloatKeyCache<CandidateValueResult>[];
}

const scoringBySnapshot = new WeakMap<BenchmarkSnapshot, SnapshotScoring>();

const NO_SCORE: CandidateValueResult = Object.freeze({
  score: null,
  percentile: null,
  ciLow: null,
  ciHigh: null,
  alignment: null,
  band: null,
  uncertain: null,
});

function assertSnapshotFits(q: Questionnaire, snapshot: BenchmarkSnapshot): void {
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

const ATTENTION_SLOT = -2;

function slotsOf(plan: QuestionnairePlan, scorer: ResponseScorer): Slots {
  const entries: {
    item: ItemPlan;
    valueIndex: number;
    optionScores: ReadonlyMap<string, number> | null;
    expect?: number;
  }[] = [];
  scorer.values.forEach((valueScorer, valueIndex) => {
    for (const item of valueScorer.value.items) {
      const scored = valueScorer.items.find((s) => s.item === item);
      if (item.kind === "scaled") entries.push({ item, valueIndex, optionScores: null });
      else if (scored && scored.kind === "scenario")
        entries.push({ item, valueIndex, optionScores: scored.optionScores });
      else entries.push({ item, valueIndex: -1, optionScores: null });
    }
  });
  for (const check of plan.attention)
    entries.push({ item: check.item, valueIndex: ATTENTION_SLOT, optionScores: null, expect: check.expect });
  const flag = (test: (item: ItemPlan) => boolean) => Uint8Array.from(entries, (e) => (test(e.item) ? 1 : 0));
  return {
    items: entries.map((e) => e.item),
    ids: entries.map((e) => e.item.id),
    scenario: flag((item) => item.kind === "scenario"),
    likert: flag((item) => item.kind === "scaled" && item.likert),
    inherited: flag((item) => item.inherited),
    minus: flag((item) => item.kind === "scaled" && item.minus),
    min: Float64Array.from(entries, (e) => (e.item.kind === "scaled" ? e.item.min : 0)),
    max: Float64Array.from(entries, (e) => (e.item.kind === "scaled" ? e.item.max : 1)),
    valueIndex: Int32Array.from(entries, (e) => e.valueIndex),
    expect: Float64Array.from(entries, (e) => e.expect ?? Number.NaN),
    optionScores: entries.map((e) => e.optionScores),
  };
}

function snapshotScoring(q: Questionnaire, snapshot: BenchmarkSnapshot): SnapshotScoring {
  const cached = scoringBySnapshot.get(snapshot);
  if (cached && cached.q === q) return cached;
  assertSnapshotFits(q, snapshot);
  const plan = questionnairePlan(q);
  const scorer = responseScorer(plan, snapshot.scenarios);
  const scoring: SnapshotScoring = {
    q,
    plan,
    scorer,
    slots: slotsOf(plan, scorer),
    scratch: {
      sums: new Float64Array(q.values.length),
      counts: new Int32Array(q.values.length),
      likert: new LikertPatternTracker(),
    },
    stats: q.values.map((value) => snapshot.values[value.id]),
    memo: q.values.map(() => new FloatKeyCache<CandidateValueResult>()),
  };
  scoringBySnapshot.set(snapshot, scoring);
  return scoring;
}

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

export function compareToBenchmark(
  score: number | null,
  stats: ValueStats,
  direction: Direction,
): CandidateValueResult {
  if (score === null) return NO_SCORE;
  if (stats.sdUsed === null || stats.mean === null) return { ...NO_SCORE, score };
  const percentile = crawfordHowellPercentile(score, stats.mean, stats.sdUsed, stats.n);
  const { ciLow, ciHigh } = crawfordGarthwaiteInterval((score - stats.mean) / stats.sdUsed, stats.n);
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

function memoisedResult(scoring: SnapshotScoring, index: number, score: number | null): CandidateValueResult {
  if (score === null) return NO_SCORE;
  const memo = scoring.memo[index];
  let result = memo.get(score);
  if (result === undefined) {
    result = Object.freeze(
      compareToBenchmark(score, scoring.stats[index], scoring.scorer.values[index].value.direction),
    );
    memo.set(score, result);
  }
  return result;
}

/** Value id -> value score of a response (agent or candidate) under the snapshot's scenario consensus. */
export function agentValueScores(
  q: Questionnaire,
  snapshot: BenchmarkSnapshot,
  input: RespondentInput,
): Record<string, number | null> {
  const scoring = snapshotScoring(q, snapshot);
  validateDropped(input.respondent, input.answers, scoring.scorer);
  const scores: Record<string, number | null> = {};
  for (const valueScorer of scoring.scorer.values) {
    scores[valueScorer.value.id] = valueScore(input.respondent, input.answers, valueScorer);
  }
  return scores;
}

function invalidScaled(respondent: string, item: ItemPlan, raw: unknown): InvalidAnswerError {
  const range = item.kind === "scaled" ? `an integer from ${item.min} to ${item.max}` : "a number";
  return new InvalidAnswerError(respondent, item.id, `expected ${range}, got ${JSON.stringify(raw)}`);
}

/**
 * One pass over the items in file order, then the attention items: the likert pattern for the flags,
 * per-value sums of p, and whether an attention item failed (returned).
 */
function scanItems(scoring: SnapshotScoring, input: RespondentInput): boolean {
  const { sums, counts, likert: pattern } = scoring.scratch;
  const { ids, scenario, likert, inherited, minus, min, max, valueIndex, optionScores, items, expect } = scoring.slots;
  let attentionFailed = false;
  sums.fill(0);
  counts.fill(0);
  pattern.reset();
  const { respondent, answers } = input;
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i];
    const raw: unknown = inherited[i] === 1 && !Object.hasOwn(answers, id) ? undefined : answers[id];
    const v = valueIndex[i];
    if (scenario[i] === 1) {
      if (raw === null || raw === undefined) continue;
      const scores = optionScores[i];
      if (scores === null) {
        readScenario(respondent, answers, items[i] as ScenarioItemPlan);
        continue;
      }
      const p = typeof raw === "string" ? scores.get(raw) : undefined;
      if (p === undefined) readScenario(respondent, answers, items[i] as ScenarioItemPlan);
      sums[v] += p as number;
      counts[v] += 1;
      continue;
    }
    if (raw === null || raw === undefined) {
      if (likert[i] === 1) pattern.add(null);
      continue;
    }
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min[i] || raw > max[i])
      throw invalidScaled(respondent, items[i], raw);
    if (likert[i] === 1) pattern.add(raw);
    if (v === ATTENTION_SLOT) {
      if (raw !== expect[i]) attentionFailed = true;
      continue;
    }
    const keyed = minus[i] === 1 ? min[i] + max[i] - raw : raw;
    sums[v] += (keyed - min[i]) / (max[i] - min[i]);
    counts[v] += 1;
  }
  return attentionFailed;
}

/**
 * The per-candidate result of section 8. Per-value results are frozen and shared between
 * candidates with the same value score: treat the result as read-only.
 */
export function scoreCandidate(q: Questionnaire, snapshot: BenchmarkSnapshot, input: RespondentInput): CandidateResult {
  const scoring = snapshotScoring(q, snapshot);
  const attentionFailed = scanItems(scoring, input);
  const { sums, counts, likert } = scoring.scratch;
  const { flags, review } = flagsOf(likert, attentionFailed, input.itemSeconds);
  const values: Record<string, CandidateValueResult> = {};
  const belowValues: string[] = [];
  let weighted = 0;
  let weights = 0;
  let minAlignment: number | null = null;
  let incomplete = false;
  const valueScorers = scoring.scorer.values;
  for (let index = 0; index < valueScorers.length; index += 1) {
    const { value, items, needed } = valueScorers[index];
    const answered = counts[index];
    const score = items.length === 0 || answered < needed ? null : 100 * (sums[index] / answered);
    const result = memoisedResult(scoring, index, score);
    values[value.id] = result;
    if (result.alignment === null) {
      incomplete = true;
      continue;
    }
    weighted += value.weight * result.alignment;
    weights += value.weight;
    if (minAlignment === null || result.alignment < minAlignment) minAlignment = result.alignment;
    if (result.band === "below") belowValues.push(value.id);
  }
  return {
    respondent: input.respondent,
    flags,
    review,
    values,
    overall: weights > 0 ? weighted / weights : null,
    minAlignment,
    belowValues,
    incomplete,
  };
}
