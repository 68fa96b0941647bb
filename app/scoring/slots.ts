// A questionnaire's items under a snapshot, compiled into parallel typed arrays ("slots") for the scoring scan.
import { scaledItemScore, type ItemPlan, type QuestionnairePlan, type ScaledItemPlan } from "./plan";
import type { AlgorithmVersion } from "./types";
import type { ResponseScorer } from "./values";

/** What a slot holds: how the scan reads and scores its answer. */
export const SCALED = 0;
/** A likert or rating item on a scale too wide for a table of its item scores: p is computed per answer. */
export const SCALED_WIDE = 1;
export const SCENARIO = 2;
/** A scenario item with m < 5: not scored for anyone, its answer is only validated. */
export const DROPPED = 3;
export const ATTENTION = 4;
/** A virtue item (vb-2): read only by the impression flag. */
export const VIRTUE = 5;

/** Item scores are tabled per answer for integer scales of up to this many answers (likert 5, rating 11). */
const MAX_TABLED_ANSWERS = 101;

/**
 * The questionnaire's value items (vb-1: in file order; vb-2: in presentation order, the order of the flags), then
 * the attention items, then the virtue items, as parallel arrays (a monomorphic scan). Either order meets each
 * value's items in file order, so the per-value sums are the same.
 */
export interface Slots {
  items: ItemPlan[];
  kind: Uint8Array;
  /** Per slot: its place among the likert slots (in slot order, the flags' order), or -1 for other slots. */
  likertPlace: Int32Array;
  likertCount: number;
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

function isTabled(item: ScaledItemPlan): boolean {
  const bounded = Number.isInteger(item.min) && Number.isInteger(item.max) && Math.abs(item.min) < 2 ** 30;
  return bounded && item.max - item.min < MAX_TABLED_ANSWERS;
}

/** The valid answers of a scale with integer bounds: min, min + 1, ..., max. */
function answersOf(item: ScaledItemPlan): number[] {
  return Array.from({ length: item.max - item.min + 1 }, (_, k) => item.min + k);
}

export function slotsOf(plan: QuestionnairePlan, scorer: ResponseScorer, algorithm: AlgorithmVersion): Slots {
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
  let likertCount = 0;
  const likertPlace = Int32Array.from(entries, (e) => (e.item.kind === "scaled" && e.item.likert ? likertCount++ : -1));
  return {
    items: entries.map((e) => e.item),
    kind: Uint8Array.from(entries, (e) => e.kind),
    likertPlace,
    likertCount,
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

/** The item score p of an integer answer x to a scored likert or rating slot (tabled, or computed on a wide scale). */
export function scaledSlotScore(slots: Slots, slot: number, x: number): number {
  return slots.kind[slot] === SCALED
    ? slots.itemScores[slots.scoreAt[slot] + x]
    : scaledItemScore(slots.items[slot] as ScaledItemPlan, x);
}
