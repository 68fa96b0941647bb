// The one typed error of the database layer for "try again shortly": the write lock is held elsewhere past the wait
// budget, the disk is full or read-only, PostgreSQL does not answer in time. entry.server.tsx maps it to
// 503 + Retry-After in one place; the answering page catches it to keep the answer and retry (issue 15, items 12-15).

/** Longest a request waits for a SQLite write lock held by another process before it gets a 503 (asynchronous waits). */
export const LOCK_WAIT_BUDGET_MS = 5_000;

/** `Retry-After` of every 503 the database layer causes, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

export type DatabaseUnavailableReason = "locked" | "write-failed" | "timeout";

export class DatabaseUnavailableError extends Error {
  readonly reason: DatabaseUnavailableReason;
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  constructor(reason: DatabaseUnavailableReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
    this.reason = reason;
  }
}

export function isDatabaseUnavailable(error: unknown): error is DatabaseUnavailableError {
  return error instanceof DatabaseUnavailableError;
}

/** The headers of a 503 caused by the database: when to come back, and never cached. */
export function unavailableHeaders(): Record<string, string> {
  return { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
}

// A DatabaseUnavailableError thrown by a loader or action reaches Remix's handleError with the request's load
// context; the mark left there turns that request's response (document or data) into a 503 in entry.server.tsx.
const UNAVAILABLE_MARK = Symbol.for("valuebench.databaseUnavailable");

export function noteDatabaseUnavailable(context: unknown): void {
  if (typeof context === "object" && context !== null) (context as Record<symbol, true>)[UNAVAILABLE_MARK] = true;
}

/**
 * The status of a response given its load context: 503 when the database was unavailable for the request. Every
 * 503 (also one a route returns itself, like the answering page's autosave) gets Retry-After and no-store.
 */
export function statusAfterDatabaseCheck(status: number, headers: Headers, context: unknown): number {
  const marked = typeof context === "object" && context !== null && UNAVAILABLE_MARK in context;
  if (!marked && status !== 503) return status;
  for (const [name, value] of Object.entries(unavailableHeaders())) headers.set(name, value);
  return 503;
}
