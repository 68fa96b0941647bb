import { data } from "@remix-run/node";
import { z } from "zod";
import type { Locale } from "~/i18n/locale";
import { msg, translateMessage } from "~/i18n/message";
import { staffT } from "~/i18n/staff-catalogs.server";
import { requestFormData } from "./form-intent.server";
import { MAX_BODY_BYTES } from "./request-guard.server";
import { TEXT_LIMITS } from "./text-limits";

export type FieldErrors = Record<string, string[]>;
export type FormFailure = {
  ok: false;
  formError: string | null;
  fieldErrors: FieldErrors;
  values: Record<string, unknown>;
};
export type FormSuccess<T> = { ok: true; data: T };

/** Collects form fields into an object; names listed in `arrays` always become string arrays. */
export function formDataToObject(
  form: FormData,
  arrays: readonly string[] = [],
  locale: Locale = "en",
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of arrays) out[name] = [];
  for (const [key, value] of form.entries()) {
    const v = typeof value === "string" ? value : value.name;
    if (arrays.includes(key)) (out[key] as string[]).push(v);
    else if (key in out)
      throw data(
        {
          ok: false,
          formError: translated(msg("errors:fieldTwice", { field: key }), locale),
          fieldErrors: {},
          values: {},
        },
        400,
      );
    else out[key] = v;
  }
  return out;
}

/**
 * A message in the reader's language (issue 18): schemas and actions write `msg("ns:key", vars)`; a form's failure
 * carries the translated text. English when no language is given (the API, scripts).
 */
export function translated(text: string, locale: Locale = "en"): string {
  return translateMessage(staffT(locale), text);
}

function toFailure(error: z.ZodError, values: Record<string, unknown>, locale: Locale): FormFailure {
  const fieldErrors: FieldErrors = {};
  let formError: string | null = null;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      formError = translated(
        msg("errors:unexpectedFields", { count: issue.keys.length, fields: issue.keys.join(", ") }),
        locale,
      );
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    if (key === "_form") formError = translated(issue.message, locale);
    else (fieldErrors[key] ??= []).push(translated(issue.message, locale));
  }
  const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
  return { ok: false, formError, fieldErrors, values: safeValues };
}

/**
 * Reads a urlencoded/multipart body and validates it with a strict zod object (unknown fields refused).
 * Oversized bodies are refused with 413 before parsing.
 */
export async function parseForm<T extends z.ZodTypeAny>(
  request: Request,
  schema: T,
  options: { arrays?: readonly string[]; locale?: Locale } = {},
): Promise<FormSuccess<z.infer<T>> | FormFailure> {
  const locale = options.locale ?? "en";
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    throw data(
      { ok: false, formError: translated(msg("errors:formTooLarge"), locale), fieldErrors: {}, values: {} },
      413,
    );
  }
  let form: FormData;
  try {
    form = await requestFormData(request);
  } catch {
    throw data(
      { ok: false, formError: translated(msg("errors:formUnreadable"), locale), fieldErrors: {}, values: {} },
      400,
    );
  }
  const values = formDataToObject(form, options.arrays, locale);
  const result = schema.safeParse(values);
  if (!result.success) return toFailure(result.error, values, locale);
  return { ok: true, data: result.data };
}

/** A 400 response carrying the validation problems for the form to show. */
export function formFailure(failure: FormFailure, status = 400) {
  return data(failure, status);
}

/**
 * Trimmed text field: required with a readable message. `label` is the field's name as a message
 * (`msg("content:fields.name")`), so the error reads in the reader's language; plain text stays as it is.
 */
export function requiredText(label: string, max: number = TEXT_LIMITS.name) {
  return z
    .string({ required_error: msg("errors:required", { label }) })
    .trim()
    .min(1, msg("errors:required", { label }))
    .max(max, msg("errors:tooLong", { label, max }));
}

export function optionalText(label: string, max: number = TEXT_LIMITS.description) {
  return cappedText(label, max).optional().default("");
}

/** Trimmed text of at most `max` characters; the message names the field. */
export function cappedText(label: string, max: number) {
  return z.string().trim().max(max, msg("errors:tooLong", { label, max }));
}

/** A machine value sent by a form (id, key, intent): short, the message names the field. */
export function identifier(label: string) {
  return z.string().max(TEXT_LIMITS.identifier, msg("errors:tooLong", { label, max: TEXT_LIMITS.identifier }));
}

/** Builds a failure by hand (e.g. a business rule after validation passed). */
export function failure(
  formError: string | null,
  fieldErrors: FieldErrors = {},
  values: Record<string, unknown> = {},
): FormFailure {
  return { ok: false, formError, fieldErrors, values };
}
