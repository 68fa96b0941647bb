import { z } from "zod";
import type { AlgorithmVersion } from "../scoring/types";
import {
  DEFAULT_LIKERT_SCALE,
  DEFAULT_RATING_SCALE,
  DEFAULT_VIRTUE_SCALE,
  ID_PATTERN,
  RESPONDENT_COLUMN,
  VB1_ID_PATTERN,
  type Questionnaire,
  type Scale,
} from "./types";

/**
 * The rule a questionnaire is validated under: "vb-2" (ids start with a letter, virtues allowed: new content),
 * "vb-1" (numeric ids allowed, no virtues: `score --algorithm vb-1`), or "stored" (content published before vb-2,
 * read back leniently: numeric ids allowed, virtues allowed).
 */
export type QuestionnaireRule = AlgorithmVersion | "stored";

export const ID_MESSAGE = "must match [a-z][a-z0-9-]* (a lower-case letter, then lower-case letters, digits, dashes)";
const VB1_ID_MESSAGE = "must match [a-z0-9-]+ (lower-case letters, digits, dashes)";

const textSchema = z.string().trim().min(1, "must not be empty");

const scaleSchema = z
  .object({ min: z.number().int(), max: z.number().int() })
  .strict()
  .refine((scale) => scale.min < scale.max, { message: "scale min must be less than max" });

function scaleWithDefault(fallback: Readonly<Scale>) {
  return scaleSchema.default({ ...fallback });
}

const keyedSchema = z.enum(["plus", "minus"], {
  errorMap: () => ({ message: "keyed must be plus or minus" }),
});

function buildSchemas(idPattern: RegExp, idMessage: string, allowVirtues: boolean) {
  const idSchema = z.string().regex(idPattern, idMessage);

  const likertItemSchema = z
    .object({
      id: idSchema,
      type: z.literal("likert"),
      text: textSchema,
      keyed: keyedSchema,
      scale: scaleWithDefault(DEFAULT_LIKERT_SCALE),
    })
    .strict();

  const ratingItemSchema = z
    .object({
      id: idSchema,
      type: z.literal("rating"),
      text: textSchema,
      keyed: keyedSchema,
      scale: scaleWithDefault(DEFAULT_RATING_SCALE),
    })
    .strict();

  const optionSchema = z.object({ id: idSchema, text: textSchema }).strict();

  const scenarioItemSchema = z
    .object({
      id: idSchema,
      type: z.literal("scenario"),
      text: textSchema,
      options: z
        .array(optionSchema)
        .min(2, "a scenario needs 2 to 6 options")
        .max(6, "a scenario needs 2 to 6 options"),
    })
    .strict();

  const itemSchema = z.discriminatedUnion("type", [likertItemSchema, ratingItemSchema, scenarioItemSchema], {
    errorMap: (issue, ctx) =>
      issue.code === z.ZodIssueCode.invalid_union_discriminator
        ? { message: "type must be likert, rating or scenario" }
        : { message: ctx.defaultError },
  });

  const valueSchema = z
    .object({
      id: idSchema,
      name: textSchema,
      description: z.string().optional(),
      direction: z.enum(["higher", "target"]).default("higher"),
      weight: z.number().finite().positive("weight must be > 0").default(1),
      items: z.array(itemSchema).min(1, "a value needs at least one item"),
      probes: z.array(textSchema).default([]),
    })
    .strict();

  const attentionSchema = z
    .object({
      id: idSchema,
      text: textSchema,
      expect: z.number().int(),
      scale: scaleWithDefault(DEFAULT_LIKERT_SCALE),
    })
    .strict();

  const virtueSchema = z
    .object({ id: idSchema, text: textSchema, scale: scaleWithDefault(DEFAULT_VIRTUE_SCALE) })
    .strict();

  return z
    .object({
      id: idSchema,
      version: z.number().int().positive("version must be a positive integer"),
      title: textSchema,
      locale: z.string().min(1).default("en"),
      values: z.array(valueSchema).min(1, "a questionnaire needs at least one value"),
      attention: z.array(attentionSchema).default([]),
      virtues: allowVirtues
        ? z.array(virtueSchema).default([])
        : z.array(z.never({ errorMap: () => ({ message: "virtue items need algorithm vb-2" }) })).default([]),
    })
    .strict();
}

