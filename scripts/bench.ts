// `npm run bench` (issues 9 and 19): the performance figures of the production build, each the median of at least
// 5 runs with its min and max, beside the goals of issue 19. Options: scripts/bench/options.ts (`--quick` for a
// smoke run). The parts, in the order they run:
//   seed.ts       one seeding: 100,000 candidates scored by the app's own activation (storeResults)
//   autosave.ts   POST /r/autosave at 20 clients against the bare baseline, run by run
//   pages.ts      questionnaire page and fit report (1 and 4 clients), bundle bytes as sent
//   results-pages.ts  results pages of the 100k position (first, 2,000th, filtered), HTTP and model; API reads
//   tti.ts        answering page interactive on a throttled phone, with and without JavaScript
//   ranking.ts    cold ranking: a fresh server on a database file evicted from the OS page cache
//   engine.ts     the scoring engine alone (scripts/bench-engine.ts), warm and in fresh processes
//   postgres.ts   fit report and autosave on PostgreSQL beside SQLite
//   rescore.ts    re-scoring every candidate through an activation, end to end
//   collect.ts + figures.ts + report.ts   labels, goals, the table; bench/results.json
// The server's own time of a request (first byte read to last byte written) comes from server.js with
// BENCH_TIMING=1 over GET /__bench/server-times.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchAutosave, loadAutosave, type SaveTarget } from "./bench/autosave";
import type { RawRuns } from "./bench/collect";
import { runEngineBench } from "./bench/engine";
import { parseBenchOptions } from "./bench/options";
import { bundleRuns, pageRuns } from "./bench/pages";
import { benchPostgres } from "./bench/postgres";
import {
  ensureBuild,
  freePort,
  killAll,
  ROOT,
  spawnLogged,
  startAppServer,
  stopChild,
  waitForHttp,
} from "./bench/processes";
import { coldRankingRuns } from "./bench/ranking";
import { printAndWrite } from "./bench/report";
import { rescoreRuns, rescoreTarget } from "./bench/rescore";
import { apiRuns, resultsPageRuns } from "./bench/results-pages";
import { consentedRespondents, invitationLinks, seedOrganization, seedScoredPosition } from "./bench/seed";

const options = parseBenchOptions(process.argv.slice(2));
const WATCHDOG_MS = (options.quick ? 12 : 30) * 60_000;
const log = (line: string) => console.log(`bench: ${line}`);

let postgresCleanup: (() => Promise<void>) | null = null;
function exitAfterCleanup(code: number): void {
  killAll();
  const cleanup = postgresCleanup;
  postgresCleanup = null;
  if (!cleanup) process.exit(code);
  else
    void cleanup()
      .catch(console.error)
      .finally(() => process.exit(code));
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => exitAfterCleanup(130));

