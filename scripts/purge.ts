// npm run purge [-- --dry-run] [-- --now 2027-01-01T00:00:00Z]: erases candidates older than their organization's
// retention period (organizations.retention_days; counted from submission, or from the invitation when never
// submitted), each erasure in its own transaction with an audit event. The server runs the same purge itself every
// 6 hours (app/models/scheduled-jobs.server.ts); this command stays for cron / systemd timer users.
import { createDb, setDb } from "../app/utils/db.server";
import { purgeExpired } from "../app/models/privacy.server";

const dryRun = process.argv.includes("--dry-run");
const nowIndex = process.argv.indexOf("--now");
const now = nowIndex > 0 ? new Date(process.argv[nowIndex + 1]) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error("--now needs an ISO date, e.g. 2027-01-01T00:00:00Z");
  process.exit(2);
}

const db = createDb();
setDb(db);
try {
  const items = await purgeExpired({ now, dryRun });
  const verb = dryRun ? "Would erase" : "Erased";
  if (items.length === 0) console.log(`Nothing is older than its retention period (as of ${now.toISOString()}).`);
  const byOrg = new Map<string, typeof items>();
  for (const item of items) byOrg.set(item.organizationName, [...(byOrg.get(item.organizationName) ?? []), item]);
  for (const [org, list] of byOrg) {
    console.log(`${org} (retention ${list[0].retentionDays} days): ${verb.toLowerCase()} ${list.length} candidate(s)`);
    for (const item of list) {
      console.log(`  ${verb} ${item.kind} ${item.id} (position ${item.positionId}, since ${item.since.slice(0, 10)})`);
    }
  }
  if (dryRun && items.length > 0) console.log("Dry run: nothing was changed.");
} catch (error) {
  console.error(`Purge failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
