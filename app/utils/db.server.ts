import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter } from "kysely";
import type { Database } from "../../db/types";
import { getEnv, sqlitePath } from "./env.server";

export type DB = Kysely<Database>;

/** Opens a SQLite file with the pragmas of DESIGN.md. */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("secure_delete = ON");
  return sqlite;
}

// SQLite can roll back DDL; saying so makes Kysely's migrator wrap migrations in a transaction.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ValuebenchSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function createDb(databaseUrl: string = getEnv().DATABASE_URL): DB {
  return new Kysely<Database>({
    dialect: new ValuebenchSqliteDialect({ database: openSqlite(sqlitePath(databaseUrl)) }),
  });
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
