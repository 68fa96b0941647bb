// The demo without known passwords (issue 15, item 5): the seed generates every demo password per database and
// prints it once; `--reset-demo-passwords` prints new ones; demo organizations are marked (the staff banner).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { loader as staffLayoutLoader } from "../../app/routes/app";
import { createOrganization } from "../../app/models/organization.server";
import { createDb } from "../../app/utils/db.server";
import { hashPassword, verifyPassword } from "../../app/utils/password.server";
import { createStaffSession } from "../../app/utils/session.server";
import { migrateTo, migrateToLatest } from "../../db/migrator";
import { PUBLISHED_DEMO_PASSWORDS, rotatePublishedDemoPasswords, seedDemo } from "../../db/seed-demo";
import { getRequest, makeUser, outcome, sessionCookieFor, TEST_PASSWORD } from "../factories";
import { onPostgres, withTestDatabase } from "../db";

const testDb = withTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-demo-seed-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const DEMO_EMAILS = Object.keys(PUBLISHED_DEMO_PASSWORDS);

/** Runs `tsx db/seed.ts <args>` (what `npm run setup` / `npm run db:seed` run) on a database; returns its output. */
async function runSeed(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "db/seed.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, PORT: "3000", SEED_DEMO: "", ...env },
  });
  return stdout + stderr;
}

/** The `email password` pairs of the seed's login table (lines: organization, role, email, password). */
function printedPasswords(output: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of output.matchAll(/^ {2}.+?\s+(admin|recruiter)\s+(\S+@\S+)\s+(\S+)$/gm)) found[m[2]] = m[3];
  return found;
}

async function storedHashes(databaseUrl: string): Promise<Record<string, string>> {
  const db = createDb(databaseUrl);
  try {
    const rows = await db.selectFrom("users").select(["email", "password_hash"]).execute();
    return Object.fromEntries(rows.map((r) => [r.email, r.password_hash]));
  } finally {
    await db.destroy();
  }
}

