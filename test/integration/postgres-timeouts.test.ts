// Issue 15, item 15: a PostgreSQL server that stops answering (frozen, its connections open) must not make a save
// hang as long as it does: the query fails after the client-side timeout with DatabaseUnavailableError (a 503), and
// the pool recovers once the server answers again. The server is frozen by stopping (SIGSTOP) the backend process of
// the pool's only connection. Runs in the "postgres" Vitest project (TEST_POSTGRES_URL set), skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest } from "../../db/migrator";
import { DatabaseUnavailableError } from "../../app/utils/database-unavailable.server";
import { createDb, type DB } from "../../app/utils/db.server";
import { resetEnvCache } from "../../app/utils/env.server";
import { pgTimeouts } from "../../app/utils/pg-pool.server";
import { writeTransaction } from "../../app/utils/transaction.server";
import { createPostgresTestDatabase, onPostgres } from "../db";

const SETTINGS = { PG_POOL_SIZE: "1", PG_CONNECT_TIMEOUT_MS: "1000", PG_STATEMENT_TIMEOUT_MS: "500" };

describe.skipIf(!onPostgres)("a PostgreSQL server that stops answering", () => {
  let db: DB | undefined;
  let drop: (() => Promise<void>) | undefined;
  const previous: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [name, value] of Object.entries(SETTINGS)) {
      previous[name] = process.env[name];
      process.env[name] = value;
    }
    resetEnvCache();
    const created = await createPostgresTestDatabase();
    drop = created.drop;
    db = createDb(created.url);
    await migrateToLatest(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await drop?.();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
  });

  async function backendPid(): Promise<number> {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db!);
    return rows[0].pid;
  }

  async function failure(run: () => Promise<unknown>): Promise<unknown> {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error("expected the query to fail");
  }

  it("takes its timeouts from the environment: the client waits 1 s longer than the server's statement timeout", () => {
    expect(pgTimeouts()).toEqual({ connectMs: 1000, statementMs: 500, queryMs: 1500 });
  });

  it("fails a write with DatabaseUnavailableError instead of hanging, then works again once the server answers", async () => {
    const pid = await backendPid(); // the pool's only connection (PG_POOL_SIZE=1)
    process.kill(pid, "SIGSTOP");
    let single: unknown;
    let inTransaction: unknown;
    try {
      single = await failure(() => sql`insert into health_checks (id, checked_at) values (1, 'frozen')`.execute(db!));
      // The timed-out connection was dropped; the pool opens a new one. Freeze that one too, for a transaction.
      const next = await backendPid();
      process.kill(next, "SIGSTOP");
      try {
        inTransaction = await failure(() =>
          writeTransaction(db!, async (trx) => {
            await trx.insertInto("health_checks").values({ id: 2, checked_at: "frozen" }).execute();
          }),
        );
      } finally {
        process.kill(next, "SIGCONT");
      }
    } finally {
      process.kill(pid, "SIGCONT");
    }
    expect(single).toBeInstanceOf(DatabaseUnavailableError);
    expect((single as DatabaseUnavailableError).reason).toBe("timeout");
    expect((single as Error).message).toMatch(/timeout/i);
    // the original failure, not the failure of the ROLLBACK sent after it to the same silent server
    expect(inTransaction).toBeInstanceOf(DatabaseUnavailableError);
    expect((inTransaction as Error).message).toMatch(/timeout/i);

    // The pool recovers: a new connection, and the write goes through.
    expect(await backendPid()).not.toBe(pid);
    await db!.insertInto("health_checks").values({ id: 3, checked_at: "after" }).execute();
    const ids = (await db!.selectFrom("health_checks").select("id").execute()).map((r) => r.id);
    expect(ids).toContain(3);
    // The transaction's insert was never sent (its BEGIN timed out). The single insert had reached the server before
    // it froze and may have run when it woke: a client cannot know, which is why every save carries a revision.
    expect(ids).not.toContain(2);
  });
});
