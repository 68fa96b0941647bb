import { z } from "zod";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { cappedText, identifier, requiredText } from "~/utils/form.server";

const title = requiredText("Title");

export const newQuestionnaireSchema = z
  .object({
    title,
    start: identifier("The starting point").pipe(z.string().min(1, "Choose how to start.")),
  })
  .strict();

export const saveDraftSchema = z
  .object({
    intent: identifier("The action").pipe(z.string().regex(/^(save|remove:[a-z0-9-]+)$/, "Unknown action.")),
    title,
    includeAttention: z.literal("yes").optional(),
    includeVirtues: z.literal("yes").optional(),
    values: z.array(z.string().max(100)).max(100),
    items: z.array(z.string().max(100)).max(2000),
  })
  .strict();
export const DRAFT_ARRAY_FIELDS = ["values", "items"] as const;

/** A scenario offers at most this many options. */
const MAX_OPTIONS = 6;

export const customItemSchema = z
  .object({
    intent: z.literal("add-custom"),
    value: identifier("The value").pipe(z.string().min(1, "Choose a value.")),
    type: z.enum(["likert", "rating", "scenario"], { errorMap: () => ({ message: "Choose a type." }) }),
    text: cappedText("The item text", TEXT_LIMITS.itemText).pipe(z.string().min(1, "Write the item text.")),
    keyed: z.enum(["plus", "minus"]).optional(),
    options: z
      .string()
      .max(MAX_OPTIONS * (TEXT_LIMITS.itemText + 2), "The options are too long.")
      .default(""),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.type !== "scenario" && !item.keyed) {
      ctx.addIssue({
        code: "custom",
        path: ["keyed"],
        message: "Choose the keying: agreeing shows more (+) or less (−) of the value.",
      });
    }
    if (item.type === "scenario") {
      const options = item.options.split(/\r?\n/).filter((line) => line.trim() !== "");
      if (options.length < 2 || options.length > MAX_OPTIONS) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: `Write 2 to ${MAX_OPTIONS} options, one per line.`,
        });
      }
      const long = options.findIndex((line) => line.trim().length > TEXT_LIMITS.itemText);
      if (long !== -1) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: `Option ${long + 1} must be at most ${TEXT_LIMITS.itemText} characters.`,
        });
      }
    }
  });
export type CustomItemInput = z.infer<typeof customItemSchema>;

export const publishSchema = z.object({ intent: z.literal("publish") }).strict();
