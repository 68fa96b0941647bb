import { z } from "zod";

export const agentMembershipSchema = z
  .object({
    intent: z.literal("membership"),
    responseId: z.string().trim().min(1).max(100),
    decision: z.enum(["include", "exclude"], { errorMap: () => ({ message: "Choose include or exclude." }) }),
    reason: z
      .string({ required_error: "Give a reason." })
      .trim()
      .min(3, "Give a reason (at least 3 characters).")
      .max(500, "Keep the reason under 500 characters."),
  })
  .strict();

export const activateBenchmarkSchema = z
  .object({
    intent: z.literal("activate"),
    confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm what changes." }) }),
  })
  .strict();

export const benchmarkActionSchema = z.discriminatedUnion("intent", [agentMembershipSchema, activateBenchmarkSchema]);
