// Kysely's SQLite driver, rebuilt for a server that must keep answering while another process holds the write lock
// or the disk refuses writes (issue 15, items 12 and 14):
// - better-sqlite3 waits for a lock synchronously (busy_timeout), which freezes the event loop. The connection waits
//   only SQLITE_BUSY_TIMEOUT_MS; a write (a transaction's BEGIN IMMEDIATE, or a statement outside a transaction) that
//   finds the lock taken is retried after asynchronous pauses with exponential backoff, the connection released in
//   between so other requests' reads go on, and after LOCK_WAIT_BUDGET_MS fails with DatabaseUnavailableError (503).
// - a write error that a change outside the process can cure (read-only file, full disk, I/O error) is logged with
//   its own message, turned into DatabaseUnavailableError, and the connection is reopened before the next query, so
//   the server recovers without a restart. A transaction SQLite already rolled back is not rolled back again (that
//   error, "cannot rollback - no transaction is active", used to hide the cause).
import type SQLite from "better-sqlite3";
import {
  CompiledQuery,
  SelectQueryNode,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { DatabaseUnavailableError, LOCK_WAIT_BUDGET_MS } from "./database-unavailable.server";

/** How long one attempt may block the event loop waiting for a lock (PRAGMA busy_timeout). */
export const SQLITE_BUSY_TIMEOUT_MS = 5;

/**
 * The connection's page cache, KiB (PRAGMA cache_size = -N; SQLite's default is 2 MiB, grown only as pages are read):
 * the results page counts a position's candidates over two ~8 MB indexes at 100,000 candidates; kept in the
 * connection's cache they are read again from memory instead of ~4,000 page reads through the OS each (issue 19:
 * results page ~46 -> ~23 ms).
 */
export const SQLITE_CACHE_KIB = 64 * 1024;
/**
 * The page cache while many candidates are scored (db.server.ts withBulkWriteCache): a re-score of 100,000 candidates
 * changes ~250 MB of score indexes, batch after batch; in 64 MiB each batch pushed pages out half-written and read
 * them back through the OS (issue 19: measured 64-68 s -> 52-57 s, system time 31-32 s -> 19-20 s).
 */
export const SQLITE_BULK_CACHE_KIB = 256 * 1024;

// Causes outside the process that may go away (permissions fixed, disk freed, file back): reopen after them.
const REOPEN_CODES = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN)/;

function sqliteCode(error: unknown): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : "";
}

const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(sqliteCode(error));

/** Pause before attempt `attempt + 1`: 5, 10, 20 … ms up to 250 ms, each between half and all of it. */
function lockBackoffMs(attempt: number): number {
  const ceiling = Math.min(250, 5 * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;
  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise<void>((resolve) => (this.#resolve = resolve));
  }
  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}

export class ValuebenchSqliteDriver implements Driver {
  readonly #open: () => SQLite.Database;
  readonly #label: string;
  readonly #mutex = new ConnectionMutex();
  #sqlite: SQLite.Database | undefined;
  #reopenPending = false;
  readonly #connection: DatabaseConnection;

  /** `open` opens the database with the app's pragmas; it is called again to reopen after a write error. */
  constructor(open: () => SQLite.Database, label: string) {
    this.#open = open;
    this.#label = label;
    this.#connection = {
      executeQuery: <R>(query: CompiledQuery) => this.#execute<R>(query),
      streamQuery: <R>(query: CompiledQuery) => this.#stream<R>(query),
    };
  }

  async init(): Promise<void> {
    this.#sqlite = this.#open();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    if (this.#reopenPending) {
      try {
        this.#reopen();
      } catch (error) {
        this.#mutex.unlock();
        throw this.#unavailable(error);
      }
    }
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  // DESIGN.md: every transaction here reads then writes, so it begins immediate: the write lock is taken before the
  // first read and two processes cannot both read, then fail to upgrade (SQLITE_BUSY mid-transaction).
  async beginTransaction(_connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await this.#withLockRetry(() => this.#db().exec("begin immediate"));
  }

  async commitTransaction(): Promise<void> {
    try {
      this.#db().exec("commit");
    } catch (error) {
      throw this.#failed(error);
    }
  }

  async rollbackTransaction(): Promise<void> {
    const sqlite = this.#db();
    // SQLite rolls a transaction back itself after some errors (SQLITE_FULL, I/O errors): nothing left to undo.
    if (!sqlite.inTransaction) return;
    try {
      sqlite.exec("rollback");
    } catch (error) {
      // The caller's error is the one to report; closing the connection (reopen) discards the transaction.
      console.error(`sqlite ${this.#label}: rollback failed (${sqliteCode(error)}: ${(error as Error).message})`);
      this.#reopenPending = true;
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async destroy(): Promise<void> {
    this.#sqlite?.close();
    this.#sqlite = undefined;
  }

  #db(): SQLite.Database {
    if (!this.#sqlite) throw new Error(`sqlite ${this.#label}: the connection is closed`);
    return this.#sqlite;
  }

  #reopen(): void {
    try {
      this.#sqlite?.close();
    } catch {
      // a connection that cannot even close is replaced all the same
    }
    this.#sqlite = undefined;
    this.#sqlite = this.#open();
    this.#reopenPending = false;
    console.error(`sqlite ${this.#label}: connection reopened`);
  }

  #run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.#db().prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  async #execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction the lock is already held (BEGIN IMMEDIATE): run as is.
    if (this.#db().inTransaction) {
      try {
        return this.#run<R>(query);
      } catch (error) {
        throw this.#failed(error);
      }
    }
    return this.#withLockRetry(() => this.#run<R>(query));
  }

  async *#stream<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error("Sqlite driver only supports streaming of select queries");
    const statement = this.#db().prepare(query.sql);
    for (const row of statement.iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }

  /**
   * Runs `attempt` (nothing held before it: a statement outside a transaction, or BEGIN IMMEDIATE) until it gets the
   * lock or the budget is spent. Between attempts the connection is released, so the wait costs other requests
   * nothing but this one's turn.
   */
  async #withLockRetry<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_BUDGET_MS;
    for (let n = 1; ; n++) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error)) throw this.#failed(error);
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new DatabaseUnavailableError(
            "locked",
            `sqlite ${this.#label}: the write lock stayed taken by another connection for ${LOCK_WAIT_BUDGET_MS} ms`,
            { cause: error },
          );
        }
        this.#mutex.unlock();
        await sleep(Math.min(lockBackoffMs(n), remaining));
        await this.#mutex.lock();
        if (this.#reopenPending) this.#reopen();
      }
    }
  }

  /** A write error a change outside the process can cure: log the cause, reopen before the next query, 503. */
  #failed(error: unknown): unknown {
    const code = sqliteCode(error);
    if (!REOPEN_CODES.test(code)) return error;
    console.error(
      `sqlite ${this.#label}: write failed (${code}: ${(error as Error).message}); reopening the connection`,
    );
    this.#reopenPending = true;
    return this.#unavailable(error);
  }

  #unavailable(error: unknown): DatabaseUnavailableError {
    const code = sqliteCode(error);
    return new DatabaseUnavailableError(
      "write-failed",
      `sqlite ${this.#label}: cannot write (${code || "error"}: ${(error as Error).message})`,
      { cause: error },
    );
  }
}
