// Child process of the "concurrent writes" dialect test (issue 15, item 9): its own connection to DATABASE_URL runs
// `count` read-then-increment transactions on one organization's retention_days, and prints how many were acknowledged
// and how many failed. It says "ready" once connected and starts on a line on stdin, so the processes overlap.
import { createDb } from "../app/utils/db.server";
import { writeTransaction } from "../app/utils/transaction.server";

const [orgId, countArg] = process.argv.slice(2);
const count = Number(countArg);
const db = createDb(process.env.DATABASE_URL);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await db.selectFrom("organizations").select("id").where("id", "=", orgId).executeTakeFirstOrThrow();
console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
let acknowledged = 0;
const failures: string[] = [];
for (let i = 0; i < count; i++) {
  try {
    await writeTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom("organizations")
        .select("retention_days")
        .where("id", "=", orgId)
        .executeTakeFirstOrThrow();
      await pause(1); // the other process reads the same value meanwhile, unless the transaction keeps it out
      await trx
        .updateTable("organizations")
        .set({ retention_days: row.retention_days + 1 })
        .where("id", "=", orgId)
        .execute();
    });
    acknowledged += 1;
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }
}
await db.destroy();
console.log(JSON.stringify({ acknowledged, failures }));
process.stdin.destroy();
