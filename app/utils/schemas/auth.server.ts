import { z } from "zod";

export const loginSchema = z
  .object({
    email: z.string().trim().min(1, "Enter your email.").max(254).email("Enter a valid email address."),
    password: z.string().min(1, "Enter your password.").max(1000),
    redirectTo: z.string().max(2000).optional(),
  })
  .strict();

export const addStaffSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required.").max(120),
    email: z.string().trim().min(1, "Email is required.").max(254).email("Enter a valid email address."),
    role: z.enum(["admin", "recruiter"], { errorMap: () => ({ message: "Choose a role." }) }),
    password: z
      .string()
      .min(12, "Use at least 12 characters for the temporary password.")
      .max(200, "Password is too long."),
  })
  .strict();

export const disableStaffSchema = z.object({ intent: z.literal("disable") }).strict();
