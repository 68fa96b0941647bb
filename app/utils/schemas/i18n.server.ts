import { z } from "zod";

/** The language switcher of the answering pages (r.language). */
export const languageSwitchSchema = z
  .object({
    locale: z.string().trim().min(2).max(10),
    returnTo: z.string().max(100).optional(),
  })
  .strict();
