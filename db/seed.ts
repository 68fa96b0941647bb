// `npm run db:seed` (demo organizations), `-- --if-empty` (what `npm start` runs: only into an empty database, and
// not at all with SEED_DEMO=0) and `-- --reset-demo-passwords` (new passwords for the demo staff, printed once).
import fs from "node:fs";
import { countUsers } from "../app/models/first-run.server";
import { createDb, setDb } from "../app/utils/db.server";
import { getEnv, publicOrigin } from "../app/utils/env.server";
import { migrateToLatest } from "./migrator";
import { hasDemoStaff, resetDemoPasswords, rotatePublishedDemoPasswords, seedDemo, type DemoLogin } from "./seed-demo";

const FLAGS = ["--if-empty", "--reset-demo-passwords"];
const args = process.argv.slice(2);
const unknown = args.filter((a) => !FLAGS.includes(a));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(" ")}; use ${FLAGS.join(" or ")}.`);
  process.exit(2);
}
const ifEmpty = args.includes("--if-empty");
const reset = args.includes("--reset-demo-passwords");
// Databases seeded before passwords were generated still accept the ones the README used to print: replaced.
const PUBLISHED_REPLACED = "Demo staff still had the passwords once published in the README; they were replaced.";
const RESET_HINT = "Lost them? `npm run db:seed -- --reset-demo-passwords` prints new ones (demo staff only).";

const env = getEnv();
const db = createDb();
setDb(db);
try {
  await migrateToLatest(db);
  if (reset) {
    const logins = await resetDemoPasswords();
    if (logins.length === 0) console.log("This database has no demo staff accounts; nothing changed.");
    else printLogins("New demo passwords (the old ones and their sessions no longer work):", logins);
  } else if (ifEmpty && env.SEED_DEMO === "0") {
    console.log("Demo seed off (SEED_DEMO=0).");
    if ((await countUsers()) === 0)
      console.log("No staff account yet: the server prints a one-time first-run link (/setup) when it starts.");
    const rotated = await rotatePublishedDemoPasswords();
    if (rotated.length > 0) printLogins(`${PUBLISHED_REPLACED} New demo passwords, shown only this once:`, rotated);
  } else {
    const result = await seedDemo({ onlyIfEmpty: ifEmpty });
    if (result.created) console.log("Demo data created.");
    else console.log(result.skipped ? "Database already has data; seed skipped." : "Demo data was already there.");
    const rotated = await rotatePublishedDemoPasswords();
    if (rotated.length > 0) console.log(PUBLISHED_REPLACED);
    const logins = [...result.logins.filter((l) => !rotated.some((r) => r.email === l.email)), ...rotated];
    if (logins.some((l) => l.password)) {
      printLogins("Demo logins (passwords generated for this database, shown only this once; keep them):", logins);
      console.log(RESET_HINT);
    } else if (await hasDemoStaff()) {
      console.log(`Demo passwords were printed when this database was seeded. ${RESET_HINT}`);
    }
  }
} finally {
  await db.destroy();
}

function printLogins(heading: string, logins: DemoLogin[]): void {
  console.log(heading);
  console.log(`  log in at ${publicOrigin()}/login`);
  for (const l of logins) {
    const password = l.password ?? "(unchanged)";
    console.log(`  ${l.organization.padEnd(22)} ${l.role.padEnd(10)} ${l.email.padEnd(28)} ${password}`);
  }
  if (env.DEMO_PASSWORDS_FILE) writePasswordsFile(env.DEMO_PASSWORDS_FILE, logins);
}

/** Tests only (DEMO_PASSWORDS_FILE): the generated passwords as JSON { email: password }, readable by the owner only. */
function writePasswordsFile(file: string, logins: DemoLogin[]): void {
  let known: Record<string, string> = {};
  if (fs.existsSync(file)) known = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  for (const l of logins) if (l.password) known[l.email] = l.password;
  fs.writeFileSync(file, JSON.stringify(known, null, 2) + "\n", { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
