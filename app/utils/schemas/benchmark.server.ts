import { z } from "zod";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { cappedText, identifier } from "~/utils/form.server";

export const agentMembershipSchema = z
  .object({
    intent: z.literal("membership"),
    responseId: identifier("The agent").pipe(z.string().trim().min(1, "Choose an agent.")),
    decision: z.enum(["include", "exclude"], { errorMap: () => ({ message: "Choose include or exclude." }) }),
    reason: z
      .string({ required_error: "Give a reason." })
      .trim()
      .min(3, "Give a reason (at least 3 characters).")
      .max(TEXT_LIMITS.note, `The reason must be at most ${TEXT_LIMITS.note} characters.`),
  })
  .strict();

/** Activation (admins only). `reason` is required by the model when the draft has concerns (activation guard). */
export const activateBenchmarkSchema = z
  .object({
    intent: z.literal("activate"),
    confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm what changes." }) }),
    reason: cappedText("The reason", TEXT_LIMITS.note).default(""),
  })
  .strict();

/** "Re-score with vb-2" of an active benchmark built with an older algorithm (admins only: route-roles.server.ts). */
export const rescoreBenchmarkSchema = z
  .object({
    intent: z.literal("rescore"),
    confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm the re-scoring." }) }),
  })
  .strict();

export const benchmarkActionSchema = z.discriminatedUnion("intent", [
  agentMembershipSchema,
  activateBenchmarkSchema,
  rescoreBenchmarkSchema,
]);
