import { z } from "zod";

const title = z.string().trim().min(1, "Title is required.").max(120, "Title must be at most 120 characters.");

export const newQuestionnaireSchema = z
  .object({
    title,
    start: z.string().min(1, "Choose how to start."),
  })
  .strict();

export const saveDraftSchema = z
  .object({
    intent: z.string().regex(/^(save|remove:[a-z0-9-]+)$/, "Unknown action."),
    title,
    includeAttention: z.literal("yes").optional(),
    includeVirtues: z.literal("yes").optional(),
    values: z.array(z.string().max(100)).max(100),
    items: z.array(z.string().max(100)).max(2000),
  })
  .strict();
export const DRAFT_ARRAY_FIELDS = ["values", "items"] as const;

export const customItemSchema = z
  .object({
    intent: z.literal("add-custom"),
    value: z.string().min(1, "Choose a value."),
    type: z.enum(["likert", "rating", "scenario"], { errorMap: () => ({ message: "Choose a type." }) }),
    text: z.string().trim().min(1, "Write the item text.").max(500, "The text must be at most 500 characters."),
    keyed: z.enum(["plus", "minus"]).optional(),
    options: z.string().max(3000).default(""),
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
      if (options.length < 2 || options.length > 6) {
        ctx.addIssue({ code: "custom", path: ["options"], message: "Write 2 to 6 options, one per line." });
      }
    }
  });
export type CustomItemInput = z.infer<typeof customItemSchema>;

export const publishSchema = z.object({ intent: z.literal("publish") }).strict();
