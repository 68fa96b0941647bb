import { z } from "zod";
import { msg } from "~/i18n/message";

export const DEFAULT_THRESHOLD = 50;
export const THRESHOLD_MIN = 0;
export const THRESHOLD_MAX = 100;

const thresholdInvalid = msg("fairness:cut.thresholdInvalid", { min: THRESHOLD_MIN, max: THRESHOLD_MAX });

/** The cut of the adverse-impact report: overall alignment at least `threshold`, or the latest decision is advance. */
export type FairnessCut = { kind: "overall"; threshold: number } | { kind: "advance" };

const fairnessQuerySchema = z.object({
  cut: z.enum(["overall", "advance"], { message: msg("fairness:cut.unreadable") }).default("overall"),
  threshold: z.coerce
    .number({ invalid_type_error: thresholdInvalid })
    .min(THRESHOLD_MIN, thresholdInvalid)
    .max(THRESHOLD_MAX, thresholdInvalid)
    .default(DEFAULT_THRESHOLD),
});

/**
 * Reads `?cut=overall|advance&threshold=N` (a GET form). Empty fields count as absent; anything invalid falls back
 * to the default cut and says why, so a hand-edited link still shows a report. The error is a message key
 * (~/i18n/message): the loader shows it in the reader's language.
 */
export function parseFairnessQuery(url: URL): { cut: FairnessCut; error: string | null } {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (value.trim() !== "" && !(key in raw)) raw[key] = value.trim();
  const parsed = fairnessQuerySchema.safeParse({ cut: raw.cut, threshold: raw.threshold });
  if (!parsed.success) {
    return {
      cut: { kind: "overall", threshold: DEFAULT_THRESHOLD },
      error: parsed.error.issues[0]?.message ?? msg("fairness:cut.unreadable"),
    };
  }
  return {
    cut: parsed.data.cut === "advance" ? { kind: "advance" } : { kind: "overall", threshold: parsed.data.threshold },
    error: null,
  };
}

/** Query string of a cut, for links (CSV export) that repeat the page's choice. */
export function fairnessSearch(cut: FairnessCut): string {
  return cut.kind === "advance" ? "?cut=advance" : `?cut=overall&threshold=${cut.threshold}`;
}
