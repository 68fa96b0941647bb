// npm run restore -- <backup file>: replaces the database with a checked backup. Stop the server first: while any
// process has the database open (a running server, a backup, a sqlite3 shell) the restore is refused with exit code 2,
// because that process would go on writing to the replaced file and every later save would be lost.
import path from "node:path";
import { DatabaseInUseError, restoreSqlite } from "../app/utils/backup.server";
import { sqlitePath } from "../app/utils/env.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run restore -- <backup file>   (stop the server first)");
  process.exit(2);
}
try {
  const target = sqlitePath();
  restoreSqlite(path.resolve(file), target);
  console.log(`Restored ${file} to ${target}. Start the server again (npm start, or npm run serve).`);
} catch (error) {
  if (error instanceof DatabaseInUseError) {
    console.error(`Restore refused: ${error.message}`);
    process.exit(2);
  }
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
