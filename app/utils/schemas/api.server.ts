// Request and response schemas of the public REST API /api/v1 (issue 20). The OpenAPI document
// (app/utils/api/openapi.server.ts) is generated from these, the routes validate their input with them, and the
// contract test checks every real answer against them. Input fields reuse the web forms' rules where they exist.
import { z } from "zod";
import { DECISIONS } from "~/utils/decision-labels";
import { inviteOneSchema } from "~/utils/schemas/positions.server";
import { decisionSchema } from "~/utils/schemas/results.server";

const isoTime = z.string().describe("ISO 8601 UTC timestamp");
const uuid = z.string().describe("Identifier (UUID)");

// ------------------------------------------------------------------------------------------------ problems

export const problemSchema = z.object({
  type: z.string().describe("URI naming the kind of problem"),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z
    .array(
      z.object({
        pointer: z.string().describe('JSON Pointer to the field, e.g. "/invitations/0/email" (query: "/limit")'),
        detail: z.string(),
      }),
    )
    .optional(),
});

// ------------------------------------------------------------------------------------------------ positions

export const positionSummarySchema = z.object({
  id: uuid,
  title: z.string(),
  status: z.enum(["open", "closed"]),
  createdAt: isoTime,
  questionnaire: z.string().describe('Questionnaire and version, e.g. "Support values v3"'),
  candidateInvitations: z.number().int(),
  submitted: z.number().int().describe("Submitted responses (agents and candidates)"),
});

export const positionListSchema = z.object({ data: z.array(positionSummarySchema) });

export const positionSchema = positionSummarySchema.omit({ candidateInvitations: true, submitted: true }).extend({
  description: z.string(),
  responses: z.number().int().describe("Started, submitted or imported responses"),
  locales: z.array(z.string()).describe("Languages candidates can be invited in"),
});

// ------------------------------------------------------------------------------------------------ invitations

const inviteShape = inviteOneSchema.shape;

export const invitationEntrySchema = z
  .object({
    name: inviteShape.name,
    email: inviteShape.email,
    locale: inviteShape.locale.optional().describe("Answering language; default: the organization's, if offered"),
  })
  .strict();

export const MAX_API_INVITATIONS = 500;

export const createInvitationsSchema = z
  .object({
    invitations: z
      .array(invitationEntrySchema)
      .min(1, "Send at least one invitation.")
      .max(MAX_API_INVITATIONS, `Send at most ${MAX_API_INVITATIONS} invitations at once.`),
  })
  .strict();

export const issuedInvitationSchema = z.object({
  invitationId: uuid,
  name: z.string(),
  email: z.string().nullable(),
  expiresAt: isoTime,
  mail: z.enum(["sent", "failed"]).nullable().describe("Whether the invitation mail went out (null: no mail sent)"),
  link: z
    .string()
    .url()
    .nullable()
    .describe("The candidate's personal link, unless the mail carrying it was sent; shown only in this answer"),
});

export const createInvitationsResponseSchema = z.object({ data: z.array(issuedInvitationSchema) });

// ------------------------------------------------------------------------------------------------ results

export const RESULTS_MAX_LIMIT = 100;
export const RESULTS_DEFAULT_LIMIT = 50;

export const resultsQuerySchema = z
  .object({
    cursor: z.string().max(400).optional().describe("nextCursor of the previous page"),
    limit: z.coerce
      .number({ invalid_type_error: "limit must be a number." })
      .int("limit must be a whole number.")
      .min(1, "limit must be at least 1.")
      .max(RESULTS_MAX_LIMIT, `limit must be at most ${RESULTS_MAX_LIMIT}.`)
      .default(RESULTS_DEFAULT_LIMIT)
      .describe(`Rows per page, 1 to ${RESULTS_MAX_LIMIT} (default ${RESULTS_DEFAULT_LIMIT})`),
    value: z.string().max(100).optional().describe("A value key: `band` then filters on this value's band"),
    band: z.enum(["below", "within", "above"]).optional().describe("With `value`: only candidates in this band"),
    flagged: z.enum(["true", "false"]).optional().describe("true: only results to review; false: only the others"),
    decision: z
      .enum([...DECISIONS, "none"])
      .optional()
      .describe("The latest decision (none: no decision yet)"),
    submittedSince: z
      .string()
      .datetime({ offset: true, message: "submittedSince must be an ISO 8601 date-time." })
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.band && !q.value) ctx.addIssue({ code: "custom", path: ["band"], message: "band needs a value key." });
  });

