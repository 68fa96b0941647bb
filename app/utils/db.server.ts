import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  sql,
} from "kysely";
import type { Database } from "../../db/types";
import { setBounded } from "./bounded-map";
import { getEnv, isPostgresUrl, sqlitePath } from "./env.server";
import { createPgPool, guardedPool } from "./pg-pool.server";
import {
  SQLITE_BULK_CACHE_KIB,
  SQLITE_BUSY_TIMEOUT_MS,
  SQLITE_CACHE_KIB,
  ValuebenchSqliteDriver,
} from "./sqlite-driver.server";

export type DB = Kysely<Database>;
export type DialectName = "sqlite" | "postgres";

export { isPostgresUrl };

/**
 * Opens a SQLite file with the pragmas of DESIGN.md. The lock wait is short (SQLITE_BUSY_TIMEOUT_MS): longer waits
 * happen asynchronously in sqlite-driver.server.ts, so a lock held elsewhere never freezes the event loop.
 * Answers are personal data: a new database file is created 0600 (its -wal and -shm files get the same mode from
 * SQLite) in a directory created 0700.
 */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.closeSync(fs.openSync(file, "wx", 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const sqlite = new SQLite(file);
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  cachePreparedStatements(sqlite);
  return sqlite;
}

/**
 * Performance (issue 9): Kysely prepares every query it runs, and preparing costs as much as running a small query.
 * The same SQL text gets the same prepared statement back (at most 256 kept; a statement that is busy iterating is
 * never handed out twice). Statements are shared: never switch their mode (pluck, raw, expand).
 */
function cachePreparedStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    setBounded(cache, source, statement, 256);
    return statement;
  }) as typeof sqlite.prepare;
}

// SQLite can roll back DDL; saying so makes Kysely's migrator wrap migrations in a transaction.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ValuebenchSqliteDialect implements Dialect {
  readonly #file: string;
  constructor(file: string) {
    this.#file = file;
  }
  createDriver(): Driver {
    return new ValuebenchSqliteDriver(() => openSqlite(this.#file), this.#file);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

export { createPgPool };

export function createDb(databaseUrl: string = getEnv().DATABASE_URL): DB {
  if (isPostgresUrl(databaseUrl)) {
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool(createPgPool(databaseUrl)) }) });
  }
  return new Kysely<Database>({ dialect: new ValuebenchSqliteDialect(sqlitePath(databaseUrl)) });
}

/** Which database a Kysely instance (or a transaction of it) talks to; defaults to the process-wide one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectName(db: Kysely<any> = getDb()): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

// One connection per process, kept across dev-server reloads.
const holder = globalThis as unknown as { __valuebenchDb?: DB };

export function getDb(): DB {
  holder.__valuebenchDb ??= createDb();
  return holder.__valuebenchDb;
}

/** Replaces the process-wide database (tests point it at a fresh file). */
export function setDb(db: DB | undefined): void {
  holder.__valuebenchDb = db;
}

/** Current time as ISO-8601 text, the format of every timestamp column. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** Runs of withBulkWriteCache going on, per database. */
const bulkWriters = new WeakMap<DB, number>();

/**
 * Runs `fn` (many scores written, batch after batch) with the SQLite connection's page cache at
 * SQLITE_BULK_CACHE_KIB, back to SQLITE_CACHE_KIB when the last such run on `db` ends, even when it fails.
 * PostgreSQL: `fn` as it is. The cache belongs to the process's one connection, so requests served meanwhile share it.
 */
export async function withBulkWriteCache<T>(db: DB, fn: () => Promise<T>): Promise<T> {
  if (dialectName(db) !== "sqlite") return fn();
  const running = bulkWriters.get(db) ?? 0;
  bulkWriters.set(db, running + 1);
  try {
    if (running === 0) await sql.raw(`pragma cache_size = -${SQLITE_BULK_CACHE_KIB}`).execute(db);
    return await fn();
  } finally {
    const left = (bulkWriters.get(db) ?? 1) - 1;
    bulkWriters.set(db, left);
    if (left === 0) await sql.raw(`pragma cache_size = -${SQLITE_CACHE_KIB}`).execute(db);
  }
}
