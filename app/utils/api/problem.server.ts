// RFC 9457 problem details for the public API (issue 20): every error of /api/* answers
// `application/problem+json` with type, title, status, detail and, for invalid input, `errors` naming each field.
import { translated } from "~/utils/form.server";
import type { ZodError } from "zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
/** Problem types are documented in the README's "API and integrations" section under this base. */
export const PROBLEM_TYPE_BASE = "https://valuebench.dev/problems/";

export type ProblemFieldError = {
  /** JSON Pointer (RFC 6901) into the request body, e.g. "/invitations/0/email"; or the query parameter's name. */
  pointer: string;
  detail: string;
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemFieldError[];
};

const TITLES: Record<number, { slug: string; title: string }> = {
  400: { slug: "invalid-request", title: "Invalid request" },
  401: { slug: "unauthorized", title: "Missing or invalid API key" },
  403: { slug: "forbidden", title: "Forbidden" },
  404: { slug: "not-found", title: "Not found" },
  405: { slug: "method-not-allowed", title: "Method not allowed" },
  409: { slug: "conflict", title: "Conflict" },
  413: { slug: "too-large", title: "Request too large" },
  415: { slug: "unsupported-media-type", title: "Unsupported media type" },
  422: { slug: "unprocessable", title: "Unprocessable request" },
  429: { slug: "rate-limited", title: "Too many requests" },
  500: { slug: "server-error", title: "Server error" },
  503: { slug: "unavailable", title: "Service unavailable" },
};

/** The problem body for a status (type and title from the table above unless given). */
export function problemBody(
  status: number,
  detail: string,
  extra: { title?: string; slug?: string; errors?: ProblemFieldError[] } = {},
): Problem {
  const known = TITLES[status] ?? { slug: "error", title: "Error" };
  return {
    type: `${PROBLEM_TYPE_BASE}${extra.slug ?? known.slug}`,
    title: extra.title ?? known.title,
    status,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

/** A problem+json Response (return it, or throw it from a loader/action). */
export function problem(
  status: number,
  detail: string,
  extra: { title?: string; slug?: string; errors?: ProblemFieldError[]; headers?: HeadersInit } = {},
): Response {
  const headers = new Headers(extra.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(problemBody(status, detail, extra)), { status, headers });
}

/** "/invitations/0/email" from zod's path (RFC 6901 escaping of ~ and /). */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The field errors of a zod failure, one per issue. */
export function fieldErrors(error: ZodError): ProblemFieldError[] {
  // Schemas shared with the staff forms carry message keys (issue 18): the API always answers in English.
  return error.issues.map((issue) => ({ pointer: jsonPointer(issue.path), detail: translated(issue.message) }));
}

/** 400 (or the given status) naming every invalid field. */
export function validationProblem(error: ZodError, where: "body" | "query", status = 400): Response {
  const errors = fieldErrors(error);
  const detail =
    errors.length === 1
      ? `The ${where === "body" ? "request body" : "query"} is invalid at ${errors[0].pointer || "/"}: ${errors[0].detail}`
      : `The ${where === "body" ? "request body" : "query"} has ${errors.length} invalid fields (see errors).`;
  return problem(status, detail, { errors });
}
