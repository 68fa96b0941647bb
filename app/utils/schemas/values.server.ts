import { z } from "zod";
import { msg } from "~/i18n/message";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { cappedText, identifier } from "~/utils/form.server";
import { ID_PATTERN } from "~/questionnaire/types";

const MAX_METRICS = 12;
const MAX_WEIGHT = 100;
const MAX_KEY = 40;

const metricsField = z
  .array(cappedText(msg("content:fields.metric"), TEXT_LIMITS.metric))
  .max(MAX_METRICS, msg("content:errors.tooManyMetrics", { max: MAX_METRICS }))
  .transform((list) => [...new Set(list.filter((m) => m !== ""))]);

const valueFields = {
  name: cappedText(msg("content:fields.name"), TEXT_LIMITS.valueName).pipe(
    z.string().min(1, msg("content:errors.nameRequired")),
  ),
  description: cappedText(msg("content:fields.description"), TEXT_LIMITS.description).default(""),
  iStatement: z
    .string()
    .trim()
    .max(TEXT_LIMITS.statement, msg("content:errors.statementTooLong", { max: TEXT_LIMITS.statement }))
    .refine((s) => s === "" || /^I\b/.test(s), msg("content:errors.statementStart"))
    .default(""),
  metrics: metricsField,
  direction: z.enum(["higher", "target"], { errorMap: () => ({ message: msg("content:errors.direction") }) }),
  weight: z.coerce
    .number({ invalid_type_error: msg("content:errors.weightNumber") })
    .finite(msg("content:errors.weightNumber"))
    .positive(msg("content:errors.weightPositive"))
    .max(MAX_WEIGHT, msg("content:errors.weightMax", { max: MAX_WEIGHT })),
};

export const valueKeySchema = z
  .string()
  .trim()
  .min(1, msg("content:errors.keyRequired"))
  .max(MAX_KEY, msg("content:errors.keyTooLong", { max: MAX_KEY }))
  .regex(ID_PATTERN, msg("content:errors.keyPattern"));

export const createValueSchema = z
  .object({ intent: z.literal("create"), key: valueKeySchema, ...valueFields })
  .strict();
export const updateValueSchema = z.object({ intent: z.literal("update"), ...valueFields }).strict();
export type ValueFieldsInput = z.infer<typeof updateValueSchema>;

export const visionSchema = z
  .object({
    intent: z.literal("vision"),
    vision: cappedText(msg("content:fields.vision"), TEXT_LIMITS.description),
  })
  .strict();

export const addBankValueSchema = z
  .object({
    intent: z.literal("add-bank"),
    bank: identifier(msg("content:fields.bankValue")).pipe(z.string().min(1, msg("content:errors.chooseBank"))),
  })
  .strict();

export const applyTemplateSchema = z
  .object({
    intent: z.literal("apply-template"),
    template: identifier(msg("content:fields.template")).pipe(z.string().min(1, msg("content:errors.chooseTemplate"))),
    confirm: z.literal("yes").optional(),
  })
  .strict();

export const valueRowActionSchema = z
  .object({
    intent: z.enum(["move-up", "move-down", "delete"]),
    valueId: identifier(msg("content:fields.value")).pipe(z.string().min(1, msg("content:errors.chooseValue"))),
  })
  .strict();

export const VALUE_ARRAY_FIELDS = ["metrics"] as const;
