import type { Questionnaire } from "../questionnaire/types";
import { questionnairePlan, readScaled, type QuestionnairePlan } from "./plan";
import { median } from "./stats";
import type { FlagName, FlagResult, RespondentInput } from "./types";

export const LONG_STRING_RUN = 8;
export const NO_VARIANCE_MIN_ANSWERS = 10;
export const SPEEDING_MEDIAN_SECONDS = 2;

/** Runs over raw likert answers in file order; only a missing likert answer breaks a run (section 10). */
export class LikertPatternTracker {
  longestRun = 0;
  answered = 0;
  allEqual = true;
  /** The current run; 0 at the start and after a missing answer, when `previous` means nothing. */
  private run = 0;
  private previous = 0;
  private first = 0;

  reset(): void {
    this.longestRun = 0;
    this.answered = 0;
    this.allEqual = true;
    this.run = 0;
  }

  add(x: number | null): void {
    if (x === null) {
      this.run = 0;
      return;
    }
    this.answered += 1;
    if (this.answered === 1) this.first = x;
    else if (x !== this.first) this.allEqual = false;
    this.run = this.run > 0 && x === this.previous ? this.run + 1 : 1;
    this.previous = x;
    if (this.run > this.longestRun) this.longestRun = this.run;
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

/** Each combination of raised flags as a list in the order of section 10, indexed by a bit mask (bit 0: long-string). */
const FLAG_LISTS: readonly (readonly FlagName[])[] = Array.from({ length: 16 }, (_, raised) =>
  (["long-string", "no-variance", "attention", "speeding"] as const).filter((_, bit) => (raised & (1 << bit)) !== 0),
);

/** The flags of section 6 from a finished likert scan, the attention check and item timings. */
export function flagsOf(
  pattern: LikertPatternTracker,
  attentionFailed: boolean,
  itemSeconds?: readonly number[],
): FlagResult {
  const longString = pattern.longestRun >= LONG_STRING_RUN;
  const noVariance = pattern.answered >= NO_VARIANCE_MIN_ANSWERS && pattern.allEqual;
  const speeding = isSpeeding(itemSeconds);
  const raised = (longString ? 1 : 0) | (noVariance ? 2 : 0) | (attentionFailed ? 4 : 0) | (speeding ? 8 : 0);
  // no-variance and attention are hard flags; long-string and speeding are soft (both together mean review).
  const hard = noVariance || attentionFailed;
  // One code path for every combination (a push for a rare flag would deoptimise the scoring loop the first time
  // that flag turns up); a copy, since the result is the caller's to keep.
  return { flags: FLAG_LISTS[raised].slice(), hard, review: hard || (longString && speeding) };
}

export function computeFlags(q: Questionnaire, input: RespondentInput): FlagResult {
  const pattern = new LikertPatternTracker();
  for (const item of questionnairePlan(q).likert) pattern.add(readScaled(input.respondent, input.answers, item));
  return flagsOf(pattern, failsAttention(questionnairePlan(q), input), input.itemSeconds);
}
