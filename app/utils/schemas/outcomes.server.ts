// Forms of the outcomes page (issue 17): a new metric, and the two uploads (a file or pasted text).
import { z } from "zod";
import { requestFormData } from "~/utils/form-intent.server";
import { failure, requiredText, type FormFailure, type FormSuccess } from "~/utils/form.server";
import { METRIC_KEY } from "~/utils/outcomes-csv";
import { MAX_BODY_BYTES } from "~/utils/request-guard.server";

export const metricSchema = z
  .object({
    intent: z.literal("create-metric"),
    key: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "Enter a key, e.g. csat.")
      .max(50, "The key must be at most 50 characters.")
      .regex(METRIC_KEY, "Use lower-case letters, digits and dashes, starting with a letter (e.g. qa-score)."),
    label: requiredText("Label", 100),
    unit: z.string().trim().max(30, "The unit must be at most 30 characters.").default(""),
    direction: z.enum(["higher", "lower"], {
      errorMap: () => ({ message: "Choose whether higher or lower values are better." }),
    }),
  })
  .strict();

const csvText = z.string().max(900_000, "The CSV is too large (limit 900 kB).");

export const uploadSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("upload-values"), csv: csvText }).strict(),
  z
    .object({
      intent: z.literal("upload-ratings"),
      csv: csvText,
      metric: z.string().trim().min(1, "Choose the metric these ratings are for.").max(50),
    })
    .strict(),
]);

export type OutcomesUpload = z.infer<typeof uploadSchema>;

/**
 * Reads an upload form (multipart with an optional `file`, or urlencoded): a chosen file wins over the pasted `csv`
 * text; unknown fields and oversized bodies are refused.
 */
export async function readOutcomesUpload(request: Request): Promise<FormSuccess<OutcomesUpload> | FormFailure> {
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY_BYTES) {
    return failure("The file is too large (limit 1 MiB).");
  }
  const form = await requestFormData(request).catch(() => null);
  if (!form) return failure("The form could not be read.");
  const fields: Record<string, unknown> = {};
  let fileText = "";
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") {
      if (key !== "file") return failure(`Unexpected field: ${key}.`);
      fileText = await value.text();
    } else if (key !== "file") fields[key] = value;
  }
  if (fileText.trim() !== "") fields.csv = fileText;
  const parsed = uploadSchema.safeParse({ csv: "", ...fields });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure(
      issue?.code === "unrecognized_keys"
        ? `Unexpected field: ${issue.keys.join(", ")}.`
        : (issue?.message ?? "The form is wrong."),
    );
  }
  if (parsed.data.csv.trim() === "")
    return failure("Choose a CSV file or paste its contents.", {}, { ...fields, csv: "" });
  return { ok: true, data: parsed.data };
}
