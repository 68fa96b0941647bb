// Request bodies of the Greenhouse Assessment Partner API (issue 20), as Greenhouse documents them. Greenhouse owns
// these shapes and may add fields, so unknown fields are ignored rather than refused.
import { z } from "zod";
import { webhookUrlProblem } from "./webhooks.server";

const MAX_NAME = 100;

/** Greenhouse's callback URL: the same rule as webhook URLs (https; http to localhost only outside production). */
const callbackUrl = z
  .string()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const sendTestSchema = z.object({
  partner_test_id: z.string().min(1, "partner_test_id is required (a test id from list_tests)."),
  candidate: z.object({
    first_name: z.string().trim().min(1, "first_name is required.").max(MAX_NAME),
    last_name: z.string().trim().max(MAX_NAME).default(""),
    email: z.string().trim().email("email must be an e-mail address."),
    greenhouse_profile_url: z.string().max(2000).optional(),
    url: callbackUrl,
    resume_url: z.string().optional(),
    phone_number: z.string().optional(),
  }),
});

export type SendTestInput = z.infer<typeof sendTestSchema>;

export const testStatusQuerySchema = z.object({
  partner_interview_id: z.string().min(1, "partner_interview_id is required."),
});

export const responseErrorSchema = z.object({
  api_call: z.string().max(100),
  errors: z.array(z.string().max(2000)).max(100),
  partner_test_id: z.union([z.string(), z.number()]).optional(),
  partner_test_name: z.string().optional(),
  partner_interview_id: z.union([z.string(), z.number()]).optional(),
  candidate_email: z.string().optional(),
});