type IssueSink = z.RefinementCtx;
type ParsedQuestionnaire = z.infer<ReturnType<typeof buildSchemas>>;

function checkValueIds(q: ParsedQuestionnaire, ctx: IssueSink): void {
  const seen = new Set<string>();
  q.values.forEach((value, index) => {
    if (seen.has(value.id)) {
      ctx.addIssue({ code: "custom", path: ["values", index, "id"], message: `duplicate value id "${value.id}"` });
    }
    seen.add(value.id);
  });
}

function checkItemIds(q: ParsedQuestionnaire, ctx: IssueSink): void {
  const seen = new Set<string>();
  const check = (id: string, path: (string | number)[]) => {
    if (id === RESPONDENT_COLUMN) {
      ctx.addIssue({ code: "custom", path, message: `"${RESPONDENT_COLUMN}" is reserved for the CSV column` });
    } else if (seen.has(id)) {
      ctx.addIssue({
        code: "custom",
        path,
        message: `duplicate item id "${id}" (item ids are unique in the whole file)`,
      });
    }
    seen.add(id);
  };
  q.values.forEach((value, v) => value.items.forEach((item, i) => check(item.id, ["values", v, "items", i, "id"])));
  q.attention.forEach((item, a) => check(item.id, ["attention", a, "id"]));
  q.virtues.forEach((item, a) => check(item.id, ["virtues", a, "id"]));
}

function checkOptionIds(q: ParsedQuestionnaire, ctx: IssueSink): void {
  q.values.forEach((value, v) =>
    value.items.forEach((item, i) => {
      if (item.type !== "scenario") return;
      const seen = new Set<string>();
      item.options.forEach((option, o) => {
        if (seen.has(option.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["values", v, "items", i, "options", o, "id"],
            message: `duplicate option id "${option.id}" in item "${item.id}"`,
          });
        }
        seen.add(option.id);
      });
    }),
  );
}

function checkAttentionExpect(q: ParsedQuestionnaire, ctx: IssueSink): void {
  q.attention.forEach((item, a) => {
    if (item.expect < item.scale.min || item.expect > item.scale.max) {
      ctx.addIssue({
        code: "custom",
        path: ["attention", a, "expect"],
        message: `expect ${item.expect} is outside the scale ${item.scale.min}..${item.scale.max}`,
      });
    }
  });
}

function withChecks(schema: ReturnType<typeof buildSchemas>): z.ZodType<Questionnaire, z.ZodTypeDef, unknown> {
  return schema.superRefine((q, ctx) => {
    checkValueIds(q, ctx);
    checkItemIds(q, ctx);
    checkOptionIds(q, ctx);
    checkAttentionExpect(q, ctx);
  });
}

const schemas: Record<QuestionnaireRule, z.ZodType<Questionnaire, z.ZodTypeDef, unknown>> = {
  "vb-2": withChecks(buildSchemas(ID_PATTERN, ID_MESSAGE, true)),
  "vb-1": withChecks(buildSchemas(VB1_ID_PATTERN, VB1_ID_MESSAGE, false)),
  stored: withChecks(buildSchemas(VB1_ID_PATTERN, VB1_ID_MESSAGE, true)),
};

/** The questionnaire file schema under a rule (SCORING.md sections 1 and 13). */
export function questionnaireSchemaFor(rule: QuestionnaireRule): z.ZodType<Questionnaire, z.ZodTypeDef, unknown> {
  return schemas[rule];
}

/** The schema of new content: the current algorithm's (vb-2) rule. */
export const questionnaireSchema = questionnaireSchemaFor("vb-2");
