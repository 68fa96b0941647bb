import { z } from "zod";
import { msg } from "~/i18n/message";
import { requiredText } from "~/utils/form.server";
import { TEXT_LIMITS } from "~/utils/text-limits";

/** The fit report's review of a flagged candidate: "scores can be used" or "set aside (not assessed)", with a note. */
export const candidateReviewSchema = z
  .object({
    intent: z.literal("review"),
    status: z.enum(["usable", "set_aside"], {
      errorMap: () => ({ message: msg("report:review.chooseStatus") }),
    }),
    note: requiredText(msg("report:review.noteField"), TEXT_LIMITS.note),
  })
  .strict()
  .transform(({ status, note }) => ({ status, note }));

export type CandidateReviewInput = z.infer<typeof candidateReviewSchema>;
