// Authentication of the public API (issue 20): an API key as `Authorization: Bearer <key>` or as the user name of
// HTTP Basic (what Greenhouse sends; the password is ignored). No cookies are read: /api/* has no session and so no
// CSRF surface. Every failure is a thrown problem+json Response.
import { findActiveApiKey } from "~/models/api-keys.server";
import type { ApiScope } from "~/utils/schemas/api-keys.server";
import { PROBLEM_CONTENT_TYPE, problem } from "./problem.server";
import { rateLimitHeaders, takeRateLimit, type RateLimitState } from "./rate-limit.server";

export type ApiContext = {
  organizationId: string;
  keyId: string;
  keyName: string;
  scopes: ApiScope[];
  rateLimit: RateLimitState;
  /** Who the audit log and created_by columns name for what this key does. */
  actor: { userId: string; label: string };
};

/** The realm named in WWW-Authenticate (both schemes are offered). */
const REALM = "valuebench API";
const CHALLENGE = `Bearer realm="${REALM}", Basic realm="${REALM}"`;

/** The key presented by a request, or null: Bearer token, or the Basic user name. */
export function presentedKey(request: Request): string | null {
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  if (!value) return null;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    let decoded: string;
    try {
      decoded = Buffer.from(value, "base64").toString("utf8");
    } catch {
      return null;
    }
    const colon = decoded.indexOf(":");
    const user = colon === -1 ? decoded : decoded.slice(0, colon);
    return user || null;
  }
  return null;
}

function unauthorized(detail: string): Response {
  return problem(401, detail, { headers: { "WWW-Authenticate": CHALLENGE } });
}

/**
 * The organization and key of a request holding `scope`, after counting it against the key's rate limit.
 * Throws 401 (no, unknown or revoked key; WWW-Authenticate), 429 (Retry-After) or 403 (scope missing).
 */
export async function authenticateApiKey(request: Request, scope: ApiScope | null): Promise<ApiContext> {
  const secret = presentedKey(request);
  if (!secret) {
    throw unauthorized("Send an API key as `Authorization: Bearer <key>` or as the HTTP Basic user name.");
  }
  const key = await findActiveApiKey(secret);
  if (!key) throw unauthorized("The API key is unknown or has been revoked.");
  const rateLimit = takeRateLimit(key.keyId);
  if (!rateLimit.allowed) {
    throw problem(429, `This API key made more than ${rateLimit.limit} requests this minute.`, {
      headers: { ...rateLimitHeaders(rateLimit), "Retry-After": String(rateLimit.resetSeconds) },
    });
  }
  if (scope && !key.scopes.includes(scope)) {
    throw problem(403, `This API key lacks the scope "${scope}".`, {
      slug: "missing-scope",
      title: "Missing scope",
      headers: rateLimitHeaders(rateLimit),
    });
  }
  return {
    organizationId: key.organizationId,
    keyId: key.keyId,
    keyName: key.name,
    scopes: key.scopes,
    rateLimit,
    actor: { userId: `api-key:${key.keyId}`, label: `API key "${key.name}"` },
  };
}

/** A JSON answer of the API with the key's RateLimit-* headers (an error status: a problem+json body). */
export function apiJson(ctx: ApiContext, body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("Content-Type", status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json");
  h.set("Cache-Control", "no-store");
  for (const [k, v] of Object.entries(rateLimitHeaders(ctx.rateLimit))) h.set(k, v);
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** Adds the key's RateLimit-* headers to a problem (or any) Response thrown after authentication. */
export function withRateLimit(ctx: ApiContext, response: Response): Response {
  for (const [k, v] of Object.entries(rateLimitHeaders(ctx.rateLimit))) response.headers.set(k, v);
  return response;
}
