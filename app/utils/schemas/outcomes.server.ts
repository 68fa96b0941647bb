// Forms of the outcomes page (issue 17): a new metric, and the two uploads (a file or pasted text). Messages are keys
// (~/i18n/message) translated for the reader (issue 18): parseForm does it for the metric form, the action for the
// upload's failure (readOutcomesUpload); without a language they read in English.
import { z } from "zod";
import { msg } from "~/i18n/message";
import { requestFormData } from "~/utils/form-intent.server";
import { failure, requiredText, type FormFailure, type FormSuccess } from "~/utils/form.server";
import { METRIC_KEY } from "~/utils/outcomes-csv";
import { MAX_BODY_BYTES } from "~/utils/request-guard.server";

const KEY_MAX = 50;
const UNIT_MAX = 30;

export const metricSchema = z
  .object({
    intent: z.literal("create-metric"),
    key: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, msg("outcomes:metric.keyRequired"))
      .max(KEY_MAX, msg("outcomes:metric.keyTooLong", { max: KEY_MAX }))
      .regex(METRIC_KEY, msg("outcomes:metric.keyPattern")),
    label: requiredText(msg("outcomes:metric.label"), 100),
    unit: z
      .string()
      .trim()
      .max(UNIT_MAX, msg("outcomes:metric.unitTooLong", { max: UNIT_MAX }))
      .default(""),
    direction: z.enum(["higher", "lower"], {
      errorMap: () => ({ message: msg("outcomes:metric.directionRequired") }),
    }),
  })
  .strict();

const csvText = z.string().max(900_000, msg("outcomes:csvTooLargeLimit"));

export const uploadSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("upload-values"), csv: csvText }).strict(),
  z
    .object({
      intent: z.literal("upload-ratings"),
      csv: csvText,
      metric: z.string().trim().min(1, msg("outcomes:ratings.metricRequired")).max(KEY_MAX),
    })
    .strict(),
]);

export type OutcomesUpload = z.infer<typeof uploadSchema>;

/**
 * Reads an upload form (multipart with an optional `file`, or urlencoded): a chosen file wins over the pasted `csv`
 * text; unknown fields and oversized bodies are refused. A failure's `formError` is an untranslated message.
 */
export async function readOutcomesUpload(request: Request): Promise<FormSuccess<OutcomesUpload> | FormFailure> {
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY_BYTES) {
    return failure(msg("outcomes:uploadTooLarge"));
  }
  const form = await requestFormData(request).catch(() => null);
  if (!form) return failure(msg("errors:formUnreadable"));
  const fields: Record<string, unknown> = {};
  let fileText = "";
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") {
      if (key !== "file") return failure(msg("errors:unexpectedFields", { count: 1, fields: key }));
      fileText = await value.text();
    } else if (key !== "file") fields[key] = value;
  }
  if (fileText.trim() !== "") fields.csv = fileText;
  const parsed = uploadSchema.safeParse({ csv: "", ...fields });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure(
      issue?.code === "unrecognized_keys"
        ? msg("errors:unexpectedFields", { count: issue.keys.length, fields: issue.keys.join(", ") })
        : (issue?.message ?? msg("outcomes:formWrong")),
    );
  }
  if (parsed.data.csv.trim() === "") return failure(msg("outcomes:pasteFirst"), {}, { ...fields, csv: "" });
  return { ok: true, data: parsed.data };
}
