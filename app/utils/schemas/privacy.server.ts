import { z } from "zod";

/** The erase form: the admin types ERASE to confirm (case-sensitive, surrounding spaces ignored). */
export const eraseSchema = z
  .object({
    confirm: z
      .string()
      .trim()
      .max(20, "Type ERASE in capital letters to confirm.")
      .refine((v) => v === "ERASE", { message: "Type ERASE in capital letters to confirm." }),
  })
  .strict();
