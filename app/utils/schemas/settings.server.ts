import { z } from "zod";
import { LOCALES } from "~/i18n/locale";

export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;

/** The organization settings form; the checkbox is absent when unchecked. */
export const settingsSchema = z
  .object({
    retentionDays: z.coerce
      .number({ invalid_type_error: "Enter a whole number of days." })
      .int("Enter a whole number of days.")
      .min(MIN_RETENTION_DAYS, `Keep data at least ${MIN_RETENTION_DAYS} days.`)
      .max(MAX_RETENTION_DAYS, `Keep data at most ${MAX_RETENTION_DAYS} days (10 years).`),
    showScoresToCandidates: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    defaultLocale: z.enum(LOCALES, { errorMap: () => ({ message: "Choose a language from the list." }) }),
    /** The staff area's language for users who have not picked one (issue 18). */
    staffLanguage: z.enum(LOCALES, { errorMap: () => ({ message: "Choose a language from the list." }) }),
  })
  .strict();
