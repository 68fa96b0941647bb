// The frame of every /api/v1 loader and action: problem+json for anything thrown (a model's plain 404 Response too),
// JSON bodies read within the body limit and validated with zod, query strings validated the same way.
import type { z } from "zod";
import { isDatabaseUnavailable, unavailableHeaders } from "~/utils/database-unavailable.server";
import { MAX_BODY_BYTES, TOO_LARGE_MESSAGE } from "~/utils/request-guard.server";
import { PROBLEM_CONTENT_TYPE, problem, validationProblem } from "./problem.server";

/**
 * Runs an API handler; a thrown Response that is not problem+json already (a model's `Not found`) becomes one with
 * the same status, a busy or failing database a 503 with Retry-After, an unexpected error a logged 500 problem (no
 * internals in the body).
 */
export async function handleApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) {
      if (error.headers.get("Content-Type")?.startsWith(PROBLEM_CONTENT_TYPE)) return error;
      const detail =
        error.status === 404
          ? "No such resource in this API key's organization."
          : `The request failed (${error.status}).`;
      return problem(error.status, detail);
    }
    if (isDatabaseUnavailable(error)) {
      console.error(`API request: 503 (${error.message})`);
      return problem(503, "The database is busy or failing; retry after the Retry-After seconds.", {
        headers: unavailableHeaders(),
      });
    }
    console.error("API request failed:", error);
    return problem(500, "The request could not be completed; see the server log.");
  }
}

/** The request's JSON body validated with `schema`; throws 415, 413, 400 (not JSON) or 400 with field errors. */
export async function readJsonBody<T extends z.ZodTypeAny>(
  request: Request,
  schema: T,
): Promise<{ data: z.infer<T>; raw: string }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw problem(415, "Send the request body as JSON with `Content-Type: application/json`.");
  }
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY_BYTES) throw problem(413, TOO_LARGE_MESSAGE);
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw problem(413, TOO_LARGE_MESSAGE);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw problem(400, "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationProblem(parsed.error, "body");
  return { data: parsed.data, raw };
}

/** The URL's query parameters validated with `schema` (strings in, as zod coerces them). */
export function readQuery<T extends z.ZodTypeAny>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationProblem(parsed.error, "query");
  return parsed.data;
}

/** 405 for a method a resource does not answer. */
export function methodNotAllowed(allowed: string[]): Response {
  return problem(405, `This resource answers ${allowed.join(", ")} only.`, { headers: { Allow: allowed.join(", ") } });
}
