import { z } from "zod";
import { LOCALES } from "~/i18n/locale";
import { msg } from "~/i18n/message";

export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;

/** The organization settings form; the checkbox is absent when unchecked. */
export const settingsSchema = z
  .object({
    retentionDays: z.coerce
      .number({ invalid_type_error: msg("admin:settings.wholeDays") })
      .int(msg("admin:settings.wholeDays"))
      .min(MIN_RETENTION_DAYS, msg("admin:settings.minDays", { min: MIN_RETENTION_DAYS }))
      .max(MAX_RETENTION_DAYS, msg("admin:settings.maxDays", { max: MAX_RETENTION_DAYS })),
    showScoresToCandidates: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    defaultLocale: z.enum(LOCALES, { errorMap: () => ({ message: msg("admin:settings.chooseLanguage") }) }),
    /** The staff area's language for users who have not picked one (issue 18). */
    staffLanguage: z.enum(LOCALES, { errorMap: () => ({ message: msg("admin:settings.chooseLanguage") }) }),
  })
  .strict();
