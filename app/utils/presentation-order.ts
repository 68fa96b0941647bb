import type { Questionnaire } from "~/questionnaire/types";

// The presentation order itself lives in the engine (app/scoring/presentation-order.ts): the web flow and the
// scoring flags must read the same order.

/** Seconds we budget per item: likert, rating, attention and virtue 8 s, scenario 25 s. */
export const SECONDS_PER_ITEM = { likert: 8, rating: 8, attention: 8, virtue: 8, scenario: 25 } as const;

export function estimatedSeconds(
  q: Pick<Questionnaire, "values" | "attention"> & Partial<Pick<Questionnaire, "virtues">>,
): number {
  let seconds = q.attention.length * SECONDS_PER_ITEM.attention + (q.virtues?.length ?? 0) * SECONDS_PER_ITEM.virtue;
  for (const value of q.values) for (const item of value.items) seconds += SECONDS_PER_ITEM[item.type];
  return seconds;
}