export type ApiResultsQuery = z.infer<typeof resultsQuerySchema>;

const bandSchema = z.enum(["below", "within", "above"]).nullable();

export const resultRowSchema = z.object({
  responseId: uuid,
  name: z.string(),
  submittedAt: isoTime,
  scored: z.boolean(),
  overall: z.number().nullable().describe("Overall fit 0..100 (weighted mean of the alignments)"),
  minAlignment: z.number().nullable(),
  review: z.boolean().describe("Response-quality flags to review"),
  flags: z.array(z.string()),
  values: z.record(z.string(), z.object({ alignment: z.number().nullable(), band: bandSchema })),
  decision: z.enum(DECISIONS).nullable(),
});

export const resultsPageSchema = z.object({
  data: z.array(resultRowSchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
});

export const fitReportSchema = z.object({
  positionId: uuid,
  responseId: uuid,
  name: z.string(),
  submittedAt: isoTime.nullable(),
  scored: z.boolean(),
  notScoredReason: z.string().nullable(),
  algorithmVersion: z.string().nullable().describe('Scoring algorithm of the score, e.g. "vb-2"'),
  benchmarkId: uuid.nullable(),
  scoredAt: isoTime.nullable(),
  overall: z
    .object({
      overall: z.number().nullable(),
      minAlignment: z.number().nullable(),
      incomplete: z.boolean(),
      belowValues: z.array(z.string()).describe("Keys of the values below the benchmark's band"),
    })
    .nullable(),
  values: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      weight: z.number(),
      score: z.number().nullable(),
      percentile: z.number().nullable().describe("Percentile among the benchmark's agents"),
      percentileLow: z.number().nullable().describe("Lower end of the percentile's interval"),
      percentileHigh: z.number().nullable().describe("Upper end of the percentile's interval"),
      alignment: z.number().nullable().describe("Alignment 0..100 with the benchmark"),
      band: bandSchema,
      uncertain: z.boolean().nullable(),
    }),
  ),
  flags: z.array(z.object({ flag: z.string(), meaning: z.string() })),
  review: z.boolean(),
  decisions: z.array(
    z.object({
      id: uuid,
      decision: z.enum(DECISIONS),
      note: z.string(),
      hiredOn: z.string().nullable(),
      decidedAt: isoTime,
    }),
  ),
});

// ------------------------------------------------------------------------------------------------ decisions, outcomes

/** The decision form's own rules (hired needs hiredOn as YYYY-MM-DD). */
export const createDecisionSchema = decisionSchema;

export const decisionResponseSchema = z.object({
  decisionId: uuid,
  responseId: uuid,
  decision: z.enum(DECISIONS),
  hiredOn: z.string().nullable(),
});

export const postOutcomesSchema = z
  .object({
    outcomes: z
      .array(
        z
          .object({
            email: z
              .string()
              .trim()
              .min(1, "email is required.")
              .max(254)
              .describe("The person's e-mail (an agent invited without one: their name)"),
            metric: z.string().trim().min(1, "metric is required.").max(50).describe("A metric key, e.g. csat"),
            value: z.number({ invalid_type_error: "value must be a number." }).finite(),
          })
          .strict(),
      )
      .min(1, "Send at least one outcome.")
      .max(10_000, "Send at most 10000 outcomes at once."),
  })
  .strict();

export const postOutcomesResponseSchema = z.object({
  metrics: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      added: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
    }),
  ),
});
