// A recruiter's decisions on a candidate, and how each reads on every page (report, results, compare).
export const DECISIONS = ["advance", "hold", "reject", "hired"] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export const DECISION_LABEL: Record<DecisionKind, string> = {
  advance: "Advance",
  hold: "Hold",
  reject: "Reject",
  hired: "Hired",
};
