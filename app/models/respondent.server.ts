// Respondent sessions: the signed cookie set by the consent POST, bound to one response. Every answering request
// starts here (the layout and page loaders, the page post, the lean autosave endpoint), so the lookup is kept cheap:
// the cookie's signature check is memoised per Cookie header, the questionnaire version comes from memory
// (questionnaire-shape.server.ts), and the loaders of one page view share one lookup (issue 19).
import { createCookie } from "@remix-run/node";
import {
  answeringVersion,
  parseAnswers,
  type QuestionnaireShape,
  type StoredAnswers,
} from "~/models/questionnaire-shape.server";
import { languageOf, type RespondentLanguage } from "~/models/respondent-locale.server";
import type { VersionTranslations } from "~/questionnaire/translations";
import { setBounded } from "~/utils/bounded-map";
import { compiledQuery } from "~/utils/compiled-query.server";
import { getDb, nowIso } from "~/utils/db.server";
import { getSessionSecret, secureCookiesEnabled } from "~/utils/env.server";
import { PRIVATE_HEADERS } from "~/utils/private-headers";
import { sha256Hex } from "~/utils/tokens.server";
import type { RespondentKind } from "../../db/types";

/** What a visitor without a live respondent session is told (401), whichever way they reached the server. */
export const NO_RESPONDENT_MESSAGE =
  "Your answering session has ended or this browser has not opened an invitation yet. Open your personal invitation link again to continue: your answers so far are kept.";

let cookie: ReturnType<typeof createCookie> | undefined;
export function respondentCookie() {
  cookie ??= createCookie("vb_respondent", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookiesEnabled(),
    path: "/",
    secrets: [getSessionSecret()],
  });
  return cookie;
}

// The session token of a Cookie header: verifying the signature is a pure function of the header (and the secret),
// so recent results are kept (a respondent autosaves every answer with the same header). Only the token is
// memoised; whether its session is still live is read from the database on every request.
const TOKEN_MEMO_SIZE = 1024;
const tokenMemo = new Map<string, Promise<string | null>>();

async function verifyToken(header: string): Promise<string | null> {
  const value: unknown = await respondentCookie().parse(header);
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The respondent session token of a Cookie header (null when absent or not signed by this server). */
export function respondentToken(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return Promise.resolve(null);
  let token = tokenMemo.get(cookieHeader);
  if (token === undefined) {
    token = verifyToken(cookieHeader);
    setBounded(tokenMemo, cookieHeader, token, TOKEN_MEMO_SIZE);
    token.catch(() => tokenMemo.delete(cookieHeader));
  }
  return token;
}

export type Respondent = {
  sessionId: string;
  responseId: string;
  organizationId: string;
  organizationName: string;
  retentionDays: number;
  showScores: boolean;
  positionTitle: string;
  kind: RespondentKind;
  label: string;
  revision: number;
  answers: StoredAnswers;
  submittedAt: string | null;
  shape: QuestionnaireShape;
} & RespondentLanguage;

// languageOf per (version, wanted locale): a pure function of immutable inputs.
const languageMemo = new Map<string, RespondentLanguage>();
function languageFor(
  versionId: string,
  shape: QuestionnaireShape,
  translations: VersionTranslations,
  wanted: string | null,
): RespondentLanguage {
  const key = `${versionId}\u0000${wanted ?? ""}`;
  let language = languageMemo.get(key);
  if (!language) {
    language = languageOf(shape.q, translations, wanted);
    setBounded(languageMemo, key, language, 1000);
  }
  return language;
}

// One indexed lookup per answering request: compiled once (compiled-query.server.ts), only the session id changes.
const respondentRow = compiledQuery(["sessionId"], (db, p) =>
  db
    .selectFrom("respondent_sessions as s")
    .innerJoin("responses as r", "r.id", "s.response_id")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .innerJoin("positions as p", "p.id", "r.position_id")
    .leftJoin("invitations as i", "i.id", "r.invitation_id")
    .select([
      "s.id as session_id",
      "s.expires_at",
      "r.id",
      "r.organization_id",
      "r.kind",
      "r.respondent_label",
      "r.revision",
      "r.answers_json",
      "r.submitted_at",
      "r.questionnaire_version_id",
      "r.locale",
      "o.name as org_name",
      "o.retention_days",
      "o.show_scores_to_candidates",
      "p.title",
      "i.revoked_at",
    ])
    .where("s.id", "=", p.sessionId),
);

// The session id is the token's SHA-256: kept beside the token for the same headers (a respondent's every save).
const sessionIds = new Map<string, string>();
function sessionIdOf(token: string): string {
  let id = sessionIds.get(token);
  if (id === undefined) {
    id = sha256Hex(token);
    setBounded(sessionIds, token, id, TOKEN_MEMO_SIZE);
  }
  return id;
}

/** The response bound to a respondent session token, or null (unknown or expired session, revoked link). */
export async function respondentForToken(token: string, now = new Date()): Promise<Respondent | null> {
  const [row] = (await respondentRow(getDb(), { sessionId: sessionIdOf(token) })).rows;
  if (!row || row.expires_at <= nowIso(now) || row.revoked_at) return null;
  const { shape, translations } = await answeringVersion(row.organization_id, row.questionnaire_version_id);
  return {
    sessionId: row.session_id,
    responseId: row.id,
    organizationId: row.organization_id,
    organizationName: row.org_name,
    retentionDays: row.retention_days,
    showScores: row.show_scores_to_candidates === 1,
    positionTitle: row.title,
    kind: row.kind,
    label: row.respondent_label,
    revision: row.revision,
    answers: parseAnswers(row.answers_json),
    submittedAt: row.submitted_at,
    shape,
    ...languageFor(row.questionnaire_version_id, shape, translations, row.locale),
  };
}

// The layout (r.tsx) and page loaders of one page view get separate Request objects from Remix but the same load
// context: a GET's lookup is shared through it. Never for a POST: its loaders must see what its action wrote.
const lookups = new WeakMap<object, Promise<Respondent | null>>();

/**
 * The response bound to this request's respondent cookie, or null (no cookie, expired, or the link was revoked).
 * Pass the loader's `context` to share the lookup between the loaders of one GET.
 */
export function getRespondent(request: Request, context?: unknown, now = new Date()): Promise<Respondent | null> {
  const shared = request.method === "GET" && typeof context === "object" && context !== null ? context : null;
  const known = shared ? lookups.get(shared) : undefined;
  if (known) return known;
  const lookup = respondentToken(request.headers.get("Cookie")).then((token) =>
    token ? respondentForToken(token, now) : null,
  );
  if (shared) lookups.set(shared, lookup);
  return lookup;
}

/** Like getRespondent, but a visitor without a live respondent session gets a friendly 401 page. */
export async function requireRespondent(request: Request, context?: unknown): Promise<Respondent> {
  const respondent = await getRespondent(request, context);
  if (!respondent) throw new Response(NO_RESPONDENT_MESSAGE, { status: 401, headers: PRIVATE_HEADERS });
  return respondent;
}
