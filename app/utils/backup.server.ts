import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/** Online copy with SQLite's backup API: safe while the app is writing (readers and writers keep going). */
export async function backupSqlite(sourceFile: string, targetFile: string): Promise<{ pages: number }> {
  fs.mkdirSync(path.dirname(targetFile), { recursive: true });
  if (fs.existsSync(targetFile)) throw new Error(`Refusing to overwrite ${targetFile}`);
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const progress = await source.backup(targetFile);
    return { pages: progress.totalPages };
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

/** Restores a backup over the database file; the app must be stopped (the WAL files are removed). */
export function restoreSqlite(backupFile: string, targetFile: string): void {
  const verdict = checkIntegrity(backupFile);
  if (verdict !== "ok") throw new Error(`The backup ${backupFile} is damaged: ${verdict}`);
  fs.mkdirSync(path.dirname(targetFile), { recursive: true });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(targetFile + suffix, { force: true });
  const tmp = `${targetFile}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  fs.renameSync(tmp, targetFile);
}
