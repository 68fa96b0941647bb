import { z } from "zod";
import { LOCALES } from "~/i18n/locale";
import { msg } from "~/i18n/message";
import { TEXT_LIMITS } from "~/utils/text-limits";
import { cappedText, identifier, requiredText } from "~/utils/form.server";

const title = requiredText(msg("questionnaires:fields.title"));

export const newQuestionnaireSchema = z
  .object({
    title,
    start: identifier(msg("questionnaires:fields.start")).pipe(
      z.string().min(1, msg("questionnaires:validation.chooseStart")),
    ),
  })
  .strict();

export const saveDraftSchema = z
  .object({
    intent: identifier(msg("questionnaires:fields.action")).pipe(
      z.string().regex(/^(save|remove:[a-z0-9-]+|reword:[a-z0-9-]+)$/, msg("questionnaires:validation.unknownAction")),
    ),
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
    value: identifier(msg("questionnaires:fields.value")).pipe(
      z.string().min(1, msg("questionnaires:validation.chooseValue")),
    ),
    type: z.enum(["likert", "rating", "scenario"], {
      errorMap: () => ({ message: msg("questionnaires:validation.chooseType") }),
    }),
    text: cappedText(msg("questionnaires:fields.itemText"), TEXT_LIMITS.itemText).pipe(
      z.string().min(1, msg("questionnaires:validation.writeItemText")),
    ),
    keyed: z.enum(["plus", "minus"]).optional(),
    options: z
      .string()
      .max(MAX_OPTIONS * (TEXT_LIMITS.itemText + 2), msg("questionnaires:validation.optionsTooLong"))
      .default(""),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.type !== "scenario" && !item.keyed) {
      ctx.addIssue({
        code: "custom",
        path: ["keyed"],
        message: msg("questionnaires:validation.chooseKeying"),
      });
    }
    if (item.type === "scenario") {
      const options = item.options.split(/\r?\n/).filter((line) => line.trim() !== "");
      if (options.length < 2 || options.length > MAX_OPTIONS) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: msg("questionnaires:validation.optionCount", { min: 2, max: MAX_OPTIONS }),
        });
      }
      const long = options.findIndex((line) => line.trim().length > TEXT_LIMITS.itemText);
      if (long !== -1) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: msg("questionnaires:validation.optionTooLong", { number: long + 1, max: TEXT_LIMITS.itemText }),
        });
      }
    }
  });
export type CustomItemInput = z.infer<typeof customItemSchema>;

/** The builder's publish form; `confirmLanguages` is sent by the second step, after the missing texts were shown. */
export const publishSchema = z
  .object({ intent: z.literal("publish"), confirmLanguages: z.literal("yes").optional() })
  .strict();

/** The languages a custom item is translated into in the builder (every app language but the source, English). */
export const TRANSLATION_LOCALES = LOCALES.filter((l) => l !== "en");

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

const translationFields = Object.fromEntries(
  TRANSLATION_LOCALES.flatMap((locale) => [
    [
      `text_${locale}`,
      cappedText(msg("questionnaires:fields.localeText", { locale }), TEXT_LIMITS.itemText).default(""),
    ],
    [
      `options_${locale}`,
      z
        .string()
        .max(MAX_OPTIONS * (TEXT_LIMITS.itemText + 2), msg("questionnaires:validation.optionsTooLong"))
        .default(""),
    ],
  ]),
) as Record<`text_${string}` | `options_${string}`, z.ZodDefault<z.ZodType<string, z.ZodTypeDef, unknown>>>;

/** Editing a custom item: its English text, keying and options, and its text (and options) in each other language. */
export const editCustomItemSchema = z
  .object({
    intent: z.literal("edit-custom"),
    itemId: identifier(msg("questionnaires:fields.item")).pipe(
      z.string().min(1, msg("questionnaires:validation.chooseItem")),
    ),
    type: z.enum(["likert", "rating", "scenario"], {
      errorMap: () => ({ message: msg("questionnaires:validation.chooseType") }),
    }),
    text: cappedText(msg("questionnaires:fields.englishText"), TEXT_LIMITS.itemText).pipe(
      z.string().min(1, msg("questionnaires:validation.writeEnglishText")),
    ),
    keyed: z.enum(["plus", "minus"]).optional(),
    options: z
      .string()
      .max(MAX_OPTIONS * (TEXT_LIMITS.itemText + 2), msg("questionnaires:validation.optionsTooLong"))
      .default(""),
    ...translationFields,
  })
  .strict()
  .superRefine((item, ctx) => {
    const fields = item as Record<string, string | undefined>;
    if (item.type !== "scenario" && !item.keyed) {
      ctx.addIssue({ code: "custom", path: ["keyed"], message: msg("questionnaires:validation.chooseKeyingShort") });
    }
    if (item.type !== "scenario") return;
    const english = lines(item.options);
    if (english.length < 2 || english.length > MAX_OPTIONS) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: msg("questionnaires:validation.optionCount", { min: 2, max: MAX_OPTIONS }),
      });
    }
    for (const locale of TRANSLATION_LOCALES) {
      const translated = lines(fields[`options_${locale}`] ?? "");
      if ((fields[`text_${locale}`] ?? "") !== "" && translated.length !== english.length) {
        ctx.addIssue({
          code: "custom",
          path: [`options_${locale}`],
          message: msg("questionnaires:validation.translatedOptions", { count: english.length }),
        });
      }
    }
  });

/** The editCustomItem input from the form: per language its text and options (blank text: no text there). */
export function editCustomItemInput(form: z.infer<typeof editCustomItemSchema>) {
  const fields = form as Record<string, string | undefined>;
  return {
    itemId: form.itemId,
    type: form.type,
    text: form.text,
    keyed: form.keyed,
    options: form.options,
    translations: Object.fromEntries(
      TRANSLATION_LOCALES.map((locale) => [
        locale,
        { text: (fields[`text_${locale}`] ?? "").trim(), options: lines(fields[`options_${locale}`] ?? "") },
      ]),
    ),
  };
}

/** A value's interview probes, one per line. */
export const probesSchema = z
  .object({
    intent: z.literal("save-probes"),
    value: identifier(msg("questionnaires:fields.value")).pipe(
      z.string().min(1, msg("questionnaires:validation.chooseValue")),
    ),
    probes: z
      .string()
      .max(10 * (TEXT_LIMITS.probe + 2), msg("questionnaires:validation.probesTooLong"))
      .default(""),
  })
  .strict()
  .transform((form, ctx) => {
    const probes = lines(form.probes);
    if (probes.length > 10)
      ctx.addIssue({
        code: "custom",
        path: ["probes"],
        message: msg("questionnaires:validation.tooManyProbes", { max: 10 }),
      });
    const long = probes.findIndex((p) => p.length > TEXT_LIMITS.probe);
    if (long !== -1) {
      ctx.addIssue({
        code: "custom",
        path: ["probes"],
        message: msg("questionnaires:validation.probeTooLong", { number: long + 1, max: TEXT_LIMITS.probe }),
      });
    }
    return { value: form.value, probes };
  });
