// Per-key rate limit of the public API (issue 20): a fixed one-minute window counted in memory, per process. With
// several server processes each counts on its own (the README says so); a restart starts fresh windows.
import { setBounded } from "~/utils/bounded-map";

/** Requests one API key may make per window. */
export const API_RATE_LIMIT = 600;
export const API_RATE_WINDOW_MS = 60 * 1000;
/** Keys tracked at once (the oldest window is dropped first; it would have expired anyway at this scale). */
const MAX_TRACKED_KEYS = 10_000;

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number; allowed: boolean };

type Window = { start: number; count: number };
const windows = new Map<string, Window>();

/** Counts one request of `keyId` at `now` (ms) and tells whether it is allowed, with the RateLimit-* values. */
export function takeRateLimit(keyId: string, now = Date.now(), limit = API_RATE_LIMIT): RateLimitState {
  let w = windows.get(keyId);
  if (!w || now - w.start >= API_RATE_WINDOW_MS) {
    w = { start: now - (now % API_RATE_WINDOW_MS), count: 0 };
    setBounded(windows, keyId, w, MAX_TRACKED_KEYS);
  }
  const resetSeconds = Math.max(1, Math.ceil((w.start + API_RATE_WINDOW_MS - now) / 1000));
  if (w.count >= limit) return { limit, remaining: 0, resetSeconds, allowed: false };
  w.count += 1;
  return { limit, remaining: limit - w.count, resetSeconds, allowed: true };
}

/** The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers) of a state. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}
