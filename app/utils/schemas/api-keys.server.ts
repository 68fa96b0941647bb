import { z } from "zod";
import { requiredText } from "~/utils/form.server";

/** The scopes an API key can hold (issue 20); one home for the list, its order and what each allows. */
export const API_SCOPES = [
  "positions:read",
  "invitations:write",
  "results:read",
  "outcomes:write",
  "webhooks:manage",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  "positions:read": "List and read positions.",
  "invitations:write": "Invite candidates to a position.",
  "results:read": "List a position's results and read fit reports.",
  "outcomes:write": "Post outcome values and record decisions (including hired).",
  "webhooks:manage": "Register and manage webhook endpoints.",
};

export const createApiKeySchema = z.object({
  intent: z.literal("create"),
  name: requiredText("Key name"),
  scopes: z.array(z.enum(API_SCOPES, { message: "Unknown scope." })).min(1, "Choose at least one scope for the key."),
});

export const revokeApiKeySchema = z.object({
  intent: z.literal("revoke"),
  keyId: z.string().uuid("Unknown key."),
});
