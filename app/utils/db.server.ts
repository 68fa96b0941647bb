import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from "kysely";
import type { Database } from "../../db/types";
import { setBounded } from "./bounded-map";
import { getEnv, isPostgresUrl, sqlitePath } from "./env.server";

export type DB = Kysely<Database>;
export type DialectName = "sqlite" | "postgres";

export { isPostgresUrl };

/** Opens a SQLite file with the pragmas of DESIGN.md. */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("secure_delete = ON");
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

// DESIGN.md: writes that read then write use BEGIN IMMEDIATE, so the write lock is taken before the first read and
// two processes cannot both read, then fail to upgrade to a writer (SQLITE_BUSY mid-transaction). Every Kysely
// transaction on SQLite in this app writes, so all of them begin immediate.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ValuebenchSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

// pg returns int8 (count(*)) and numeric as strings to avoid precision loss; every such value here is a row count or
// a small number, so parse them as JavaScript numbers like better-sqlite3 does. float8 (double precision) already
// parses as a number.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** A pg pool for DATABASE_URL with the size and statement timeout of the environment (PG_POOL_SIZE, PG_STATEMENT_TIMEOUT_MS). */
export function createPgPool(databaseUrl: string): pg.Pool {
  const env = getEnv();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: env.PG_POOL_SIZE,
    statement_timeout: env.PG_STATEMENT_TIMEOUT_MS,
    types: pgTypes,
  });
  // An idle client that loses its connection (database restart) emits "error" on the pool; without a listener that
  // would crash the process. The pool drops the client and the next query opens a new one.
  pool.on("error", (error) => console.error(`postgres pool: ${error.message}`));
  return pool;
}

export function createDb(databaseUrl: string = getEnv().DATABASE_URL): DB {
  if (isPostgresUrl(databaseUrl)) {
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPgPool(databaseUrl) }) });
  }
  return new Kysely<Database>({
    dialect: new ValuebenchSqliteDialect({ database: openSqlite(sqlitePath(databaseUrl)) }),
  });
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