async function main() {
  const startedAt = Date.now();
  const loadStart = os.loadavg();
  const watchdog = setTimeout(() => {
    console.error(`bench: watchdog — still running after ${WATCHDOG_MS / 60_000} min, stopping`);
    exitAfterCleanup(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const buildDir = path.resolve(ROOT, process.env.BUILD_DIR ?? "build-bench");
  const outFile = path.resolve(
    ROOT,
    process.env.BENCH_OUT ?? (options.quick ? "bench/out/results-quick.json" : "bench/results.json"),
  );
  const outDir = path.join(ROOT, "bench/out");
  fs.mkdirSync(outDir, { recursive: true });
  const serverLog = path.join(outDir, "server.log");
  fs.writeFileSync(serverLog, "");
  const build = ensureBuild(buildDir, options.build);
  log(
    `build ${path.relative(ROOT, buildDir)}/ of ${build.builtAt}; ${options.quick ? "QUICK run, " : ""}${options.runs} runs a figure`,
  );

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vb-bench-"));
  const dbFile = path.join(tmp, "bench.db");
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.DATA_DIR = tmp;
  process.env.SESSION_SECRET = crypto.randomBytes(32).toString("base64url");
  process.env.SECURE_COOKIES = "0";
  const { createDb, setDb } = await import("../app/utils/db.server");
  const { migrateToLatest } = await import("../db/migrator");
  const { pagesOf } = await import("../app/models/respondent-input.server");
  const { sql } = await import("kysely");
  const db = createDb(process.env.DATABASE_URL);
  try {
    // ---------------------------------------------------------------- data
    let t = performance.now();
    await migrateToLatest(db);
    setDb(db);
    const org = await seedOrganization(tmp);
    const answering = await seedScoredPosition(org, "Support agent", 0);
    const respondents = await consentedRespondents(org, answering.positionId, 20);
    const ranked = await seedScoredPosition(org, `Support agent (${options.candidates})`, options.candidates);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const seedSeconds = (performance.now() - t) / 1000;
    log(
      `seeded in ${seedSeconds.toFixed(1)} s: ${options.candidates} candidates scored by the app's activation in ` +
        `${(ranked.activationMs / 1000).toFixed(1)} s; ${(fs.statSync(dbFile).size / 1024 / 1024).toFixed(0)} MB`,
    );
    const items = (q: typeof org.q) => ({ itemIds: pagesOf(q)[0], choices: org.choices });
    const revisionOf = async (id: string) =>
      (await db.selectFrom("responses").select("revision").where("id", "=", id).executeTakeFirstOrThrow()).revision;

    // ---------------------------------------------------------------- servers
    const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
    const start = () =>
      startAppServer({
        port,
        buildDir,
        databaseUrl: process.env.DATABASE_URL!,
        dataDir: tmp,
        logFile: serverLog,
        profileDir: process.env.BENCH_PROFILE === "1" ? path.join(outDir, "prof") : undefined,
      });
    const baselinePort = await freePort();
    const baselineChild = spawnLogged(
      ["--import", "tsx", path.join(ROOT, "scripts/bench-baseline.ts")],
      { ...process.env, PORT: String(baselinePort), BASELINE_DB: path.join(tmp, "baseline.db"), RESPONSES: "20" },
      serverLog,
    );
    await waitForHttp(baselinePort, "/", baselineChild, serverLog);
    const server = await start();
    const target: SaveTarget = { port, origin: server.origin, child: server.child, respondents, revisionOf };
    t = performance.now();
    const autosave = await benchAutosave({
      target,
      baseline: { port: baselinePort, child: baselineChild },
      items: items(org.q),
      runs: options.runs,
      seconds: options.autosaveSeconds,
      log,
    });
    await stopChild(baselineChild);
    const autosaveOneClient = [];
    for (let run = 0; run < options.runs; run += 1) {
      const one = await loadAutosave(target, items(org.q), 1, options.pageSeconds);
      autosaveOneClient.push({ serverP50: one.serverP50, clientP50: one.p50 });
    }
    log(`autosave done in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    // ---------------------------------------------------------------- pages
    t = performance.now();
    const pageOptions = (clients: number) => ({ clients, seconds: options.pageSeconds, runs: options.runs });
    const reportResponseId = ranked.candidateIds[ranked.candidateIds.length >> 1];
    const reportPath = `/app/positions/${ranked.positionId}/candidates/${reportResponseId}`;
    const both = async (pathname: string, cookie: string, expect: string) => ({
      one: await pageRuns(server, pathname, cookie, { ...pageOptions(1), expect }),
      four: await pageRuns(server, pathname, cookie, { ...pageOptions(4), expect }),
    });
    const questionnairePage = await both("/r/1", respondents[0].cookie, "<form");
    const reportPage = await both(reportPath, org.staffCookie, "Candidate ");
    const rankedPosition = { positionId: ranked.positionId, candidates: options.candidates };
    const results = await resultsPageRuns(server, org, rankedPosition, options.runs);
    const api = await apiRuns(server, org, ranked.positionId, reportResponseId, options.runs);
    const bundle = await bundleRuns(buildDir, server, options.runs);
    log(`pages done in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    // ---------------------------------------------------------------- phone
    let tti: RawRuns["tti"] = { skipped: "--no-tti" };
    if (options.tti) {
      t = performance.now();
      try {
        const { measureAnsweringTti } = await import("./bench/tti");
        tti = await measureAnsweringTti({
          baseUrl: server.origin,
          invitationLink: async () => (await invitationLinks(org, answering.positionId, 1))[0],
          runs: options.runs,
        });
      } catch (error) {
        tti = { skipped: `the phone run failed: ${String(error).split("\n")[0]}` };
      }
      log(`phone done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    await stopChild(server.child);

    // ---------------------------------------------------------------- cold ranking
    t = performance.now();
    const valueKey = org.q.values[0].id;
    const resultsPath = `/app/positions/${ranked.positionId}/results`;
    const cold = [];
    for (const [label, search] of [
      ["overall", ""],
      [valueKey, `?sort=${valueKey}`],
    ] as const) {
      cold.push({
        label,
        runs: await coldRankingRuns({
          dbFile,
          pathWithQuery: resultsPath + search,
          cookie: org.staffCookie,
          runs: options.runs,
          start,
        }),
      });
    }
    log(`cold ranking done in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    // ---------------------------------------------------------------- engine
    t = performance.now();
    let engine: RawRuns["engine"];
    try {
      engine = runEngineBench(options.runs);
    } catch (error) {
      engine = { skipped: String(error).slice(0, 300) };
    }
    log(`engine done in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    // ---------------------------------------------------------------- PostgreSQL
    t = performance.now();
    let postgres: RawRuns["postgres"] = { skipped: "--no-postgres" };
    if (options.postgres) {
      postgres = await benchPostgres({
        tmp,
        candidates: options.postgresCandidates,
        runs: options.runs,
        seconds: options.pageSeconds,
        port,
        buildDir,
        logFile: serverLog,
        items,
        log,
        onCleanup: (cleanup) => (postgresCleanup = cleanup),
      });
      log(
        `postgres ${"skipped" in postgres ? `skipped: ${postgres.skipped}` : "done"} in ${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
    }

    // ---------------------------------------------------------------- re-scoring (last: it adds history rows)
    t = performance.now();
    const rescorePosition = await rescoreTarget(
      org,
      { positionId: ranked.positionId, candidates: options.candidates },
      options.rescoreN,
    );
    const rescore = {
      candidates: options.rescoreN,
      runs: await rescoreRuns(org, rescorePosition, options.rescoreN, options.runs, log),
    };
    log(`re-scoring done in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    // ---------------------------------------------------------------- table
    const raw: RawRuns = {
      options,
      autosave,
      autosaveOneClient,
      questionnairePage,
      reportPage,
      results,
      api,
      bundle,
      tti,
      cold,
      engine,
      postgres,
      rescore,
    };
    printAndWrite(raw, {
      startedAt,
      loadStart,
      outFile,
      settings: {
        buildDir: path.relative(ROOT, buildDir),
        builtAt: build.builtAt,
        seedSeconds: Math.round(seedSeconds),
      },
    });
    process.exitCode = 0; // a goal not met is a finding, printed above; a figure that could not be measured throws
  } finally {
    killAll();
    const cleanup = postgresCleanup;
    postgresCleanup = null;
    if (cleanup)
      await cleanup().catch((error: unknown) =>
        console.error("bench: dropping the PostgreSQL database failed:", error),
      );
    setDb(undefined);
    await db.destroy();
    if (process.env.BENCH_KEEP !== "1") fs.rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }
}

main().catch((error: unknown) => {
  console.error("bench failed:", error);
  killAll();
  process.exit(1);
});
