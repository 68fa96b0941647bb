import type { Questionnaire } from "../questionnaire/types";
import { questionnairePlan, readScaled, type QuestionnairePlan } from "./plan";
import { median } from "./stats";
import type { FlagName, FlagResult, RespondentInput } from "./types";

export const LONG_STRING_RUN = 8;
export const NO_VARIANCE_MIN_ANSWERS = 10;
export const SPEEDING_MEDIAN_SECONDS = 2;
const HARD_FLAGS: ReadonlySet<FlagName> = new Set<FlagName>(["no-variance", "attention"]);

/** Runs over raw likert answers in file order; only a missing likert answer breaks a run (section 10). */
export class LikertPatternTracker {
  longestRun = 0;
  answered = 0;
  allEqual = true;
  private run = 0;
  private previous = Number.NaN;
  private first = Number.NaN;

  reset(): void {
    this.longestRun = 0;
    this.answered = 0;
    this.allEqual = true;
    this.run = 0;
    this.previous = Number.NaN;
    this.first = Number.NaN;
  }

  add(x: number | null): void {
    if (x === null) {
      this.run = 0;
      this.previous = Number.NaN;
      return;
    }
    this.answered += 1;
    if (this.answered === 1) this.first = x;
    else if (x !== this.first) this.allEqual = false;
    this.run = x === this.previous ? this.run + 1 : 1;
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

/** The flags of section 6 from a finished likert scan, the attention check and item timings. */
export function flagsOf(
  pattern: LikertPatternTracker,
  attentionFailed: boolean,
  itemSeconds?: readonly number[],
): FlagResult {
  const flags: FlagName[] = [];
  if (pattern.longestRun >= LONG_STRING_RUN) flags.push("long-string");
  if (pattern.answered >= NO_VARIANCE_MIN_ANSWERS && pattern.allEqual) flags.push("no-variance");
  if (attentionFailed) flags.push("attention");
  if (isSpeeding(itemSeconds)) flags.push("speeding");
  let hardCount = 0;
  for (const flag of flags) if (HARD_FLAGS.has(flag)) hardCount += 1;
  const hard = hardCount > 0;
  return { flags, hard, review: hard || flags.length - hardCount >= 2 };
}

export function computeFlags(q: Questionnaire, input: RespondentInput): FlagResult {
  const pattern = new LikertPatternTracker();
  for (const item of questionnairePlan(q).likert) pattern.add(readScaled(input.respondent, input.answers, item));
  return flagsOf(pattern, failsAttention(questionnairePlan(q), input), input.itemSeconds);
}
