import { data } from "@remix-run/node";
import { z } from "zod";
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
export function formDataToObject(form: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of arrays) out[name] = [];
  for (const [key, value] of form.entries()) {
    const v = typeof value === "string" ? value : value.name;
    if (arrays.includes(key)) (out[key] as string[]).push(v);
    else if (key in out)
      throw data({ ok: false, formError: `The field "${key}" was sent twice.`, fieldErrors: {}, values: {} }, 400);
    else out[key] = v;
  }
  return out;
}

function toFailure(error: z.ZodError, values: Record<string, unknown>): FormFailure {
  const fieldErrors: FieldErrors = {};
  let formError: string | null = null;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      formError = `Unexpected field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    if (key === "_form") formError = issue.message;
    else (fieldErrors[key] ??= []).push(issue.message);
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
  options: { arrays?: readonly string[] } = {},
): Promise<FormSuccess<z.infer<T>> | FormFailure> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) {
    throw data({ ok: false, formError: "The form is too large.", fieldErrors: {}, values: {} }, 413);
  }
  let form: FormData;
  try {
    form = await requestFormData(request);
  } catch {
    throw data({ ok: false, formError: "The form could not be read.", fieldErrors: {}, values: {} }, 400);
  }
  const values = formDataToObject(form, options.arrays);
  const result = schema.safeParse(values);
  if (!result.success) return toFailure(result.error, values);
  return { ok: true, data: result.data };
}

/** A 400 response carrying the validation problems for the form to show. */
export function formFailure(failure: FormFailure, status = 400) {
  return data(failure, status);
}

/** Trimmed text field: required with a readable message. */
export function requiredText(label: string, max: number = TEXT_LIMITS.name) {
  return z
    .string({ required_error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
}

export function optionalText(label: string, max: number = TEXT_LIMITS.description) {
  return cappedText(label, max).optional().default("");
}

/** Trimmed text of at most `max` characters; the message names the field. */
export function cappedText(label: string, max: number) {
  return z.string().trim().max(max, `${label} must be at most ${max} characters.`);
}

/** A machine value sent by a form (id, key, intent): short, the message names the field. */
export function identifier(label: string) {
  return z.string().max(TEXT_LIMITS.identifier, `${label} must be at most ${TEXT_LIMITS.identifier} characters.`);
}

/** Builds a failure by hand (e.g. a business rule after validation passed). */
export function failure(
  formError: string | null,
  fieldErrors: FieldErrors = {},
  values: Record<string, unknown> = {},
): FormFailure {
  return { ok: false, formError, fieldErrors, values };
}
