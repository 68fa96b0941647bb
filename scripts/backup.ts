// npm run backup [-- --out <file>]: online copy of the SQLite database while the app runs.
import path from "node:path";
import { backupSqlite, checkIntegrity } from "../app/utils/backup.server";
import { sqlitePath } from "../app/utils/env.server";

const outIndex = process.argv.indexOf("--out");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : `data/backups/valuebench-${stamp}.db`);
try {
  const source = sqlitePath();
  const { pages } = await backupSqlite(source, target);
  const verdict = checkIntegrity(target);
  if (verdict !== "ok") throw new Error(`integrity check of the copy failed: ${verdict}`);
  console.log(`Backed up ${source} to ${target} (${pages} pages, integrity ok).`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
