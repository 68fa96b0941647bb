// Issue 15, items 14 and 7: a database that cannot be written (read-only file, full disk) fails requests with
// DatabaseUnavailableError naming the cause, recovers without a restart once the cause is gone, and /readyz says so;
// database files are private (0600 in a 0700 directory).
// Read-only as root: permissions do not stop root, the immutable attribute (chattr +i, ext4) does. Full disk: a tiny
// tmpfs. Both need root; the tests skip when the machine does not allow them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { migrateToLatest } from "../../db/migrator";
import { databaseReadiness } from "../../app/utils/database-health.server";
import { DatabaseUnavailableError } from "../../app/utils/database-unavailable.server";
import { createDb, openSqlite, type DB } from "../../app/utils/db.server";
import { getSessionSecret, resetEnvCache } from "../../app/utils/env.server";
import { writeTransaction } from "../../app/utils/transaction.server";
import { onPostgres } from "../db";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "vb-faults-"));
const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts) spawnSync("umount", [dir]);
  spawnSync("chattr", ["-R", "-i", root]);
  fs.rmSync(root, { recursive: true, force: true });
});

function canRun(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args).status === 0;
  } catch {
    return false;
  }
}

const probe = path.join(root, "probe");
fs.writeFileSync(probe, "");
const chattrWorks = canRun("chattr", ["+i", probe]) && canRun("chattr", ["-i", probe]);
const tmpfsDir = path.join(root, "tmpfs");
fs.mkdirSync(tmpfsDir);
const tmpfsWorks = canRun("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", tmpfsDir]);
if (tmpfsWorks) mounts.push(tmpfsDir);

const errors: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  errors.length = 0;
});
function captureErrorLog() {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(" "));
  });
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the write to fail");
}

describe.skipIf(onPostgres)("a database that cannot be written", () => {
  it.skipIf(!chattrWorks)(
    "read-only at open: writes fail with the cause, /readyz says not ready; writable again: recovers without a restart",
    async () => {
      const file = path.join(root, "ro", "ro.db");
      const setup = createDb(`file:${file}`);
      await migrateToLatest(setup);
      await setup.destroy();
      fs.rmSync(`${file}-wal`, { force: true });
      fs.rmSync(`${file}-shm`, { force: true });
      expect(spawnSync("chattr", ["+i", file]).status).toBe(0);
      captureErrorLog();
      const db = createDb(`file:${file}`);
      try {
        const error = await failure(() =>
          db.insertInto("health_checks").values({ id: 7, checked_at: "now" }).execute(),
        );
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect((error as Error).message).toMatch(/SQLITE_READONLY/);
        expect(errors.join("\n")).toMatch(/SQLITE_READONLY/);
        const readiness = await databaseReadiness(db);
        expect(readiness.ready).toBe(false);

        expect(spawnSync("chattr", ["-i", file]).status).toBe(0);
        // The same Kysely instance (the server's connection), no restart: the connection was reopened.
        await db.insertInto("health_checks").values({ id: 7, checked_at: "later" }).execute();
        expect(await databaseReadiness(db)).toEqual({ ready: true });
        const row = await db.selectFrom("health_checks").select("checked_at").where("id", "=", 7).executeTakeFirst();
        expect(row?.checked_at).toBe("later");
      } finally {
        spawnSync("chattr", ["-i", file]);
        await db.destroy();
      }
    },
  );

  it.skipIf(!tmpfsWorks)(
    "full disk: the error names SQLITE_FULL (not a failed rollback), and writes go through once space is freed",
    async () => {
      const ballast = path.join(tmpfsDir, "ballast");
      const file = path.join(tmpfsDir, "full.db");
      let db: DB | undefined;
      try {
        db = createDb(`file:${file}`);
        await sql`create table filler (id integer primary key, body blob not null)`.execute(db);
        // 300 KB that can be freed later; the database fills the rest of the 1 MB
        fs.writeFileSync(ballast, Buffer.alloc(300 * 1024, 1));
        captureErrorLog();
        const chunk = Buffer.alloc(32 * 1024, 7);
        let error: unknown;
        for (let i = 0; i < 100 && !error; i++) {
          error = await failure(() =>
            writeTransaction(db!, async (trx) => {
              await sql`insert into filler (body) values (${chunk})`.execute(trx);
            }),
          ).catch(() => undefined);
        }
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        const cause = (error as DatabaseUnavailableError).cause as { code?: string };
        expect(cause.code).toMatch(/^SQLITE_(FULL|IOERR)/);
        expect((error as Error).message).not.toMatch(/cannot rollback/);
        expect(errors.join("\n")).toMatch(/SQLITE_(FULL|IOERR)/);

        fs.rmSync(ballast);
        await writeTransaction(db, async (trx) => {
          await sql`insert into filler (body) values (${Buffer.from("after")})`.execute(trx);
        });
        const rows = await sql<{
          n: number;
        }>`select count(*) as n from filler where body = ${Buffer.from("after")}`.execute(db);
        expect(rows.rows[0].n).toBe(1);
      } finally {
        await db?.destroy();
      }
    },
  );
});

describe.skipIf(onPostgres)("database file modes", () => {
  it("creates the data directory 0700 and the database with its -wal and -shm files 0600", () => {
    const dataDir = path.join(root, "modes", "data");
    const file = path.join(dataDir, "valuebench.db");
    const previous = process.umask(0o022); // the usual umask, which would give 0755 / 0644
    try {
      const sqlite = openSqlite(file);
      sqlite.exec("create table t (x); insert into t values (1)");
      const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
      expect(mode(dataDir)).toBe("700");
      expect(mode(file)).toBe("600");
      expect(mode(`${file}-wal`)).toBe("600");
      expect(mode(`${file}-shm`)).toBe("600");
      sqlite.close();
    } finally {
      process.umask(previous);
    }
  });

  it("creates the data directory 0700 also when the generated session secret comes first", () => {
    const dataDir = path.join(root, "modes-secret", "data");
    const saved = { DATA_DIR: process.env.DATA_DIR, SESSION_SECRET: process.env.SESSION_SECRET };
    const previous = process.umask(0o022);
    process.env.DATA_DIR = dataDir;
    delete process.env.SESSION_SECRET;
    resetEnvCache();
    try {
      getSessionSecret();
      expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe("700");
      expect((fs.statSync(path.join(dataDir, "secret")).mode & 0o777).toString(8)).toBe("600");
    } finally {
      process.umask(previous);
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetEnvCache();
    }
  });
});
