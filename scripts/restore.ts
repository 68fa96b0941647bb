// npm run restore -- <backup file>: stop the app first; replaces the database with a checked backup.
import path from "node:path";
import { restoreSqlite } from "../app/utils/backup.server";
import { sqlitePath } from "../app/utils/env.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run restore -- <backup file>   (stop the app first)");
  process.exit(2);
}
try {
  const target = sqlitePath();
  restoreSqlite(path.resolve(file), target);
  console.log(`Restored ${file} to ${target}. Start the app again with npm start.`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
