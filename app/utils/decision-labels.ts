// A recruiter's decisions on a candidate, and how each reads on every page (report, results, compare), in the
// reader's language (issue 18: the words live in the `wording` catalogs).
import type { Translate } from "~/i18n/i18n";

export const DECISIONS = ["advance", "hold", "reject", "hired"] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** "Advance", "Hold", "Reject", "Hired" in the language of `t` (any staff binding). */
export function decisionLabel(t: Translate, decision: DecisionKind): string {
  return t(`wording:decision.${decision}`);
}
