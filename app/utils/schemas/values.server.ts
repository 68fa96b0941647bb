import { z } from "zod";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { cappedText, identifier } from "~/utils/form.server";
import { ID_PATTERN } from "~/questionnaire/types";

const metricsField = z
  .array(cappedText("A metric name", TEXT_LIMITS.metric))
  .max(12, "List at most 12 metrics.")
  .transform((list) => [...new Set(list.filter((m) => m !== ""))]);

const valueFields = {
  name: cappedText("Name", TEXT_LIMITS.valueName).pipe(z.string().min(1, "Name is required.")),
  description: cappedText("Description", TEXT_LIMITS.description).default(""),
  iStatement: z
    .string()
    .trim()
    .max(TEXT_LIMITS.statement, `The “I” statement must be at most ${TEXT_LIMITS.statement} characters.`)
    .refine((s) => s === "" || /^I\b/.test(s), "Start the “I” statement with “I”, e.g. “I listen before I answer.”")
    .default(""),
  metrics: metricsField,
  direction: z.enum(["higher", "target"], { errorMap: () => ({ message: "Choose higher or target." }) }),
  weight: z.coerce
    .number({ invalid_type_error: "Weight must be a number." })
    .finite("Weight must be a number.")
    .positive("Weight must be greater than 0.")
    .max(100, "Weight must be at most 100."),
};

export const valueKeySchema = z
  .string()
  .trim()
  .min(1, "Key is required.")
  .max(40, "Key must be at most 40 characters.")
  .regex(
    ID_PATTERN,
    "Start with a lower-case letter, then use lower-case letters, digits and dashes (e.g. clear-communication).",
  );

export const createValueSchema = z
  .object({ intent: z.literal("create"), key: valueKeySchema, ...valueFields })
  .strict();
export const updateValueSchema = z.object({ intent: z.literal("update"), ...valueFields }).strict();
export type ValueFieldsInput = z.infer<typeof updateValueSchema>;

export const visionSchema = z
  .object({
    intent: z.literal("vision"),
    vision: cappedText("The vision", TEXT_LIMITS.description),
  })
  .strict();

export const addBankValueSchema = z
  .object({
    intent: z.literal("add-bank"),
    bank: identifier("The bank value").pipe(z.string().min(1, "Choose a value from the bank.")),
  })
  .strict();

export const applyTemplateSchema = z
  .object({
    intent: z.literal("apply-template"),
    template: identifier("The template").pipe(z.string().min(1, "Choose a template.")),
    confirm: z.literal("yes").optional(),
  })
  .strict();

export const valueRowActionSchema = z
  .object({
    intent: z.enum(["move-up", "move-down", "delete"]),
    valueId: identifier("The value").pipe(z.string().min(1, "Choose a value.")),
  })
  .strict();

export const VALUE_ARRAY_FIELDS = ["metrics"] as const;
