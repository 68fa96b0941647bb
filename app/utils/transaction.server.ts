import type { Kysely, Transaction } from "kysely";
import { dialectName } from "./db.server";

/** Attempts in all (the first try and four retries) before a serialization failure reaches the caller. */
export const WRITE_TRANSACTION_ATTEMPTS = 5;

// SQLSTATE 40001 serialization_failure, 40P01 deadlock_detected: the transaction did nothing and may run again.
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

export function isRetryableTransactionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && RETRYABLE_SQLSTATES.has(code);
}

/** Jittered exponential backoff before attempt `attempt + 1`: about 10, 20, 40, 80 ms, each between half and all. */
function backoffMs(attempt: number): number {
  const ceiling = 10 * 2 ** (attempt - 1);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` in a transaction for work that reads then writes (check a revision, then update; check a status, then
 * change it).
 * - PostgreSQL: SERIALIZABLE isolation, so two instances cannot both act on the same read; a serialization failure
 *   or deadlock rolls the attempt back and runs `fn` again (up to WRITE_TRANSACTION_ATTEMPTS in all) after a short
 *   jittered pause. `fn` must therefore only touch the database (no e-mails, no counters outside the transaction).
 * - SQLite: `BEGIN IMMEDIATE` (sqlite-driver.server.ts), which takes the write lock before the first read; while
 *   another process holds it the BEGIN is retried after asynchronous pauses (the event loop stays free), and after
 *   LOCK_WAIT_BUDGET_MS the call fails with DatabaseUnavailableError (503) without having run `fn`.
 */
export async function writeTransaction<D, T>(db: Kysely<D>, fn: (trx: Transaction<D>) => Promise<T>): Promise<T> {
  if (dialectName(db) !== "postgres") return db.transaction().execute(fn);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel("serializable").execute(fn);
    } catch (error) {
      if (attempt >= WRITE_TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      await sleep(backoffMs(attempt));
    }
  }
}

/**
 * The same as writeTransaction, shaped like Kysely's builder so a call site changes one word:
 * `serializable(getDb()).transaction().execute(async (trx) => …)`.
 */
export function serializable<D>(db: Kysely<D>) {
  return {
    transaction: () => ({
      execute: <T>(fn: (trx: Transaction<D>) => Promise<T>): Promise<T> => writeTransaction(db, fn),
    }),
  };
}
