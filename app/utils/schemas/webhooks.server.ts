import { z } from "zod";
import { WEBHOOK_EVENTS } from "~/utils/schemas/api-webhooks.server";
import { getEnv } from "~/utils/env.server";

/** Longest endpoint URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2000;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why `raw` cannot be a webhook URL, or null: https only in production; outside production http is also allowed for
 * localhost, 127.0.0.1 and [::1] (a receiver on the developer's machine). No credentials in the URL.
 */
export function webhookUrlProblem(raw: string, production = getEnv().NODE_ENV === "production"): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL starting with https://.";
  }
  if (url.username || url.password) return "Leave user name and password out of the URL.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && !production && LOCAL_HOSTS.has(url.hostname)) return null;
  return production
    ? "The URL must start with https://."
    : "The URL must start with https:// (http:// only for localhost or 127.0.0.1 outside production).";
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the webhooks.")
  .max(MAX_WEBHOOK_URL_LENGTH, `The URL can be at most ${MAX_WEBHOOK_URL_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { errorMap: () => ({ message: "Choose events from the list." }) }))
  .min(1, "Choose at least one event.")
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

/** The webhooks page's "add endpoint" form (events is a checkbox list). */
export const createWebhookEndpointSchema = z
  .object({ intent: z.literal("create"), url: webhookUrlSchema, events: webhookEventsSchema })
  .strict();

export const webhookEndpointIdSchema = z
  .object({ intent: z.literal("disable"), endpointId: z.string().uuid("Unknown endpoint.") })
  .strict();

export const webhookResendSchema = z
  .object({ intent: z.literal("resend"), deliveryId: z.string().regex(/^msg_[0-9a-f]{32}$/, "Unknown delivery.") })
  .strict();

/** POST /api/v1/webhooks: the body (JSON). */
export const apiCreateWebhookSchema = z.object({ url: webhookUrlSchema, events: webhookEventsSchema }).strict();

/** An endpoint as the API shows it (the secret only in the answer to its creation). */
export const apiWebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});

export const apiCreatedWebhookSchema = apiWebhookEndpointSchema.extend({
  secret: z.string().describe("The Standard Webhooks signing secret (whsec_…); returned only here"),
});
