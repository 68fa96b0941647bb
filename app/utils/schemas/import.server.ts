// The form of the agents' answers import (a CSV file or pasted text). Its messages are keys (~/i18n/message) the
// action translates for the reader (issue 18); without a language they read in English.
import { z } from "zod";
import { msg } from "~/i18n/message";
import { requestFormData } from "~/utils/form-intent.server";
import { MAX_BODY_BYTES } from "~/utils/request-guard.server";

/** The largest CSV the import reads (the request itself may carry up to MAX_BODY_BYTES). */
const MAX_CSV_BYTES = 900_000;

export const importSchema = z
  .object({
    csv: z.string().max(MAX_CSV_BYTES, msg("outcomes:csvTooLarge")).default(""),
  })
  .strict();

/**
 * Reads the import form (multipart with an optional `file`, or urlencoded): the uploaded file wins over the pasted
 * `csv` text. Unknown fields and oversized files are refused. `message` is an untranslated message.
 */
export async function readImportCsv(
  request: Request,
): Promise<{ ok: true; csv: string } | { ok: false; message: string }> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    return { ok: false, message: msg("outcomes:requestTooLarge", { limit: MAX_BODY_BYTES / 1024 / 1024 }) };
  }
  let form: FormData;
  try {
    form = await requestFormData(request);
  } catch {
    return { ok: false, message: msg("errors:formUnreadable") };
  }
  let fileText = "";
  let pasted = "";
  for (const [key, value] of form.entries()) {
    if (key === "file" && typeof value !== "string") {
      if (value.size > MAX_CSV_BYTES) return { ok: false, message: msg("outcomes:fileTooLarge") };
      fileText = await value.text();
    } else if (key === "csv" && typeof value === "string") {
      pasted = value;
    } else if (key !== "file") {
      return { ok: false, message: msg("errors:unexpectedFields", { count: 1, fields: key }) };
    }
  }
  const parsed = importSchema.safeParse({ csv: fileText.trim() !== "" ? fileText : pasted });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? msg("outcomes:csvUnreadable") };
  if (parsed.data.csv.trim() === "") return { ok: false, message: msg("outcomes:pasteFirst") };
  return { ok: true, csv: parsed.data.csv.replace(/^\uFEFF/, "") };
}
