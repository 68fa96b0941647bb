import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupSqlite, checkIntegrity, DatabaseInUseError, restoreSqlite } from "../../app/utils/backup.server";
import { openSqlite } from "../../app/utils/db.server";
import { onPostgres } from "../db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// SQLite files only (PostgreSQL is backed up with pg_dump, README).
describe.skipIf(onPostgres)("backup and restore", () => {
  it("npm run backup copies a database another connection keeps writing to, with every write acknowledged before it began", async () => {
    const live = path.join(dir, "live.db");
    const db = openSqlite(live);
    // Writes stay in the -wal file (no checkpoint into the main file), as the latest writes of a busy server do:
    // a copy of the main file alone would miss them.
    db.pragma("wal_autocheckpoint = 0");
    db.exec("create table saves (id integer primary key, body text not null)");
    const insert = db.prepare("insert into saves (body) values (?)");
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`answer ${i} `.repeat(20));
    })();
    // A second connection (another process's, as far as SQLite is concerned: the backup runs in its own) writes
    // continuously; each write is acknowledged once run() returns.
    const acknowledged: number[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        acknowledged.push(Number(insert.run(`late ${acknowledged.length}`).lastInsertRowid));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const acknowledgedBeforeBackup = acknowledged.length;
    const copy = path.join(dir, "copy.db");
    const backup = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/backup.ts", "--out", copy], {
        env: { ...process.env, DATABASE_URL: `file:${live}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => resolve({ code, output }));
    });
    writing = false;
    await writer;
    expect(backup.output).toContain("integrity ok");
    expect(backup.code).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(acknowledgedBeforeBackup); // the writes went on during the backup

    expect(checkIntegrity(copy)).toBe("ok");
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    const copied = new SQLite(copy, { readonly: true });
    const ids = new Set((copied.prepare("select id from saves").pluck().all() as number[]).map(Number));
    copied.close();
    // every row written before the backup began: the 5000 first ones and the acknowledged late ones
    for (let id = 1; id <= 5000; id++) expect(ids.has(id)).toBe(true);
    for (const id of acknowledged.slice(0, acknowledgedBeforeBackup)) expect(ids.has(id)).toBe(true);

    db.close();
    const restored = path.join(dir, "restored", "valuebench.db");
    restoreSqlite(copy, restored);
    expect(checkIntegrity(restored)).toBe("ok");
    const check = new SQLite(restored, { readonly: true });
    expect((check.prepare("select count(*) as n from saves").get() as { n: number }).n).toBe(ids.size);
    expect((check.prepare("select body from saves where id = 1").get() as { body: string }).body).toBe(
      "answer 0 ".repeat(20),
    );
    check.close();
  }, 60_000);

  it("refuses to restore over a database another process has open (a running server)", async () => {
    const target = path.join(dir, "in-use", "valuebench.db");
    const server = openSqlite(target);
    server.exec("create table t (x)");
    const backup = path.join(dir, "in-use-backup.db");
    await backupSqlite(target, backup);
    try {
      expect(() => restoreSqlite(backup, target)).toThrow(DatabaseInUseError);
    } finally {
      server.close();
    }
    restoreSqlite(backup, target); // closed: nothing in the way
    expect(checkIntegrity(target)).toBe("ok");
  });

  it("refuses to restore a damaged file and never overwrites an existing backup", async () => {
    const bad = path.join(dir, "bad.db");
    fs.writeFileSync(bad, "this is not a database");
    expect(() => restoreSqlite(bad, path.join(dir, "target.db"))).toThrow();
    expect(fs.existsSync(path.join(dir, "target.db"))).toBe(false);
    const src = path.join(dir, "src.db");
    openSqlite(src).close();
    await backupSqlite(src, path.join(dir, "once.db"));
    await expect(backupSqlite(src, path.join(dir, "once.db"))).rejects.toThrow(/Refusing to overwrite/);
  });
});
