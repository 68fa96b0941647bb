import { z } from "zod";
import { msg } from "~/i18n/message";

/** The word the admin types to confirm an erasure, the same in every language. */
export const ERASE_WORD = "ERASE";

/** The erase form: the admin types ERASE to confirm (case-sensitive, surrounding spaces ignored). */
export const eraseSchema = z
  .object({
    confirm: z
      .string()
      .trim()
      .max(20, msg("report:erase.confirmError", { word: ERASE_WORD }))
      .refine((v) => v === ERASE_WORD, { message: msg("report:erase.confirmError", { word: ERASE_WORD }) }),
  })
  .strict();
