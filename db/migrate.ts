import { createDb } from "../app/utils/db.server";
import { migrateToLatest } from "./migrator";

const db = createDb();
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await db.destroy();
}
