import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/**
 * Online copy with SQLite's backup API: safe while the app is writing (readers and writers keep going). The pages
 * are copied in one step, under one read transaction, so the copy is the database as of one moment: every write
 * committed before the backup began is in it. (Small steps would restart each time another process writes, and under
 * steady autosaves might never finish.) The copy is created 0600 in a directory created 0700: it holds answers.
 */
export async function backupSqlite(sourceFile: string, targetFile: string): Promise<{ pages: number }> {
  fs.mkdirSync(path.dirname(targetFile), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(targetFile, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`Refusing to overwrite ${targetFile}`);
    throw error;
  }
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const progress = await source.backup(targetFile, { progress: () => 0x7fffffff });
    return { pages: progress.totalPages };
  } catch (error) {
    fs.rmSync(targetFile, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/** Opens a backup file and runs `PRAGMA integrity_check`; returns "ok" or SQLite's complaint. */
export function checkIntegrity(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

/** The database file is open in another process: restoring over it would lose that process's later writes. */
export class DatabaseInUseError extends Error {
  constructor(file: string) {
    super(
      `${file} is open in another process (a running valuebench server, a backup, or a sqlite3 shell). ` +
        "Stop the server first, then run the restore again, then start the server.",
    );
    this.name = "DatabaseInUseError";
  }
}

/**
 * Throws DatabaseInUseError while any other process has `file` open. A connection to a WAL database holds a shared
 * lock on it for as long as it is open (the server keeps its connection from start to exit), so an exclusive lock
 * is refused exactly while someone else has it open. The operating system drops a dead process's locks: a killed
 * server never blocks a restore.
 */
export function assertNotInUse(file: string): void {
  if (!fs.existsSync(file)) return;
  const probe = new SQLite(file, { fileMustExist: true });
  try {
    probe.pragma("busy_timeout = 0");
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("begin exclusive");
    probe.exec("rollback");
  } catch (error) {
    if (/^SQLITE_BUSY/.test(String((error as { code?: unknown }).code))) throw new DatabaseInUseError(file);
    throw error;
  } finally {
    probe.close();
  }
}

/** Restores a backup over the database file; refuses (DatabaseInUseError) while the app has it open. */
export function restoreSqlite(backupFile: string, targetFile: string): void {
  const verdict = checkIntegrity(backupFile);
  if (verdict !== "ok") throw new Error(`The backup ${backupFile} is damaged: ${verdict}`);
  assertNotInUse(targetFile);
  fs.mkdirSync(path.dirname(targetFile), { recursive: true, mode: 0o700 });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(targetFile + suffix, { force: true });
  const tmp = `${targetFile}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, targetFile);
}
