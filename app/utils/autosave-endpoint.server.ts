// The answering page's autosave (issue 19: the hot path of the product). One answer per request, as it is chosen.
//
// `POST /r/autosave` is answered by handleAutosave, which server.js mounts in front of Remix (after the same request
// guard every request passes: method, Origin / Sec-Fetch-Site, declared and read body size): Remix's router and its
// single-fetch encoding were most of a save's CPU. The page's own action (r.$page.tsx, intent "autosave") answers
// the same way through autosaveOutcome, so the two can't drift apart.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { serverT } from "~/i18n/catalogs.server";
import {
  NO_RESPONDENT_MESSAGE,
  respondentForToken,
  respondentToken,
  type Respondent,
} from "~/models/respondent.server";
import { autosaveAnswer, InvalidAnswerError } from "~/models/response.server";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableHeaders } from "~/utils/database-unavailable.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { autosaveSchema } from "~/utils/schemas/positions.server";

export type AutosaveFields = z.infer<typeof autosaveSchema>;

/** The URL the page's autosave hook posts to (use-answer-autosave.ts holds the same literal: no server import there). */
export const AUTOSAVE_PATH = "/r/autosave";

/** What an autosave answers, as JSON (the page's hook reads it). */
export type AutosaveAnswer =
  | { ok: true; revision: number }
  | { ok: false; conflict: "stale" | "submitted"; message: string; revision: number; values: Record<string, string> }
  | { ok: false; message: string; retryAfterSeconds?: number };

export type AutosaveOutcome = { status: number; body: AutosaveAnswer; headers: Record<string, string> };

/**
 * The answer to one autosave of `respondent`'s response: `fields` as validated by autosaveSchema, or null when the
 * form was unreadable. 409 on a stale revision or a submitted response, 400 on an answer the question does not take,
 * 503 (kept by the page and sent again) while the database is busy or failing.
 */
export async function autosaveOutcome(respondent: Respondent, fields: AutosaveFields | null): Promise<AutosaveOutcome> {
  const t = serverT(respondent.locale);
  if (!fields)
    return { status: 400, body: { ok: false, message: t("page.answerUnreadable") }, headers: PRIVATE_HEADERS };
  try {
    // One conditional UPDATE on the respondent just read, group-committed (answer-writes.server.ts).
    const result = await autosaveAnswer(respondent, fields.baseRevision, fields.itemId, fields.value);
    if (result.ok) return { status: 200, body: { ok: true, revision: result.revision }, headers: PRIVATE_HEADERS };
    const message = t(result.reason === "stale" ? "page.conflict" : "page.alreadySubmitted");
    return {
      status: 409,
      body: { ok: false, conflict: result.reason, message, revision: result.revision, values: {} },
      headers: PRIVATE_HEADERS,
    };
  } catch (error) {
    if (error instanceof InvalidAnswerError)
      return { status: 400, body: { ok: false, message: t("page.invalidAnswer") }, headers: PRIVATE_HEADERS };
    // The database is busy or failing for now (issue 15, item 12): the page keeps the answer and sends it again.
    if (isDatabaseUnavailable(error)) return unavailable(t("page.savingRetrying"));
    throw error;
  }
}

function unavailable(message: string): AutosaveOutcome {
  return {
    status: 503,
    body: { ok: false, message, retryAfterSeconds: RETRY_AFTER_SECONDS },
    headers: { ...PRIVATE_HEADERS, ...unavailableHeaders() },
  };
}

/** The urlencoded body's fields, validated; null when unreadable (another content type, a field sent twice, ...). */
function readFields(contentType: string | null | undefined, body: string): AutosaveFields | null {
  if (!contentType || contentType.split(";")[0].trim().toLowerCase() !== "application/x-www-form-urlencoded")
    return null;
  const values: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in values) return null;
    values[name] = value;
  }
  const parsed = autosaveSchema.safeParse(values);
  return parsed.success ? parsed.data : null;
}

/**
 * The whole autosave of `POST /r/autosave` from its Cookie and Content-Type headers and its body: 401 without a
 * live respondent session, then autosaveOutcome. Never throws: an unexpected failure is logged and answered 500.
 */
export async function answerAutosave(
  cookieHeader: string | null | undefined,
  contentType: string | null | undefined,
  body: string,
): Promise<AutosaveOutcome> {
  let respondent: Respondent | null = null;
  try {
    const token = await respondentToken(cookieHeader);
    respondent = token ? await respondentForToken(token) : null;
    if (!respondent)
      return { status: 401, body: { ok: false, message: NO_RESPONDENT_MESSAGE }, headers: PRIVATE_HEADERS };
    return await autosaveOutcome(respondent, readFields(contentType, body));
  } catch (error) {
    const t = serverT(respondent?.locale ?? "en");
    if (isDatabaseUnavailable(error)) {
      console.error(`POST ${AUTOSAVE_PATH}: 503 (${error.message})`);
      return unavailable(t("page.savingRetrying"));
    }
    // a thrown Response is a model's own answer (the response was erased meanwhile: 404)
    if (!(error instanceof Response)) console.error(error);
    const status = error instanceof Response ? error.status : 500;
    return { status, body: { ok: false, message: t("page.saveFailed") }, headers: PRIVATE_HEADERS };
  }
}

/** The request body as text; rejects when the body limit (body-limit.js, mounted before) refused it with 413. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
    req.resume();
  });
}

/** `POST /r/autosave` in server.js, in front of Remix: the body, answerAutosave, JSON back. */
export async function handleAutosave(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  let body: string;
  try {
    body = await readBody(req);
  } catch {
    return; // refused by the body limit, which has answered 413
  }
  const outcome = await answerAutosave(req.headers.cookie, req.headers["content-type"], body);
  if (res.headersSent) return;
  const json = JSON.stringify(outcome.body);
  res.writeHead(outcome.status, {
    ...outcome.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    // as the Remix routes' (server.js): this handler's own time, request read to answer ready
    "Server-Timing": `app;dur=${(performance.now() - started).toFixed(2)}`,
  });
  res.end(json);
}
