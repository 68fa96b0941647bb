// Issue 15, items 12-14 against the production server (node server.js):
// - a write lock held by another process: the autosave answers 503 with Retry-After after the bounded wait, while
//   the server keeps answering other requests; once the lock is gone the save goes through;
// - /healthz and /readyz for load balancers;
// - `npm run restore` refuses (exit 2) while a server has the database open, and works once it is stopped (even
//   killed: a dead server's lock is gone with it);
// - a server refuses to start on a database it cannot write, naming the file.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrator";
import { backupSqlite } from "../../app/utils/backup.server";
import { createDb } from "../../app/utils/db.server";
import { RETRY_AFTER_SECONDS } from "../../app/utils/database-unavailable.server";
import { onPostgres, withTestDatabase } from "../db";
import { invite, makeRecruiterWithPosition } from "../factories-answering";
import { buildDirectory, cookieOf, postForm, startServer, stopServer, type ServerProcess } from "../server-process";

const PORT = 3303; // one server at a time on it
const testDb = withTestDatabase();

// A read-only file as root: permissions do not stop root, the immutable attribute (chattr +i, ext4) does.
const chattrProbe = path.join(os.tmpdir(), `vb-chattr-${process.pid}`);
fs.writeFileSync(chattrProbe, "");
const chattrWorks =
  spawnSync("chattr", ["+i", chattrProbe]).status === 0 && spawnSync("chattr", ["-i", chattrProbe]).status === 0;
fs.rmSync(chattrProbe, { force: true });

/** Runs `npm run restore -- <file>` (scripts/restore.ts) against DATABASE_URL; resolves with its exit code and output. */
function restore(backup: string, databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "scripts/restore.ts", backup], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function freshDatabase(file: string): Promise<void> {
  const db = createDb(`file:${file}`);
  await migrateToLatest(db);
  await db.destroy();
}

describe.skipIf(onPostgres)("the production server and its SQLite database", () => {
  let build: { dir: string; temporary: boolean } | undefined;
  let dataDir = "";
  const servers: ServerProcess[] = [];

  beforeAll(() => {
    build = buildDirectory();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-dbserver-"));
  }, 240_000);

  afterAll(async () => {
    for (const server of servers) await stopServer(server);
    if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
    spawnSync("chattr", ["-R", "-i", dataDir]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a save 503 + Retry-After while another process holds the write lock, and serves other requests meanwhile", async () => {
    const server = await startServer({
      port: PORT,
      databaseUrl: `file:${testDb.file()}`,
      buildDir: build!.dir,
      dataDir,
    });
    servers.push(server);
    const base = server.base;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("Cache-Control")).toBe("no-store");
    expect(await health.text()).toBe("ok");
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("Cache-Control")).toBe("no-store");

    const { org, recruiter, positionId } = await makeRecruiterWithPosition("Server Lock Org");
    const { token } = await invite(org.id, positionId, recruiter.id, "agent", { name: "Lee Locked" });
    const consent = await postForm(base, `/i/${token}`, { consent: "yes" });
    expect(consent.status).toBe(302);
    const cookie = cookieOf(consent);
    const save = () =>
      postForm(base, "/r/autosave", { intent: "autosave", itemId: "emp-01", value: "4", baseRevision: "0" }, cookie);

    const other = new SQLite(testDb.file());
    other.exec("begin immediate");
    let saveAnswered = false;
    try {
      const pending = save().then((res) => {
        saveAnswered = true;
        return res;
      });
      // While the save waits for the lock the server answers other requests: with a synchronous busy_timeout these
      // would wait behind it.
      const during = await fetch(`${base}/healthz`);
      expect(during.status).toBe(200);
      const page = await fetch(`${base}/login`);
      expect(page.status).toBe(200);
      expect(saveAnswered).toBe(false);
      const busy = await pending;
      expect(busy.status).toBe(503);
      expect(busy.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
      await busy.arrayBuffer();
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
    } finally {
      other.exec("rollback");
      other.close();
    }
    const saved = await save();
    expect(saved.status).toBe(200);
    await saved.arrayBuffer();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await stopServer(server); // the next tests start their own on the same port
  });

  it("npm run restore refuses while a server has the database open, and restores once it is gone", async () => {
    const file = path.join(dataDir, "restore", "valuebench.db");
    await freshDatabase(file);
    const backup = path.join(dataDir, "restore", "backup.db");
    await backupSqlite(file, backup);
    const server = await startServer({
      port: PORT,
      databaseUrl: `file:${file}`,
      buildDir: build!.dir,
      dataDir,
    });
    servers.push(server);

    const refused = await restore(backup, `file:${file}`);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("Restore refused");
    expect(refused.output).toContain(file);
    expect(refused.output).toContain("Stop the server first");

    await stopServer(server, "SIGKILL"); // a crashed server must not block a restore forever
    const restored = await restore(backup, `file:${file}`);
    expect(restored.output).toContain("Restored");
    expect(restored.code).toBe(0);
  });

  it.skipIf(!chattrWorks)("refuses to start on a database it cannot write, naming the file", async () => {
    const file = path.join(dataDir, "readonly", "valuebench.db");
    await freshDatabase(file);
    expect(spawnSync("chattr", ["+i", file]).status).toBe(0);
    try {
      const start = startServer({ port: PORT, databaseUrl: `file:${file}`, buildDir: build!.dir, dataDir });
      const error = await start.then(
        (server) => {
          servers.push(server);
          return undefined;
        },
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain(`Cannot write to the SQLite database ${file}`);
      expect(error?.message).toMatch(/readonly/i);
    } finally {
      spawnSync("chattr", ["-i", file]);
    }
  });
});
