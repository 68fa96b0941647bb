// A response against a benchmark snapshot (SCORING.md section 7).
import type { Direction, Questionnaire } from "../questionnaire/types";
import { flagsOf, isImpression, LikertPatternTracker, NO_VARIANCE_MIN_ANSWERS } from "./flags";
import { crawfordGarthwaiteInterval, crawfordHowellPercentile } from "./interval";
import { FloatKeyCache } from "./float-cache";
import {
  invalidScaledAnswer,
  invalidScenarioAnswer,
  questionnairePlan,
  scaledItemScore,
  type ItemPlan,
  type QuestionnairePlan,
  type ScaledItemPlan,
  type ScenarioItemPlan,
} from "./plan";
import {
  type AlgorithmVersion,
  type Answers,
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

/** What a slot holds: how the scan reads and scores its answer. */
const SCALED = 0;
/** A likert or rating item on a scale too wide for a table of its item scores: p is computed per answer. */
const SCALED_WIDE = 1;
const SCENARIO = 2;
/** A scenario item with m < 5: not scored for anyone, its answer is only validated. */
const DROPPED = 3;
const ATTENTION = 4;
/** A virtue item (vb-2): read only by the impression flag. */
const VIRTUE = 5;

/** Item scores are tabled per answer for integer scales of up to this many answers (likert 5, rating 11). */
const MAX_TABLED_ANSWERS = 101;

/**
 * The questionnaire's value items (vb-1: in file order; vb-2: in presentation order, the order of the flags), then
 * the attention items, then the virtue items, as parallel arrays (a monomorphic scan). Either order meets each
 * value's items in file order, so the per-value sums are the same.
 */
interface Slots {
  items: ItemPlan[];
  kind: Uint8Array;
  likert: Uint8Array;
  min: Float64Array;
  max: Float64Array;
  /** The item scores p of every answer of the SCALED slots' scales, in answer order. */
  itemScores: Float64Array;
  /** SCALED slots: itemScores[scoreAt[slot] + answer] is the item score p of an answer. */
  scoreAt: Int32Array;
  /** Index of the item's value (SCALED, SCALED_WIDE and SCENARIO slots). */
  valueIndex: Int32Array;
  /** The expected answer of attention items. */
  expect: Float64Array;
  /** SCENARIO and DROPPED slots: the option ids, in option order. */
  optionIds: (readonly string[] | null)[];
  /** SCENARIO slots: the item score p of each option. */
  optionScores: (Float64Array | null)[];
}

/**
 * Reads a response's answers into their slots with a single for...in pass. Looking each item up by name instead
 * (answers[id] with a different id each time) is a megamorphic keyed load, a search of the object's property
 * names per item: the largest cost of scoring a JSON-parsed response. for...in walks the object's own fields in
 * order; the key -> slot lookups are cached by position, since responses from the same source list their keys in
 * the same order. The scan then goes through the slots in file order, so the likert pattern, the sums and the
 * first invalid answer do not depend on the order of the keys.
 *
 * Answers are plain data (JSON, CSV rows): for...in sees their enumerable properties, own or inherited, which is
 * what answers[id] read. (An object built key by key with many keys is a dictionary to V8, for which for...in is
 * slower than keyed loads; Object.fromEntries or JSON.parse build ones this reads fastest.)
 */
class AnswerReader {
  /** The raw answer per slot; undefined when the last response read has none. */
  private readonly raw: unknown[];
  private readonly firstSlotOf = new Map<string, number>();
  /** The next slot with the same id (-1: none): ids are unique in a valid file, but nothing here relies on it. */
  private readonly nextWithId: Int32Array;
  /** The id is also a property of Object.prototype (e.g. "constructor"): only an own property is an answer. */
  private readonly ownOnly: Uint8Array;
  /**
   * The last response's keys by position and their first slots (-1: not an item). "" until a key is seen, so the
   * comparison below only ever meets strings and stays a pointer compare.
   */
  private readonly keyAt: string[];
  private readonly slotAt: number[];

  constructor(items: readonly ItemPlan[]) {
    this.raw = items.map(() => undefined);
    this.nextWithId = new Int32Array(items.length).fill(-1);
    for (let slot = items.length - 1; slot >= 0; slot -= 1) {
      const next = this.firstSlotOf.get(items[slot].id);
      if (next !== undefined) this.nextWithId[slot] = next;
      this.firstSlotOf.set(items[slot].id, slot);
    }
    this.ownOnly = Uint8Array.from(items, (item) => (item.inherited ? 1 : 0));
    this.keyAt = items.map(() => "");
    this.slotAt = items.map(() => -1);
  }

  read(answers: Answers): void {
    // A keyed load would throw on a missing answers object; for...in would silently see no answers.
    if (answers === null || answers === undefined) throw new TypeError(`answers must be an object, got ${answers}`);
    const { raw } = this;
    for (let slot = 0; slot < raw.length; slot += 1) raw[slot] = undefined;
    let position = 0;
    for (const key in answers) {
      let slot =
        position < this.keyAt.length && this.keyAt[position] === key
          ? this.slotAt[position]
          : this.remember(position, key);
      position += 1;
      if (slot < 0 || (this.ownOnly[slot] === 1 && !Object.hasOwn(answers, key))) continue;
      const answer = answers[key];
      for (; slot >= 0; slot = this.nextWithId[slot]) raw[slot] = answer;
    }
  }

  /** The raw answer in a slot; undefined when the response has none. */
  get(slot: number): unknown {
    return this.raw[slot];
  }

  /** Looks a key up and caches it at its position. */
  private remember(position: number, key: string): number {
    const slot = this.firstSlotOf.get(key) ?? -1;
    if (position < this.keyAt.length) {
      this.keyAt[position] = key;
      this.slotAt[position] = slot;
    } else {
      this.keyAt.push(key);
      this.slotAt.push(slot);
    }
    return slot;
  }
}

/** The per-value facts scoreCandidate needs, as arrays in value order. */
interface ValueColumns {
  ids: string[];
  weights: Float64Array;
  directions: Direction[];
  /** k: the number of scored items. */
  itemCounts: Int32Array;
  /** ceil(2k/3). */
  needed: Int32Array;
  stats: ValueStats[];
  /** Value id -> NO_SCORE in value order: each result's `values` starts as a copy, so all share one shape. */
  template: Record<string, CandidateValueResult>;
}

interface SnapshotScoring {
  q: Questionnaire;
  scorer: ResponseScorer;
  slots: Slots;
  values: ValueColumns;
  /** Reused between calls (scoring is synchronous), so a candidate allocates only its result. */
  answers: AnswerReader;
  sums: Float64Array;
  counts: Int32Array;
  likert: LikertPatternTracker;
  /** Per value: value score -> its (frozen) result; value scores take few distinct values. */
  memo: FloatKeyCache<CandidateValueResult>[];
  algorithm: AlgorithmVersion;
  noVarianceMinAnswers: number;
  /** Answered virtue items and those at the scale's maximum, of the last scan. */
  virtuesAnswered: number;
  virtuesAtMax: number;
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

function isTabled(item: ScaledItemPlan): boolean {
  const bounded = Number.isInteger(item.min) && Number.isInteger(item.max) && Math.abs(item.min) < 2 ** 30;
  return bounded && item.max - item.min < MAX_TABLED_ANSWERS;
}

/** The valid answers of a scale with integer bounds: min, min + 1, ..., max. */
function answersOf(item: ScaledItemPlan): number[] {
  return Array.from({ length: item.max - item.min + 1 }, (_, k) => item.min + k);
}

function slotsOf(plan: QuestionnairePlan, scorer: ResponseScorer, algorithm: AlgorithmVersion): Slots {
  const entries: {
    item: ItemPlan;
    kind: number;
    valueIndex: number;
    optionScores?: ReadonlyMap<string, number>;
    expect?: number;
  }[] = [];
  const valueItems =
    algorithm === "vb-1"
      ? scorer.values.flatMap((valueScorer, valueIndex) =>
          valueScorer.value.items.map((item) => ({ item, valueIndex })),
        )
      : plan.presented;
  for (const { item, valueIndex } of valueItems) {
    const scored = scorer.values[valueIndex].items.find((s) => s.item === item);
    if (item.kind === "scaled") entries.push({ item, kind: isTabled(item) ? SCALED : SCALED_WIDE, valueIndex });
    else if (scored && scored.kind === "scenario")
      entries.push({ item, kind: SCENARIO, valueIndex, optionScores: scored.optionScores });
    else entries.push({ item, kind: DROPPED, valueIndex: -1 });
  }
  for (const check of plan.attention)
    entries.push({ item: check.item, kind: ATTENTION, valueIndex: -1, expect: check.expect });
  if (algorithm !== "vb-1") for (const item of plan.virtues) entries.push({ item, kind: VIRTUE, valueIndex: -1 });
  // Each tabled item's scores follow the previous item's: scoreAt + answer indexes them.
  const tabled = entries.flatMap((e) => (e.kind === SCALED && e.item.kind === "scaled" ? [e.item] : []));
  const scoreAt = new Map<ItemPlan, number>();
  tabled.reduce((start, item) => {
    scoreAt.set(item, start - item.min);
    return start + answersOf(item).length;
  }, 0);
  return {
    items: entries.map((e) => e.item),
    kind: Uint8Array.from(entries, (e) => e.kind),
    likert: Uint8Array.from(entries, (e) => (e.item.kind === "scaled" && e.item.likert ? 1 : 0)),
    min: Float64Array.from(entries, (e) => (e.item.kind === "scaled" ? e.item.min : 0)),
    max: Float64Array.from(entries, (e) => (e.item.kind === "scaled" ? e.item.max : 1)),
    itemScores: Float64Array.from(tabled.flatMap((item) => answersOf(item).map((x) => scaledItemScore(item, x)))),
    scoreAt: Int32Array.from(entries, (e) => scoreAt.get(e.item) ?? -1),
    valueIndex: Int32Array.from(entries, (e) => e.valueIndex),
    expect: Float64Array.from(entries, (e) => e.expect ?? Number.NaN),
    optionIds: entries.map((e) => (e.item.kind === "scenario" ? e.item.optionIds : null)),
    optionScores: entries.map(({ item, optionScores }) =>
      optionScores && item.kind === "scenario"
        ? Float64Array.from(item.optionIds, (id) => optionScores.get(id) as number)
        : null,
    ),
  };
}

function valueColumnsOf(scorer: ResponseScorer, snapshot: BenchmarkSnapshot): ValueColumns {
  const template: Record<string, CandidateValueResult> = {};
  for (const { value } of scorer.values) template[value.id] = NO_SCORE;
  return {
    ids: scorer.values.map((s) => s.value.id),
    weights: Float64Array.from(scorer.values, (s) => s.value.weight),
    directions: scorer.values.map((s) => s.value.direction),
    itemCounts: Int32Array.from(scorer.values, (s) => s.items.length),
    needed: Int32Array.from(scorer.values, (s) => s.needed),
    stats: scorer.values.map((s) => snapshot.values[s.value.id]),
    template,
  };
}

function snapshotScoring(q: Questionnaire, snapshot: BenchmarkSnapshot): SnapshotScoring {
  const cached = scoringBySnapshot.get(snapshot);
  if (cached && cached.q === q) return cached;
  assertSnapshotFits(q, snapshot);
  const algorithm = snapshotAlgorithm(snapshot);
  const plan = questionnairePlan(q);
  const scorer = responseScorer(plan, snapshot.scenarios);
  const slots = slotsOf(plan, scorer, algorithm);
  const scoring: SnapshotScoring = {
    q,
    scorer,
    slots,
    values: valueColumnsOf(scorer, snapshot),
    answers: new AnswerReader(slots.items),
    sums: new Float64Array(q.values.length),
    counts: new Int32Array(q.values.length),
    likert: new LikertPatternTracker(),
    memo: q.values.map(() => new FloatKeyCache<CandidateValueResult>()),
    algorithm,
    noVarianceMinAnswers: NO_VARIANCE_MIN_ANSWERS[algorithm],
    virtuesAnswered: 0,
    virtuesAtMax: 0,
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

/** The result of a value score met for the first time (the memo's miss path, kept out of the scoring loop). */
function memoiseResult(scoring: SnapshotScoring, index: number, score: number): CandidateValueResult {
  const result = Object.freeze(
    compareToBenchmark(score, scoring.values.stats[index], scoring.values.directions[index], scoring.algorithm),
  );
  scoring.memo[index].set(score, result);
  return result;
}

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
 * One pass over the items in file order, then the attention items: the likert pattern for the flags,
 * per-value sums of p, and whether an attention item failed (returned). Throws on the first invalid answer.
 */
function scanItems(scoring: SnapshotScoring, input: RespondentInput): boolean {
  const { answers, sums, counts, likert: pattern } = scoring;
  const { items, kind, likert, min, max, itemScores, scoreAt, valueIndex, expect, optionIds, optionScores } =
    scoring.slots;
  const { respondent } = input;
  answers.read(input.answers);
  let attentionFailed = false;
  let virtuesAnswered = 0;
  let virtuesAtMax = 0;
  for (let v = 0; v < sums.length; v += 1) {
    sums[v] = 0;
    counts[v] = 0;
  }
  pattern.reset();
  for (let i = 0; i < kind.length; i += 1) {
    const raw = answers.get(i);
    const v = valueIndex[i];
    if (kind[i] === SCENARIO || kind[i] === DROPPED) {
      if (raw === null || raw === undefined) continue;
      const options = optionIds[i] as readonly string[];
      let choice = 0; // a linear search: faster than a Map for 2..6 options
      while (choice < options.length && options[choice] !== raw) choice += 1;
      if (choice === options.length) throw invalidScenarioAnswer(respondent, items[i] as ScenarioItemPlan, raw);
      if (kind[i] === DROPPED) continue;
      sums[v] += (optionScores[i] as Float64Array)[choice];
      counts[v] += 1;
      continue;
    }
    if (raw === null || raw === undefined) {
      if (likert[i] === 1) pattern.add(null);
      continue;
    }
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min[i] || raw > max[i])
      throw invalidScaledAnswer(respondent, items[i] as ScaledItemPlan, raw);
    if (likert[i] === 1) pattern.add(raw);
    if (kind[i] === ATTENTION) {
      if (raw !== expect[i]) attentionFailed = true;
      continue;
    }
    if (kind[i] === VIRTUE) {
      virtuesAnswered += 1;
      if (raw === max[i]) virtuesAtMax += 1;
      continue;
    }
    sums[v] += kind[i] === SCALED ? itemScores[scoreAt[i] + raw] : scaledItemScore(items[i] as ScaledItemPlan, raw);
    counts[v] += 1;
  }
  scoring.virtuesAnswered = virtuesAnswered;
  scoring.virtuesAtMax = virtuesAtMax;
  return attentionFailed;
}

/**
 * The per-candidate result of section 8. Per-value results are frozen and shared between
 * candidates with the same value score: treat the result as read-only.
 */
export function scoreCandidate(q: Questionnaire, snapshot: BenchmarkSnapshot, input: RespondentInput): CandidateResult {
  const scoring = snapshotScoring(q, snapshot);
  const attentionFailed = scanItems(scoring, input);
  const { sums, counts, likert } = scoring;
  const impression = isImpression(scoring.virtuesAnswered, scoring.virtuesAtMax);
  const { flags, review } = flagsOf(
    likert,
    attentionFailed,
    input.itemSeconds,
    scoring.noVarianceMinAnswers,
    impression,
  );
  const { ids, weights, itemCounts, needed, template } = scoring.values;
  const memo = scoring.memo;
  const values = { ...template };
  const belowValues: string[] = [];
  let weighted = 0;
  let weightSum = 0;
  let minAlignment: number | null = null;
  let incomplete = false;
  for (let index = 0; index < ids.length; index += 1) {
    const answered = counts[index];
    let result = NO_SCORE;
    if (itemCounts[index] > 0 && answered >= needed[index]) {
      const score = 100 * (sums[index] / answered);
      result = memo[index].get(score) ?? memoiseResult(scoring, index, score);
    }
    values[ids[index]] = result;
    if (result.alignment === null) {
      incomplete = true;
      continue;
    }
    weighted += weights[index] * result.alignment;
    weightSum += weights[index];
    if (minAlignment === null || result.alignment < minAlignment) minAlignment = result.alignment;
    if (result.band === "below") belowValues.push(ids[index]);
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
