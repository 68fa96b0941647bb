import type { Questionnaire } from "../questionnaire/types";
import { questionnairePlan, readScaled, type QuestionnairePlan } from "./plan";
import { median } from "./stats";
import {
  CURRENT_ALGORITHM,
  type AlgorithmVersion,
  type FlagName,
  type FlagResult,
  type RespondentInput,
} from "./types";

export const LONG_STRING_RUN = 8;
/** `no-variance` needs this many answered likert items: 6 in vb-2, 10 in vb-1 (section 13). */
export const NO_VARIANCE_MIN_ANSWERS: Readonly<Record<AlgorithmVersion, number>> = { "vb-1": 10, "vb-2": 6 };
export const SPEEDING_MEDIAN_SECONDS = 2;
/** `impression`: at least this many answered virtue items at the scale's maximum, and at least half of them. */
export const IMPRESSION_MIN_AT_MAX = 2;

/** Runs over raw likert answers in the order of the flags; only a missing likert answer breaks a run (section 10). */
export class LikertPatternTracker {
  longestRun = 0;
  answered = 0;
  allEqual = true;

  /**
   * Reads the raw likert answers in the order of the flags (NaN: missing) and keeps their pattern; with `clear`,
   * sets each entry back to NaN once read (the bulk scan's scratch, ready for the next response in the same pass).
   */
  scan(answers: { [index: number]: number; readonly length: number }, clear = false): void {
    let longestRun = 0;
    let answered = 0;
    let unequal = 0;
    let run = 0;
    // NaN at the start and after a missing answer, so the next answer starts a run of 1 (NaN equals nothing).
    let previous = Number.NaN;
    let first = Number.NaN;
    for (let i = 0; i < answers.length; i += 1) {
      const x = answers[i];
      if (clear) answers[i] = Number.NaN;
      if (x !== x) {
        previous = Number.NaN;
        continue;
      }
      answered += 1;
      if (answered === 1) first = x;
      // Arithmetic rather than branches: on real answers these comparisons go either way at random, and a
      // mispredicted branch costs more than the arithmetic.
      unequal |= +(x !== first);
      const same = +(x === previous);
      run = (run & -same) + 1;
      previous = x;
      const longer = +(run > longestRun);
      longestRun = (longestRun & (longer - 1)) | (run & -longer);
    }
    const allEqual = unequal === 0;
    this.longestRun = longestRun;
    this.answered = answered;
    this.allEqual = allEqual;
  }
}

export function failsAttention(plan: QuestionnairePlan, input: RespondentInput): boolean {
  return plan.attention.some((check) => {
    const x = readScaled(input.respondent, input.answers, check.item);
    return x !== null && x !== check.expect;
  });
}

function isSpeeding(itemSeconds: readonly number[] | undefined): boolean {
  if (!itemSeconds || itemSeconds.length === 0) return false;
  return (median(itemSeconds) as number) < SPEEDING_MEDIAN_SECONDS;
}

/** `impression` (vb-2): of the answered virtue items, at least 2 and at least half at the scale's maximum. */
export function isImpression(answered: number, atMax: number): boolean {
  return atMax >= IMPRESSION_MIN_AT_MAX && 2 * atMax >= answered;
}

/** Answered virtue items and those at the scale's maximum; throws on an invalid answer. */
export function virtueCounts(plan: QuestionnairePlan, input: RespondentInput): { answered: number; atMax: number } {
  let answered = 0;
  let atMax = 0;
  for (const item of plan.virtues) {
    const x = readScaled(input.respondent, input.answers, item);
    if (x === null) continue;
    answered += 1;
    if (x === item.max) atMax += 1;
  }
  return { answered, atMax };
}

const FLAG_ORDER = ["long-string", "no-variance", "attention", "impression", "speeding"] as const;

/** Each combination of raised flags as a list in the order of section 10, indexed by a bit mask (bit 0: long-string). */
const FLAG_LISTS: readonly (readonly FlagName[])[] = Array.from({ length: 32 }, (_, raised) =>
  FLAG_ORDER.filter((_, bit) => (raised & (1 << bit)) !== 0),
);

/** The flags of section 6 from a finished likert scan, the attention check, the virtue check and item timings. */
export function flagsOf(
  pattern: LikertPatternTracker,
  attentionFailed: boolean,
  itemSeconds: readonly number[] | undefined,
  noVarianceMinAnswers: number,
  impression = false,
): FlagResult {
  const longString = pattern.longestRun >= LONG_STRING_RUN;
  const noVariance = pattern.answered >= noVarianceMinAnswers && pattern.allEqual;
  const speeding = isSpeeding(itemSeconds);
  const raised =
    (longString ? 1 : 0) |
    (noVariance ? 2 : 0) |
    (attentionFailed ? 4 : 0) |
    (impression ? 8 : 0) |
    (speeding ? 16 : 0);
  // no-variance and attention are hard flags; long-string, impression and speeding are soft (two mean review).
  const hard = noVariance || attentionFailed;
  const soft = (longString ? 1 : 0) + (impression ? 1 : 0) + (speeding ? 1 : 0);
  // One code path for every combination (a push for a rare flag would deoptimise the scoring loop the first time
  // that flag turns up); a copy, since the result is the caller's to keep.
  return { flags: FLAG_LISTS[raised].slice(), hard, review: hard || soft >= 2 };
}

/** The flags of a response under an algorithm: vb-1 reads likert items in file order, vb-2 in presentation order. */
export function computeFlags(
  q: Questionnaire,
  input: RespondentInput,
  algorithm: AlgorithmVersion = CURRENT_ALGORITHM,
): FlagResult {
  const plan = questionnairePlan(q);
  const pattern = new LikertPatternTracker();
  const likert = algorithm === "vb-1" ? plan.likert : plan.likertPresented;
  pattern.scan(Float64Array.from(likert, (item) => readScaled(input.respondent, input.answers, item) ?? Number.NaN));
  const attentionFailed = failsAttention(plan, input);
  let impression = false;
  if (algorithm !== "vb-1") {
    const { answered, atMax } = virtueCounts(plan, input);
    impression = isImpression(answered, atMax);
  }
  return flagsOf(pattern, attentionFailed, input.itemSeconds, NO_VARIANCE_MIN_ANSWERS[algorithm], impression);
}
