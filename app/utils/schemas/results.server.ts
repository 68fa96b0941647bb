import { z } from "zod";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { cappedText } from "~/utils/form.server";
import { DECISIONS } from "~/utils/decision-labels";
import { msg } from "~/i18n/message";

export { DECISIONS, type DecisionKind } from "~/utils/decision-labels";

/** A hire date: YYYY-MM-DD, a real calendar day. */
const hireDate = z
  .string()
  .trim()
  .refine(
    (d) => d === "" || (/^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)),
    { message: msg("results:schema.hireDateFormat") },
  )
  .default("");

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { errorMap: () => ({ message: msg("results:schema.decision") }) }),
    note: cappedText(msg("results:schema.note"), TEXT_LIMITS.note).default(""),
    /** Only with `hired` (issue 17): when the person started, so outcomes can follow months later. */
    hiredOn: hireDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === "hired" && v.hiredOn === "")
      ctx.addIssue({ code: "custom", path: ["hiredOn"], message: msg("results:schema.hireDate") });
  })
  .transform((v) => ({ ...v, hiredOn: v.decision === "hired" ? v.hiredOn : null }));

/** The results page's "Retry scoring" button of a candidate whose scoring failed. */
export const retryScoringSchema = z
  .object({
    intent: z.literal("retry-scoring"),
    responseId: z.string().trim().min(1, msg("results:schema.candidate")).max(100),
  })
  .strict();

export const RESULTS_PAGE_SIZE = 50;

const optionalText = z.string().trim().max(100).optional().catch(undefined);

/**
 * The results list's querystring (sort, filters, page or cursor). A link someone edited by hand falls back to the defaults
 * instead of failing; value keys are checked against the questionnaire by the model.
 */
export const resultsQuerySchema = z.object({
  sort: z.string().trim().max(100).default("overall").catch("overall"),
  dir: z.enum(["desc", "asc"]).default("desc").catch("desc"),
  bandValue: optionalText,
  band: z.enum(["below", "within", "above", "none"]).optional().catch(undefined),
  review: z.enum(["1"]).optional().catch(undefined),
  status: z.enum(["scored", "unscored"]).optional().catch(undefined),
  decision: z.enum(["advance", "hold", "reject", "hired", "none"]).optional().catch(undefined),
  /** Part of a candidate's name or invitation e-mail (issue 21); a longer one is cut, not refused. */
  q: z
    .string()
    .trim()
    .transform((s) => s.slice(0, TEXT_LIMITS.name))
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
  /**
   * Keyset paging (issue 19): the rows after (Next) or before (Previous) this cursor; `page` is then the number shown.
   * Checked by the model (results-cursor.server.ts): a cursor the page did not give is a 400, not ignored.
   */
  after: z.string().optional().catch(undefined),
  before: z.string().optional().catch(undefined),
});

export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

/** Reads the results query from a URL: empty fields count as absent. */
export function parseResultsQuery(url: URL): ResultsQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (value !== "" && !(key in raw)) raw[key] = value;
  return resultsQuerySchema.parse(raw);
}

/** `ids` of the compare page: unique, in the order given. */
export function parseCompareIds(url: URL): string[] {
  const ids = url.searchParams
    .getAll("ids")
    .map((id) => id.trim())
    .filter((id) => id.length > 0 && id.length <= 100);
  return [...new Set(ids)];
}
