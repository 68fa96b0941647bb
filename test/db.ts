import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { migrateToLatest } from "../db/migrator";
import { createDb, setDb, type DB } from "../app/utils/db.server";

/** Gives the calling test file its own freshly migrated SQLite database file, used by every model. */
export function withTestDatabase(): { db: () => DB; file: () => string } {
  let db: DB | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-test-"));
    process.env.DATA_DIR = dir;
    db = createDb(`file:${path.join(dir, "test.db")}`);
    await migrateToLatest(db);
    setDb(db);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    db: () => {
      if (!db) throw new Error("test database not ready");
      return db;
    },
    file: () => path.join(dir ?? "", "test.db"),
  };
}
