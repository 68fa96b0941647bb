import { z } from "zod";
import { WEBHOOK_EVENTS } from "~/utils/schemas/api-webhooks.server";
import { getEnv } from "~/utils/env.server";
import { msg } from "~/i18n/message";
import { translated } from "~/utils/form.server";

/** Longest endpoint URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2000;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why `raw` cannot be a webhook URL, or null: https only in production; outside production http is also allowed for
 * localhost, 127.0.0.1 and [::1] (a receiver on the developer's machine). No credentials in the URL. A catalog key
 * (~/i18n/message): the webhooks page says it in the reader's language, the API in English.
 */
export function webhookUrlProblemKey(raw: string, production = getEnv().NODE_ENV === "production"): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return msg("admin:webhooks.urlInvalid");
  }
  if (url.username || url.password) return msg("admin:webhooks.urlCredentials");
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && !production && LOCAL_HOSTS.has(url.hostname)) return null;
  return msg(production ? "admin:webhooks.urlHttps" : "admin:webhooks.urlHttpsLocal");
}

/** webhookUrlProblemKey in English (Greenhouse's callback URL check answers in English). */
export function webhookUrlProblem(raw: string, production = getEnv().NODE_ENV === "production"): string | null {
  const problem = webhookUrlProblemKey(raw, production);
  return problem === null ? null : translated(problem);
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, msg("admin:webhooks.urlRequired"))
  .max(MAX_WEBHOOK_URL_LENGTH, msg("admin:webhooks.urlTooLong", { max: MAX_WEBHOOK_URL_LENGTH }))
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblemKey(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { errorMap: () => ({ message: msg("admin:webhooks.eventsFromList") }) }))
  .min(1, msg("admin:webhooks.eventsRequired"))
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

/** The webhooks page's "add endpoint" form (events is a checkbox list). */
export const createWebhookEndpointSchema = z
  .object({ intent: z.literal("create"), url: webhookUrlSchema, events: webhookEventsSchema })
  .strict();

export const webhookEndpointIdSchema = z
  .object({ intent: z.literal("disable"), endpointId: z.string().uuid(msg("admin:webhooks.unknownEndpoint")) })
  .strict();

export const webhookResendSchema = z
  .object({
    intent: z.literal("resend"),
    deliveryId: z.string().regex(/^msg_[0-9a-f]{32}$/, msg("admin:webhooks.unknownDelivery")),
  })
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
