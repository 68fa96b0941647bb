import { z } from "zod";
import { requiredText } from "../form.server";
import { MIN_PASSWORD_LENGTH } from "../password-rules";

/** The first-run form: the first organization and its admin, with the one-time token from the server log. */
export const setupSchema = z
  .object({
    token: z
      .string()
      .trim()
      .min(1, "Enter the setup token from the server log (the part after token= in the link).")
      .max(200, "This is not a setup token."),
    organizationName: requiredText("Organization name", 120),
    name: requiredText("Your name", 120),
    email: z.string().trim().min(1, "Email is required.").max(254).email("Enter a valid email address."),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(200, "Password is too long."),
  })
  .strict();
