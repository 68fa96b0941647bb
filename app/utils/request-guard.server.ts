/** Security decisions made before a request reaches Remix; pure so they can be unit tested. */

/**
 * The one body limit (1 MiB) for every request: forms, autosave, the CSV import's upload (its file may hold 900 kB,
 * schemas/import.server.ts) and anything else. server.js enforces it on the bytes actually read (chunked bodies
 * have no Content-Length), checkIncomingRequest on the declared length, parseForm once more in the app.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export const TOO_LARGE_MESSAGE = `The request is too large (limit ${MAX_BODY_BYTES / 1024 / 1024} MiB).`;

/** The methods the app answers (Remix: loaders for GET/HEAD, actions for POST); anything else gets 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

const SAFE_METHODS = new Set(["GET", "HEAD"]);

export type GuardHeaders = {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  contentLength: string | undefined;
  /** The URL path and Authorization header: /api/ requests carrying a key skip the cross-site checks (below). */
  path?: string;
  authorization?: string | undefined;
};

/** The public API's paths (issue 20): no cookies are read there, every request authenticates with its own key. */
export function isApiPath(path: string | undefined): boolean {
  return path !== undefined && path.startsWith("/api/");
}

export type GuardVerdict =
  { ok: true } | { ok: false; status: 403 | 405 | 413; message: string; headers?: Record<string, string> };

/** Refuses methods the app does not answer (TRACE, TRACK, PUT, ...), cross-site state changes (Origin /
 * Sec-Fetch-Site) and bodies declared larger than the limit. */
export function checkIncomingRequest(h: GuardHeaders): GuardVerdict {
  if (!ALLOWED.has(h.method)) {
    return {
      ok: false,
      status: 405,
      message: `The method ${h.method} is not allowed.`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  }
  if (SAFE_METHODS.has(h.method)) return { ok: true };
  // The API reads no cookie, so a cross-site POST there carries no ambient authority (no CSRF surface); its key is in
  // the Authorization header, which a browser sends cross-site only after a CORS preflight the app never grants.
  // The body limit still applies.
  const keyedApiCall = isApiPath(h.path) && Boolean(h.authorization?.trim());
  if (keyedApiCall) return tooLarge(h.contentLength) ?? { ok: true };
  if (h.secFetchSite && !["same-origin", "none"].includes(h.secFetchSite)) {
    return { ok: false, status: 403, message: "Cross-site requests are not allowed." };
  }
  if (h.origin && h.origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(h.origin).host;
    } catch {
      return { ok: false, status: 403, message: "Cross-site requests are not allowed." };
    }
    if (!h.host || originHost !== h.host) {
      return { ok: false, status: 403, message: "Cross-site requests are not allowed." };
    }
  } else if (h.origin === "null" && h.secFetchSite !== "same-origin") {
    // Pages sent with `Referrer-Policy: no-referrer` (invitation and answering pages) make browsers post
    // `Origin: null`; the browser-set Sec-Fetch-Site still proves the form came from this site.
    return { ok: false, status: 403, message: "Cross-site requests are not allowed." };
  }
  return tooLarge(h.contentLength) ?? { ok: true };
}

function tooLarge(contentLength: string | undefined): GuardVerdict | null {
  if (contentLength && Number(contentLength) > MAX_BODY_BYTES) {
    return { ok: false, status: 413, message: TOO_LARGE_MESSAGE };
  }
  return null;
}

/** Headers sent on every response. */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}