describe.skipIf(onPostgres)("demo seed from the command line (SQLite files)", () => {
  it("prints passwords generated per database, once; the stored hashes verify them; none is a published one", async () => {
    const [first, second] = [`file:${path.join(dir, "first.db")}`, `file:${path.join(dir, "second.db")}`];
    const passwordsFile = path.join(dir, "e2e-passwords.json");
    const [out1, out2] = await Promise.all([
      runSeed(first, ["--if-empty"], { DEMO_PASSWORDS_FILE: passwordsFile }),
      runSeed(second, ["--if-empty"]),
    ]);
    const [printed1, printed2] = [printedPasswords(out1), printedPasswords(out2)];
    expect(Object.keys(printed1).sort(), out1).toEqual([...DEMO_EMAILS].sort());
    expect(Object.keys(printed2).sort(), out2).toEqual([...DEMO_EMAILS].sort());
    expect(out1).toContain("shown only this once");
    expect(out1).toContain("npm run db:seed -- --reset-demo-passwords");

    const all = [...Object.values(printed1), ...Object.values(printed2)];
    expect(new Set(all).size).toBe(8); // different across the two databases and within each
    for (const password of all) {
      expect(password).toMatch(/^[2-9a-hj-km-np-tv-z]{5}(-[2-9a-hj-km-np-tv-z]{5}){3}$/);
      expect(Object.values(PUBLISHED_DEMO_PASSWORDS)).not.toContain(password);
    }
    for (const [url, printed] of [
      [first, printed1],
      [second, printed2],
    ] as const) {
      const hashes = await storedHashes(url);
      for (const email of DEMO_EMAILS) {
        expect(await verifyPassword(printed[email], hashes[email]), `${email} in ${url}`).toBe(true);
        expect(await verifyPassword(PUBLISHED_DEMO_PASSWORDS[email], hashes[email])).toBe(false);
      }
    }
    // the tests' copy (DEMO_PASSWORDS_FILE): the same passwords, readable by the owner only
    expect(JSON.parse(fs.readFileSync(passwordsFile, "utf8"))).toEqual(printed1);
    expect(fs.statSync(passwordsFile).mode & 0o777).toBe(0o600);

    // `npm start` again on the seeded database: nothing seeded, no password printed
    const again = await runSeed(first, ["--if-empty"]);
    expect(again).toContain("Database already has data; seed skipped.");
    expect(printedPasswords(again)).toEqual({});
    for (const password of Object.values(printed1)) expect(again).not.toContain(password);
  }, 240_000);

  it("with SEED_DEMO=0 seeds nothing into an empty database and points to the first-run link", async () => {
    const url = `file:${path.join(dir, "no-demo.db")}`;
    const out = await runSeed(url, ["--if-empty"], { SEED_DEMO: "0" });
    expect(out).toContain("Demo seed off (SEED_DEMO=0).");
    expect(out).toContain("the server prints a one-time first-run link (/setup)");
    const db = createDb(url);
    try {
      expect(await db.selectFrom("organizations").select("id").execute()).toEqual([]);
      expect(await db.selectFrom("users").select("id").execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 120_000);

  it("marks the demo organizations of databases seeded before the migration, and only those", async () => {
    const db = createDb(`file:${path.join(dir, "migrate.db")}`);
    try {
      const files = fs.readdirSync(path.resolve("db/migrations")).sort();
      const mine = files.indexOf("20261205140000_demo_and_first_run.ts");
      await migrateTo(db, files[mine - 1].replace(/\.ts$/, ""));
      const at = new Date().toISOString();
      for (const [id, slug, email] of [
        ["o1", "northwind", "admin@northwind.test"],
        ["o2", "contoso", "recruiter@contoso.test"],
        ["o3", "northwind-2", "admin@northwind.example"], // a real organization
        ["o4", "acme", "admin@acme.example"],
      ]) {
        await sql`insert into organizations (id, name, slug, created_at) values (${id}, ${slug}, ${slug}, ${at})`.execute(
          db,
        );
        await sql`insert into users (id, organization_id, email, name, role, password_hash, created_at)
                  values (${`u-${id}`}, ${id}, ${email}, 'X', 'admin', 'h', ${at})`.execute(db);
      }
      await migrateToLatest(db);
      const rows = await db.selectFrom("organizations").select(["id", "is_demo"]).orderBy("id").execute();
      expect(rows).toEqual([
        { id: "o1", is_demo: 1 },
        { id: "o2", is_demo: 1 },
        { id: "o3", is_demo: 0 },
        { id: "o4", is_demo: 0 },
      ]);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});

describe("demo organizations in a database that also holds a real one", () => {
  let realUser: { id: string; email: string } = { id: "", email: "" };
  let printed: Record<string, string> = {};

  it("never adds demo staff to a real organization that has a demo slug", async () => {
    const realOrg = await createOrganization({ name: "Contoso Ltd", slug: "contoso" });
    realUser = await makeUser(realOrg, "admin");
    const result = await seedDemo({ onlyIfEmpty: false });
    expect(result.logins.map((l) => l.email)).toEqual(["admin@northwind.test", "recruiter@northwind.test"]);
    printed = Object.fromEntries(result.logins.map((l) => [l.email, l.password!]));
    const orgs = await testDb.db().selectFrom("organizations").select(["slug", "is_demo"]).orderBy("slug").execute();
    expect(orgs).toEqual([
      { slug: "contoso", is_demo: 0 },
      { slug: "northwind", is_demo: 1 },
    ]);
    const contosoDemoStaff = await testDb
      .db()
      .selectFrom("users")
      .select("id")
      .where("email", "like", "%@contoso.test")
      .execute();
    expect(contosoDemoStaff).toEqual([]);
  }, 120_000);

  it("shows the Demo banner flag to a demo organization's staff and not to the real organization's", async () => {
    const demoAdmin = await testDb
      .db()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@northwind.test")
      .executeTakeFirstOrThrow();
    for (const [userId, isDemo] of [
      [demoAdmin.id, true],
      [realUser.id, false],
    ] as const) {
      const cookie = await sessionCookieFor(userId);
      const res = await outcome(() =>
        staffLayoutLoader({ request: getRequest("/app", cookie), params: {}, context: {} }),
      );
      expect(res.status).toBe(200);
      expect(res.data).toMatchObject({ isDemo });
    }
  });

  it("`npm run db:seed -- --reset-demo-passwords` prints new passwords for the demo staff only and ends their sessions", async () => {
    const demoAdmin = await testDb
      .db()
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@northwind.test")
      .executeTakeFirstOrThrow();
    await createStaffSession(demoAdmin.id);
    await createStaffSession(realUser.id);
    const realHashBefore = (await storedHashes(testDb.url()))[realUser.email];

    const out = await runSeed(testDb.url(), ["--reset-demo-passwords"]);
    const reset = printedPasswords(out);
    expect(Object.keys(reset), out).toEqual(["admin@northwind.test", "recruiter@northwind.test"]);
    const hashes = await storedHashes(testDb.url());
    for (const email of Object.keys(reset)) {
      expect(reset[email]).not.toBe(printed[email]);
      expect(await verifyPassword(reset[email], hashes[email])).toBe(true);
      expect(await verifyPassword(printed[email], hashes[email])).toBe(false);
    }
    expect(hashes[realUser.email]).toBe(realHashBefore);
    expect(await verifyPassword(TEST_PASSWORD, hashes[realUser.email])).toBe(true);
    const sessions = await testDb.db().selectFrom("sessions").select("user_id").execute();
    expect(sessions.map((s) => s.user_id)).not.toContain(demoAdmin.id);
    expect(sessions.map((s) => s.user_id)).toContain(realUser.id);
    const audit = await testDb
      .db()
      .selectFrom("audit_log")
      .select(["actor_label", "target_id"])
      .where("action", "=", "staff.password_reset")
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.target_id)).toContain(demoAdmin.id);
    expect(audit[0].actor_label).toBe("npm run db:seed -- --reset-demo-passwords");
  }, 120_000);

  it("replaces a password that was once published (databases seeded before) at the next seed", async () => {
    const published = PUBLISHED_DEMO_PASSWORDS["recruiter@northwind.test"];
    await testDb
      .db()
      .updateTable("users")
      .set({ password_hash: await hashPassword(published) })
      .where("email", "=", "recruiter@northwind.test")
      .execute();
    const before = await testDb.db().selectFrom("users").select(["email", "password_hash"]).orderBy("email").execute();
    const rotated = await rotatePublishedDemoPasswords();
    expect(rotated.map((l) => l.email)).toEqual(["recruiter@northwind.test"]);
    const after = await testDb.db().selectFrom("users").select(["email", "password_hash"]).orderBy("email").execute();
    for (const row of after) {
      const old = before.find((b) => b.email === row.email)!;
      if (row.email === "recruiter@northwind.test") {
        expect(await verifyPassword(published, row.password_hash)).toBe(false);
        expect(await verifyPassword(rotated[0].password!, row.password_hash)).toBe(true);
      } else {
        expect(row.password_hash).toBe(old.password_hash);
      }
    }
  }, 60_000);
});
