import { z } from "zod";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { requiredText } from "~/utils/form.server";
import { msg } from "~/i18n/message";
import { MIN_PASSWORD_LENGTH } from "../password-rules";
import { hasControlCharacter } from "~/utils/redirect-target.server";

export const loginSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, msg("shell:login.enterEmail"))
      .max(TEXT_LIMITS.email, msg("errors:tooLong", { label: msg("common:email"), max: TEXT_LIMITS.email }))
      .email(msg("shell:login.validEmail")),
    password: z
      .string()
      .min(1, msg("shell:login.enterPassword"))
      .max(
        TEXT_LIMITS.password,
        msg("errors:tooLong", { label: msg("shell:login.password"), max: TEXT_LIMITS.password }),
      ),
    // Refused here, before the password check and the session: a control character cannot go into a Location header.
    redirectTo: z
      .string()
      .max(2000, msg("shell:login.returnTooLong"))
      .refine((to) => !hasControlCharacter(to), msg("shell:login.returnControl"))
      .optional(),
  })
  .strict();

export const addStaffSchema = z
  .object({
    name: requiredText(msg("common:name")),
    email: z
      .string()
      .trim()
      .min(1, msg("shell:team.emailRequired"))
      .max(TEXT_LIMITS.email, msg("errors:tooLong", { label: msg("common:email"), max: TEXT_LIMITS.email }))
      .email(msg("shell:login.validEmail")),
    role: z.enum(["admin", "recruiter"], { errorMap: () => ({ message: msg("shell:team.chooseRole") }) }),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, msg("shell:team.passwordShort", { min: MIN_PASSWORD_LENGTH }))
      .max(200, msg("shell:team.passwordLong")),
  })
  .strict();

export const disableStaffSchema = z.object({ intent: z.literal("disable") }).strict();
