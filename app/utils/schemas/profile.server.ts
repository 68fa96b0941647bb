import { z } from "zod";
import { LOCALES } from "~/i18n/locale";
import { msg } from "~/i18n/message";

/** The profile menu's language form (issue 18): a language, or "" for the organization's default. */
export const profileLanguageSchema = z
  .object({
    language: z.union([z.literal(""), z.enum(LOCALES)], {
      errorMap: () => ({ message: msg("shell:profile.chooseLanguage") }),
    }),
    redirectTo: z.string().max(2000).optional(),
  })
  .strict();
