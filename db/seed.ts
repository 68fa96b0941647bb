import { createDb, setDb } from "../app/utils/db.server";
import { migrateToLatest } from "./migrator";
import { seedDemo } from "./seed-demo";

const ifEmpty = process.argv.includes("--if-empty");
const db = createDb();
setDb(db);
try {
  await migrateToLatest(db);
  const logins = await seedDemo({ onlyIfEmpty: ifEmpty });
  if (logins.created) {
    console.log("Demo data created.");
  } else {
    console.log(ifEmpty ? "Database already has data; seed skipped." : "Demo data was already there; nothing changed.");
  }
  console.log(`Demo logins (http://localhost:${process.env.PORT ?? 3000}/login):`);
  for (const l of logins.accounts)
    console.log(`  ${l.organization.padEnd(22)} ${l.role.padEnd(10)} ${l.email.padEnd(28)} ${l.password}`);
} finally {
  await db.destroy();
}
