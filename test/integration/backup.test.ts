import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupSqlite, checkIntegrity, restoreSqlite } from "../../app/utils/backup.server";
import { openSqlite } from "../../app/utils/db.server";
import { onPostgres } from "../db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// SQLite files only (PostgreSQL is backed up with pg_dump, README).
describe.skipIf(onPostgres)("backup and restore", () => {
  it("copies a live database that is being written to, and the copy restores with every committed row", async () => {
    const live = path.join(dir, "live.db");
    const db = openSqlite(live);
    db.exec("create table saves (id integer primary key, body text not null)");
    const insert = db.prepare("insert into saves (body) values (?)");
    for (let i = 0; i < 2000; i++) insert.run(`answer ${i} `.repeat(20));
    // keep writing while the backup runs
    let writes = 0;
    const writer = setInterval(() => {
      insert.run(`late ${writes++}`);
    }, 1);
    const copy = path.join(dir, "copy.db");
    await backupSqlite(live, copy);
    clearInterval(writer);
    expect(checkIntegrity(copy)).toBe("ok");
    const copied = new SQLite(copy, { readonly: true });
    const copiedCount = (copied.prepare("select count(*) as n from saves").get() as { n: number }).n;
    copied.close();
    expect(copiedCount).toBeGreaterThanOrEqual(2000);

    db.close();
    const restored = path.join(dir, "restored", "valuebench.db");
    restoreSqlite(copy, restored);
    const check = new SQLite(restored, { readonly: true });
    expect((check.prepare("select count(*) as n from saves").get() as { n: number }).n).toBe(copiedCount);
    expect((check.prepare("select body from saves where id = 1").get() as { body: string }).body).toBe(
      "answer 0 ".repeat(20),
    );
    check.close();
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
