import { z } from "zod";
import { requiredText } from "../form.server";
import { MIN_PASSWORD_LENGTH } from "../password-rules";
import { msg } from "~/i18n/message";

/** The first-run form: the first organization and its admin, with the one-time token from the server log. */
export const setupSchema = z
  .object({
    token: z.string().trim().min(1, msg("shell:setup.enterToken")).max(200, msg("shell:setup.notToken")),
    organizationName: requiredText(msg("shell:setup.organizationName"), 120),
    name: requiredText(msg("shell:setup.yourName"), 120),
    email: z.string().trim().min(1, msg("shell:team.emailRequired")).max(254).email(msg("shell:login.validEmail")),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, msg("shell:setup.passwordShort", { min: MIN_PASSWORD_LENGTH }))
      .max(200, msg("shell:team.passwordLong")),
  })
  .strict();
