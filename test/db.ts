import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { migrateToLatest } from "../db/migrator";
import { createDb, setDb, type DB } from "../app/utils/db.server";

/** True when this run targets PostgreSQL (the "postgres" Vitest project sets VB_TEST_DIALECT). */
export const onPostgres = process.env.VB_TEST_DIALECT === "postgres";

function adminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("VB_TEST_DIALECT=postgres needs TEST_POSTGRES_URL (scripts/pg-test-cluster.sh start)");
  return url;
}

/** Creates an empty PostgreSQL database on TEST_POSTGRES_URL's server; returns its URL and a function that drops it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = adminUrl();
  const name = `vb_${crypto.randomBytes(8).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Gives the calling test file its own freshly migrated database, used by every model: a SQLite file, or with
 * VB_TEST_DIALECT=postgres a new database on TEST_POSTGRES_URL's server (dropped after the file).
 */
export function withTestDatabase(): { db: () => DB; file: () => string; url: () => string } {
  let db: DB | undefined;
  let dir: string | undefined;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-test-"));
    process.env.DATA_DIR = dir;
    if (onPostgres) {
      const created = await createPostgresTestDatabase();
      drop = created.drop;
      url = created.url;
    } else {
      url = `file:${path.join(dir, "test.db")}`;
    }
    db = createDb(url);
    await migrateToLatest(db);
    setDb(db);
  });
  afterAll(async () => {
    setDb(undefined);
    await db?.destroy();
    await drop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    db: () => {
      if (!db) throw new Error("test database not ready");
      return db;
    },
    file: () => path.join(dir ?? "", "test.db"),
    /** The DATABASE_URL of this file's database (for processes started by the test). */
    url: () => {
      if (!url) throw new Error("test database not ready");
      return url;
    },
  };
}
