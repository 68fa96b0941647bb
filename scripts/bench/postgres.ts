// The fit report and one autosave on PostgreSQL (issue 19), measured the same way as on SQLite, beside it: a fresh
// `vb_bench_<random>` database on BENCH_POSTGRES_URL's server (default: scripts/pg-test-cluster.sh start), seeded by
// the same seeding (scripts/bench/seed.ts), served by the same build, dropped at the end. The report reads one
// candidate by point lookups, so its position holds fewer candidates than the SQLite one (the label says how many).
import crypto from "node:crypto";
import type { Questionnaire } from "../../app/questionnaire/types";
import { loadAutosave, type SaveItems } from "./autosave";
import { pageRuns, type PageRun } from "./pages";
import { adminQuery, postgresAdminUrl, startAppServer, stopChild, type AppServer } from "./processes";
import { consentedRespondents, seedOrganization, seedScoredPosition } from "./seed";

export type PostgresRuns = {
  version: string;
  candidates: number;
  report: PageRun[];
  autosave: { serverP50: number; clientP50: number }[];
};

/** Runs the PostgreSQL figures, or returns why they were skipped. Restores the bench's own database as getDb(). */
export async function benchPostgres(options: {
  tmp: string;
  candidates: number;
  runs: number;
  seconds: number;
  port: number;
  buildDir: string;
  logFile: string;
  items: (q: Questionnaire) => SaveItems;
  log: (line: string) => void;
  /** Dropping the database if the bench is interrupted (set while it exists). */
  onCleanup: (cleanup: (() => Promise<void>) | null) => void;
}): Promise<PostgresRuns | { skipped: string }> {
  const admin = postgresAdminUrl();
  if ("reason" in admin) return { skipped: `PostgreSQL not available: ${admin.reason}` };
  const { createDb, getDb, setDb } = await import("../../app/utils/db.server");
  const { migrateToLatest } = await import("../../db/migrator");
  const { sql } = await import("kysely");
  const name = `vb_bench_${crypto.randomBytes(6).toString("hex")}`;
  try {
    await adminQuery(admin.url, `create database ${name}`);
  } catch (error) {
    return { skipped: `PostgreSQL at ${new URL(admin.url).host} refused "create database": ${String(error)}` };
  }
  const url = new URL(admin.url);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const pgDb = createDb(databaseUrl);
  const sqliteDb = getDb();
  let server: AppServer | null = null;
  const cleanup = async () => {
    if (server) await stopChild(server.child);
    server = null;
    await pgDb.destroy();
    await adminQuery(admin.url, `drop database if exists ${name} with (force)`);
  };
  options.onCleanup(cleanup);
  try {
    options.log(`postgres: database ${name} on ${url.host}, seeding ${options.candidates} scored candidates…`);
    await migrateToLatest(pgDb);
    setDb(pgDb);
    const org = await seedOrganization(options.tmp, "Bench Support (PostgreSQL)");
    const position = await seedScoredPosition(org, "Support agent (PostgreSQL)", options.candidates);
    const respondents = await consentedRespondents(org, position.positionId, 1);
    await sql`analyze`.execute(pgDb);
    const version = (await sql<{ v: string }>`select version() as v`.execute(pgDb)).rows[0].v;
    setDb(sqliteDb);

    server = await startAppServer({
      port: options.port,
      buildDir: options.buildDir,
      databaseUrl,
      dataDir: options.tmp,
      logFile: options.logFile,
    });
    const reportPath = `/app/positions/${position.positionId}/candidates/${position.candidateIds[position.candidateIds.length >> 1]}`;
    const report = await pageRuns(server, reportPath, org.staffCookie, {
      clients: 1,
      seconds: options.seconds,
      runs: options.runs,
      expect: "Candidate ",
    });
    const autosave = [];
    const target = {
      port: server.port,
      origin: server.origin,
      child: server.child,
      respondents,
      revisionOf: async (responseId: string) =>
        (await pgDb.selectFrom("responses").select("revision").where("id", "=", responseId).executeTakeFirstOrThrow())
          .revision,
    };
    for (let run = 0; run < options.runs; run += 1) {
      const one = await loadAutosave(target, options.items(org.q), 1, options.seconds);
      autosave.push({ serverP50: one.serverP50, clientP50: one.p50 });
    }
    return { version, candidates: options.candidates, report, autosave };
  } finally {
    setDb(sqliteDb);
    options.onCleanup(null);
    await cleanup();
  }
}
