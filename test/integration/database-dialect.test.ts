// The data layer behaves the same on SQLite and PostgreSQL (run on both when TEST_POSTGRES_URL is set).
import { spawn } from "node:child_process";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { recordAudit } from "../../app/models/audit.server";
import { dialectName, getDb, isPostgresUrl, nowIso } from "../../app/utils/db.server";
import { isRetryableTransactionError, serializable, writeTransaction } from "../../app/utils/transaction.server";
import { onPostgres, withTestDatabase } from "../db";
import { makeOrganization } from "../factories";

const testDb = withTestDatabase();

describe("database dialect", () => {
  it("picks PostgreSQL for postgres:// and postgresql:// URLs and SQLite otherwise", () => {
    expect(isPostgresUrl("postgres://u@127.0.0.1:5432/db")).toBe(true);
    expect(isPostgresUrl("postgresql://u@db/x")).toBe(true);
    expect(isPostgresUrl("file:data/valuebench.db")).toBe(false);
    expect(isPostgresUrl("data/postgres.db")).toBe(false);
    expect(dialectName(getDb())).toBe(onPostgres ? "postgres" : "sqlite");
  });

  it("returns counts and integer columns as numbers and keeps double precision measures exactly", async () => {
    const org = await makeOrganization("Dialect Org");
    const count = await getDb()
      .selectFrom("organizations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1); // a number, not pg's int8 string "1"

    // 0.1 + 0.2 needs all 53 bits: a 4-byte `real` would read back 0.30000001192092896.
    const weight = 0.1 + 0.2;
    await getDb()
      .insertInto("org_values")
      .values({
        id: `v-${org.id}`,
        organization_id: org.id,
        key: "care",
        name: "Care",
        weight,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const row = await getDb()
      .selectFrom("org_values")
      .select(["weight", "sort_order"])
      .where("id", "=", `v-${org.id}`)
      .executeTakeFirstOrThrow();
    expect(row.weight).toBe(0.30000000000000004);
    expect(row.sort_order).toBe(0);
  });

  it("numbers audit entries in insertion order (integer identity / autoincrement key)", async () => {
    const org = await makeOrganization("Audit Key Org");
    for (const action of ["first", "second"]) {
      await recordAudit({
        organizationId: org.id,
        actorUserId: null,
        actorLabel: "test",
        action,
      });
    }
    const rows = await getDb()
      .selectFrom("audit_log")
      .select(["id", "action"])
      .where("organization_id", "=", org.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["first", "second"]);
    expect(typeof rows[0].id).toBe("number");
    expect(rows[1].id).toBeGreaterThan(rows[0].id);
  });
});

describe("writeTransaction", () => {
  it("recognises serialization failures and deadlocks as retryable, nothing else", () => {
    expect(isRetryableTransactionError({ code: "40001" })).toBe(true);
    expect(isRetryableTransactionError({ code: "40P01" })).toBe(true);
    expect(isRetryableTransactionError({ code: "23505" })).toBe(false);
    expect(isRetryableTransactionError(new Response("Not found", { status: 404 }))).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
  });

  it("loses no update when two processes read then write the same row, each with its own connection", async () => {
    // Two processes, because one process's SQLite connection runs one transaction at a time: only separate
    // connections can interleave (on PostgreSQL, SERIALIZABLE retries; on SQLite, BEGIN IMMEDIATE excludes the other).
    const org = await makeOrganization("Counter Org");
    const PER_PROCESS = 100;
    const children = [0, 1].map(() => {
      const child = spawn("npx", ["tsx", "test/concurrent-writer.ts", org.id, String(PER_PROCESS)], {
        env: { ...process.env, DATABASE_URL: testDb.url() },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      const ready = new Promise<void>((resolve) =>
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.startsWith("ready\n")) resolve();
        }),
      );
      const result = new Promise<{ acknowledged: number; failures: string[] }>((resolve, reject) =>
        child.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`writer: ${err}`)),
        ),
      );
      return { child, ready, result };
    });
    // Both connected before either starts, so that their transactions overlap.
    await Promise.all(children.map((c) => c.ready));
    for (const { child } of children) child.stdin.write("go\n");
    const results = await Promise.all(children.map((c) => c.result));
    const acknowledged = results.reduce((sum, r) => sum + r.acknowledged, 0);
    const after = await getDb()
      .selectFrom("organizations")
      .select("retention_days")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    // Every acknowledged increment is there, none counted twice or lost.
    expect(after.retention_days).toBe(365 + acknowledged);
    const failures = results.flatMap((r) => r.failures);
    if (onPostgres) {
      // A transaction that lost the race WRITE_TRANSACTION_ATTEMPTS times in a row reaches its caller as a
      // serialization failure (nothing written); every other one got through.
      for (const failure of failures) expect(failure).toMatch(/could not serialize access/);
      expect(acknowledged + failures.length).toBe(2 * PER_PROCESS);
    } else {
      // SQLite: BEGIN IMMEDIATE makes the other process wait for the lock, so every transaction gets through (with a
      // deferred BEGIN both read, then one fails to upgrade: "database is locked").
      expect(failures).toEqual([]);
      expect(acknowledged).toBe(2 * PER_PROCESS);
    }
  }, 60_000);

  it("has a builder-shaped form for call sites: serializable(db).transaction().execute(fn)", async () => {
    const org = await makeOrganization("Builder Org");
    const result = await serializable(getDb())
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("organizations").set({ vision: "kept" }).where("id", "=", org.id).execute();
        return "done";
      });
    expect(result).toBe("done");
    const row = await getDb()
      .selectFrom("organizations")
      .select("vision")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(row.vision).toBe("kept");
  });

  it("rolls back and passes other errors through after a single attempt", async () => {
    const org = await makeOrganization("Rollback Org");
    let calls = 0;
    const failing = writeTransaction(getDb(), async (trx) => {
      calls += 1;
      await trx.updateTable("organizations").set({ vision: "changed" }).where("id", "=", org.id).execute();
      throw new Response("Not found", { status: 404 });
    });
    await expect(failing).rejects.toBeInstanceOf(Response);
    expect(calls).toBe(1);
    const row = await getDb()
      .selectFrom("organizations")
      .select("vision")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(row.vision).toBe("");
  });

  it.skipIf(onPostgres)("on SQLite holds the write lock from the first read (BEGIN IMMEDIATE)", async () => {
    const org = await makeOrganization("Immediate Org");
    const other = new SQLite(testDb.file());
    other.pragma("busy_timeout = 0");
    try {
      let otherCouldWrite: boolean | undefined;
      await writeTransaction(getDb(), async (trx) => {
        await trx.selectFrom("organizations").select("id").where("id", "=", org.id).executeTakeFirstOrThrow();
        // Only a read so far; with a plain BEGIN another connection could still take the write lock here.
        try {
          other.exec("begin immediate");
          other.exec("rollback");
          otherCouldWrite = true;
        } catch (error) {
          expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
          otherCouldWrite = false;
        }
      });
      expect(otherCouldWrite).toBe(false);
      other.exec("begin immediate"); // released at commit
      other.exec("rollback");
    } finally {
      other.close();
    }
  });
});
