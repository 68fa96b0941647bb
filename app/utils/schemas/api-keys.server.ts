import { z } from "zod";
import type { Locale } from "~/i18n/locale";
import { msg } from "~/i18n/message";
import { staffT } from "~/i18n/staff-catalogs.server";
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

/** What each scope allows, in a reader's language (admin:api.scope.*); the OpenAPI document reads the English. */
export function apiScopeDescription(scope: ApiScope, locale: Locale = "en"): string {
  return staffT(locale, "admin")(`api.scope.${scope}`);
}

export const createApiKeySchema = z.object({
  intent: z.literal("create"),
  name: requiredText(msg("admin:api.keyNameField")),
  scopes: z.array(z.enum(API_SCOPES, { message: msg("admin:api.unknownScope") })).min(1, msg("admin:api.chooseScope")),
});

export const revokeApiKeySchema = z.object({
  intent: z.literal("revoke"),
  keyId: z.string().uuid(msg("admin:api.unknownKey")),
});
