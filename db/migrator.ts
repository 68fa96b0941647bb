import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from "kysely";

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Loads db/migrations/<timestamp>_<name>.ts in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(migrationsDir)
      .filter((f) => /^\d{14}_[a-z0-9_]+\.ts$/.test(f))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Migration;
      migrations[file.replace(/\.ts$/, "")] = mod;
    }
    return migrations;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createMigrator(db: Kysely<any>): Migrator {
  // Kysely runs each migration in its own transaction on dialects that support transactional DDL.
  return new Migrator({ db, provider: new FolderMigrationProvider() });
}

function check(result: MigrationResultSet): void {
  for (const r of result.results ?? []) {
    if (r.status === "Error") console.error(`migration failed: ${r.migrationName}`);
  }
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // One step at a time so each migration commits (or rolls back) in its own transaction.
  const migrator = createMigrator(db);
  const applied: string[] = [];
  for (;;) {
    const result = await migrator.migrateUp();
    check(result);
    const done = (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    if (done.length === 0) return applied;
    applied.push(...done);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateAllDown(db: Kysely<any>): Promise<void> {
  const migrator = createMigrator(db);
  for (;;) {
    const result = await migrator.migrateDown();
    check(result);
    if (!result.results || result.results.length === 0) break;
  }
}

/** Migrates up or down to the named migration (it stays applied), one transaction per step. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  check(await createMigrator(db).migrateTo(name));
}
