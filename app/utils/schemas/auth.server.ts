import { z } from "zod";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { requiredText } from "~/utils/form.server";
import { MIN_PASSWORD_LENGTH } from "../password-rules";
import { hasControlCharacter } from "~/utils/redirect-target.server";

export const loginSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, "Enter your email.")
      .max(TEXT_LIMITS.email, `Email must be at most ${TEXT_LIMITS.email} characters.`)
      .email("Enter a valid email address."),
    password: z
      .string()
      .min(1, "Enter your password.")
      .max(TEXT_LIMITS.password, `Password must be at most ${TEXT_LIMITS.password} characters.`),
    // Refused here, before the password check and the session: a control character cannot go into a Location header.
    redirectTo: z
      .string()
      .max(2000, "The page to return to after login is too long.")
      .refine((to) => !hasControlCharacter(to), "The page to return to after login contains control characters.")
      .optional(),
  })
  .strict();

export const addStaffSchema = z
  .object({
    name: requiredText("Name"),
    email: z
      .string()
      .trim()
      .min(1, "Email is required.")
      .max(TEXT_LIMITS.email, `Email must be at most ${TEXT_LIMITS.email} characters.`)
      .email("Enter a valid email address."),
    role: z.enum(["admin", "recruiter"], { errorMap: () => ({ message: "Choose a role." }) }),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for the temporary password.`)
      .max(200, "Password is too long."),
  })
  .strict();

export const disableStaffSchema = z.object({ intent: z.literal("disable") }).strict();
