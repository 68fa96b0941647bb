// Issue 15, item 12: a SQLite write lock held by another process (a backup, a sqlite3 shell, a second app process)
// must not freeze the server: the wait is asynchronous, bounded, and ends in a 503 with Retry-After; the answering
// page's autosave says so in its answer, and the save goes through once the lock is released.
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { handleDataRequest } from "../../app/entry.server";
import { action as pageAction } from "../../app/routes/r.$page";
import { action as inviteAction } from "../../app/routes/i.$token";
import { getDb } from "../../app/utils/db.server";
import {
  DatabaseUnavailableError,
  LOCK_WAIT_BUDGET_MS,
  RETRY_AFTER_SECONDS,
} from "../../app/utils/database-unavailable.server";
import { writeTransaction } from "../../app/utils/transaction.server";
import { onPostgres, withTestDatabase } from "../db";
import { outcome, postForm } from "../factories";
import { cookiePair, invite, makeRecruiterWithPosition } from "../factories-answering";

const testDb = withTestDatabase();

/** Holds the write lock from a second connection (as another process would) while `during` runs. */
async function whileLockedElsewhere<T>(during: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  const other = new SQLite(testDb.file());
  other.exec("begin immediate");
  // Counts turns of the event loop during the wait: a synchronous busy_timeout wait lets it turn at most once.
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 10);
  try {
    const result = await during();
    return { result, ticks };
  } finally {
    clearInterval(ticker);
    other.exec("rollback");
    other.close();
  }
}

describe.skipIf(onPostgres)("a write lock held by another connection", () => {
  it("a single write waits without blocking the event loop, then fails with DatabaseUnavailableError", async () => {
    const orgId = (await makeRecruiterWithPosition("Lock Org")).org.id;
    let readDuringWait: string | undefined;
    const { result: error, ticks } = await whileLockedElsewhere(async () => {
      const write = getDb()
        .updateTable("organizations")
        .set({ vision: "while locked" })
        .where("id", "=", orgId)
        .execute()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      // Another request's read runs while the write waits (the connection is released between attempts).
      const read = await getDb()
        .selectFrom("organizations")
        .select("vision")
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      readDuringWait = read.vision;
      return write;
    });
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as DatabaseUnavailableError).reason).toBe("locked");
    expect((error as DatabaseUnavailableError).message).toContain(`${LOCK_WAIT_BUDGET_MS} ms`);
    expect(readDuringWait).toBe("");
    // a 5 s wait in steps of at most 250 ms: far more than three turns of the loop, none with the old 5 s busy_timeout
    expect(ticks).toBeGreaterThan(3);

    await getDb().updateTable("organizations").set({ vision: "after" }).where("id", "=", orgId).execute();
    const row = await getDb().selectFrom("organizations").select("vision").where("id", "=", orgId).executeTakeFirst();
    expect(row?.vision).toBe("after");
  });

  it("a transaction waits for BEGIN IMMEDIATE the same way and runs nothing half-way", async () => {
    const orgId = (await makeRecruiterWithPosition("Lock Trx Org")).org.id;
    let ran = false;
    const { result: error, ticks } = await whileLockedElsewhere(() =>
      writeTransaction(getDb(), async (trx) => {
        ran = true;
        await trx.updateTable("organizations").set({ vision: "in trx" }).where("id", "=", orgId).execute();
      }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(ran).toBe(false);
    expect(ticks).toBeGreaterThan(3);
    await writeTransaction(getDb(), async (trx) => {
      await trx.updateTable("organizations").set({ vision: "in trx" }).where("id", "=", orgId).execute();
    });
    const row = await getDb().selectFrom("organizations").select("vision").where("id", "=", orgId).executeTakeFirst();
    expect(row?.vision).toBe("in trx");
  });

  it("an autosave answers 503 with Retry-After and a retry message, and succeeds once the lock is gone", async () => {
    const { org, recruiter, positionId } = await makeRecruiterWithPosition("Lock Answer Org");
    const { token } = await invite(org.id, positionId, recruiter.id, "agent", { name: "Robin Respondent" });
    const consent = await outcome(() =>
      inviteAction({
        request: postForm(`/i/${token}`, { consent: "yes" }),
        params: { token },
        context: { clientIp: "10.9.9.1" },
      }),
    );
    const cookie = cookiePair(consent.headers.get("Set-Cookie"));
    const save = () => {
      const context = {};
      return outcome(() =>
        pageAction({
          request: postForm("/r/1", { intent: "autosave", itemId: "emp-01", value: "4", baseRevision: "0" }, cookie),
          params: { page: "1" },
          context,
        }),
      );
    };
    const { result: busy } = await whileLockedElsewhere(save);
    expect(busy.status).toBe(503);
    expect(busy.data).toMatchObject({ ok: false, retryAfterSeconds: RETRY_AFTER_SECONDS });
    expect((busy.data as { message: string }).message).toMatch(/retrying/);
    // entry.server.tsx adds Retry-After to the data response of every 503
    const wire = await handleDataRequest(new Response("{}", { status: 503 }), {
      request: new Request("http://localhost/r/1.data", { method: "POST" }),
      params: {},
      context: {},
    });
    expect(wire.status).toBe(503);
    expect(wire.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
    expect(wire.headers.get("Cache-Control")).toBe("no-store");

    const saved = await save();
    expect(saved.status).toBe(200);
    expect(saved.data).toEqual({ ok: true, revision: 1 });
  });
});
