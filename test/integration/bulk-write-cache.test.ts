// The SQLite page cache while many scores are written (issue 19): withBulkWriteCache raises the connection's
// cache_size for the run and puts it back afterwards, also when the run fails and only when the last of overlapping
// runs ends (a re-score of 100,000 candidates kept pushing half-written index pages out of the 64 MiB cache).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb, withBulkWriteCache } from "../../app/utils/db.server";
import { SQLITE_BULK_CACHE_KIB, SQLITE_CACHE_KIB } from "../../app/utils/sqlite-driver.server";
import { onPostgres, withTestDatabase } from "../db";

withTestDatabase();

/** PRAGMA cache_size of the connection: negative = KiB. */
async function cacheSize(): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(getDb());
  return rows[0].cache_size;
}

describe.skipIf(onPostgres)("withBulkWriteCache", () => {
  it("opens the connection with a 64 MiB cache, raises it to 256 MiB for the run and lowers it afterwards", async () => {
    expect(SQLITE_CACHE_KIB).toBe(65_536);
    expect(SQLITE_BULK_CACHE_KIB).toBe(262_144);
    expect(await cacheSize()).toBe(-65_536);
    const during = await withBulkWriteCache(getDb(), () => cacheSize());
    expect(during).toBe(-262_144);
    expect(await cacheSize()).toBe(-65_536);
  });

  it("lowers it again when the run fails, and passes the failure on", async () => {
    await expect(
      withBulkWriteCache(getDb(), async () => {
        throw new Error("scoring failed");
      }),
    ).rejects.toThrow("scoring failed");
    expect(await cacheSize()).toBe(-65_536);
  });

  it("keeps the large cache until the last of two overlapping runs ends", async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = withBulkWriteCache(getDb(), () => firstHeld);
    const second = await withBulkWriteCache(getDb(), () => cacheSize());
    expect(second).toBe(-262_144);
    expect(await cacheSize()).toBe(-262_144);
    releaseFirst();
    await first;
    expect(await cacheSize()).toBe(-65_536);
  });
});

describe.skipIf(!onPostgres)("withBulkWriteCache on PostgreSQL", () => {
  it("runs the function as it is", async () => {
    expect(await withBulkWriteCache(getDb(), async () => 42)).toBe(42);
  });
});
