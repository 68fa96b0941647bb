// Issue 19 (keyset): times one results page of a 100,000-candidate position (first, page 2,000, filtered), in this
// process (listResults) and over HTTP (the production server). Not part of `npm run bench`; a helper's own check.
//
//   npx tsx scripts/keyset-measure.ts seed     # writes /tmp/keyset-bench/seed.db (+ meta.json) once
//   npx tsx scripts/keyset-measure.ts model    # listResults() in this process, RUNS times each page
//   BUILD_DIR=build-keyset PORT=3420 npx tsx scripts/keyset-measure.ts http   # GET over loopback, RUNS times each
//   npx tsx scripts/keyset-measure.ts cold     # first request of a fresh server, db file evicted from the OS cache
//   npx tsx scripts/keyset-measure.ts profile "?page=2000"   # each query of one page, timed (PLANS=1: query plans)
// Env: KEYSET_DIR (default /tmp/keyset-bench), RUNS (7), NOFLAGS=1 (nobody on the review list, as in the bench's
// data), NOEVICT=1 (cold: fresh process only), KEEP_COPY=1 (model: reuse model.db), PRAGMAS (model: on its connection).
//
// The data is `npm run bench`'s (scripts/bench/seed.ts: the candidates scored by the app's own activation, after the
// migrations, so the indexes grow as the rows arrive), plus 400 submitted unscored responses, a decision on every
// 97th candidate and ~470 on the review list.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIR = process.env.KEYSET_DIR ?? "/tmp/keyset-bench";
const SEED = path.join(DIR, "seed.db");
const META = path.join(DIR, "meta.json");
const N = Number(process.env.KEYSET_N ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 7);

type Meta = { orgId: string; positionId: string; valueKey: string; cookie: string };

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `median ${med.toFixed(1)} ms, min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)} (n=${s.length})`;
}

function pages(meta: Meta): [string, string][] {
  return [
    ["first", ""],
    ["page 2,000", "?page=2000"],
    ["page 1,000", "?page=1000"],
    [`filtered band below on ${meta.valueKey}`, `?bandValue=${meta.valueKey}&band=below`],
    ["filtered decision none", "?decision=none"],
    [`by ${meta.valueKey}, page 2,000`, `?sort=${meta.valueKey}&page=2000`],
    ["by min asc, page 700", "?sort=min&dir=asc&page=700"],
    ...(process.env.DATA_ONLY
      ? ([
          ["first, loader data only (.data)", ".data"],
          ["page 2,000, loader data only", ".data?page=2000"],
        ] as [string, string][])
      : []),
  ];
}

async function seed() {
  fs.mkdirSync(DIR, { recursive: true });
  for (const f of [SEED, `${SEED}-wal`, `${SEED}-shm`]) fs.rmSync(f, { force: true });
  process.env.DATABASE_URL = `file:${SEED}`;
  process.env.DATA_DIR = DIR;
  process.env.SESSION_SECRET ??= "keyset-measure-secret-keyset-measure-secret";
  const { createDb, setDb, nowIso } = await import("../app/utils/db.server");
  const { migrateToLatest } = await import("../db/migrator");
  const { newId } = await import("../app/utils/tokens.server");
  const { sql } = await import("kysely");
  const { insertSubmittedResponses, seedOrganization, seedScoredPosition } = await import("./bench/seed");
  const db = createDb(`file:${SEED}`);
  await migrateToLatest(db);
  setDb(db);
  const org = await seedOrganization(DIR, "Keyset Support");
  // N candidates scored by the app's activation (scripts/bench/seed.ts), then 400 submitted and not scored
  const { positionId, candidateIds } = await seedScoredPosition(org, "Support agent (100k)", N);
  const unscored = await insertSubmittedResponses(org, positionId, "candidate", 400, "Unscored");
  // a decision on every 97th candidate
  const decided = [...candidateIds, ...unscored].filter((_, i) => i % 97 === 0);
  for (let start = 0; start < decided.length; start += 500) {
    await db
      .insertInto("decisions")
      .values(
        decided.slice(start, start + 500).map((responseId, k) => ({
          id: newId(),
          organization_id: org.orgId,
          response_id: responseId,
          decision: (["advance", "hold", "reject"] as const)[(start + k) % 3],
          note: "",
          decided_by: org.recruiter.id,
          decided_at: nowIso(),
        })),
      )
      .execute();
  }
  // ~470 on the review list (as flagged candidates): a third reviewed usable, a third set aside, a third pending.
  await sql`update scores set review = 1 where is_current = 1 and rowid % 211 = 5`.execute(db);
  await sql`update responses set review_status = case abs(rowid) % 3 when 0 then 'usable' when 1 then 'set_aside' else 'pending' end
    where id in (select response_id from scores where review = 1)`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  const review = await sql<{ n: number }>`select count(*) n from scores where review = 1`.execute(db);
  setDb(undefined);
  await db.destroy();
  const meta: Meta = { orgId: org.orgId, positionId, valueKey: org.q.values[0].id, cookie: org.staffCookie };
  fs.writeFileSync(META, JSON.stringify(meta));
  console.log(`seeded ${N} scored + 400 unscored in ${SEED}; ${review.rows[0].n} on the review list`);
}

/** A copy of the seed with the current migrations applied (a new index lands in the copy, not the seed). */
async function workingCopy(name: string): Promise<string> {
  const file = path.join(DIR, name);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(SEED, file);
  const { createDb } = await import("../app/utils/db.server");
  const { migrateToLatest } = await import("../db/migrator");
  const db = createDb(`file:${file}`);
  await migrateToLatest(db);
  // NOFLAGS=1: nobody on the review list (as in `npm run bench`'s data), so the page lists the ranking only
  if (process.env.NOFLAGS) await db.updateTable("scores").set({ review: 0 }).where("review", "=", 1).execute();
  // the recruiter's session of the seed stays live (idle timeout 30 min, absolute 12 h)
  const now = new Date();
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + 3_600_000).toISOString() })
    .execute();
  await db.destroy();
  return file;
}

/**
 * listResults() in this process, RUNS times per page: on a fresh connection each run (empty SQLite page cache, file in
 * the OS cache) and on one kept connection (as the server's). Wall time and this process's CPU time (user + system),
 * the latter less disturbed by the other processes of a shared machine.
 */
async function model() {
  const meta = JSON.parse(fs.readFileSync(META, "utf8")) as Meta;
  const file = process.env.KEEP_COPY ? path.join(DIR, "model.db") : await workingCopy("model.db");
  process.env.DATABASE_URL = `file:${file}`;
  const { createDb, setDb } = await import("../app/utils/db.server");
  const { listResults } = await import("../app/models/results.server");
  const { parseResultsQuery } = await import("../app/utils/schemas/results.server");
  const { sql } = await import("kysely");
  const kept = createDb(`file:${file}`);
  if (process.env.PRAGMAS) for (const p of process.env.PRAGMAS.split(",")) await sql.raw(`pragma ${p}`).execute(kept);
  for (const [label, search] of pages(meta)) {
    for (const mode of ["fresh", "kept"] as const) {
      const wall: number[] = [];
      const cpu: number[] = [];
      let shape = "";
      for (let run = 0; run < RUNS + (mode === "kept" ? 1 : 0); run += 1) {
        const db = mode === "fresh" ? createDb(`file:${file}`) : kept;
        setDb(db);
        const c = process.cpuUsage();
        const t = performance.now();
        const listed = await listResults(meta.orgId, meta.positionId, parseResultsQuery(new URL(`http://x/${search}`)));
        const ms = performance.now() - t;
        const used = process.cpuUsage(c);
        if (mode === "fresh" || run > 0) {
          // kept: the first run warms the connection and is left out
          wall.push(ms);
          cpu.push((used.user + used.system) / 1000);
        }
        shape = `${listed.ranking.rows.length} rows, page ${listed.ranking.page}/${listed.ranking.pages}, total ${listed.ranking.total}`;
        if (mode === "fresh") await db.destroy();
      }
      console.log(`model ${mode.padEnd(5)} ${label.padEnd(34)} wall ${stats(wall)}; cpu ${stats(cpu)}  [${shape}]`);
    }
  }
  await kept.destroy();
}

function get(port: number, pathname: string, cookie: string, agent: http.Agent) {
  return new Promise<{ status: number; ms: number; server: number | null; body: string }>((resolve, reject) => {
    const t = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: pathname, agent, headers: { Cookie: cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const timing = /app;dur=([\d.]+)/.exec(String(res.headers["server-timing"] ?? ""));
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - t,
          server: timing ? Number(timing[1]) : null,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

async function startServer(file: string, port: number) {
  const child = spawn(process.execPath, [path.join(ROOT, "server.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SECURE_COOKIES: "0",
      HOST: "127.0.0.1",
      PORT: String(port),
      BUILD_DIR: path.resolve(ROOT, process.env.BUILD_DIR ?? "build-keyset"),
      DATABASE_URL: `file:${file}`,
      DATA_DIR: DIR,
      SESSION_SECRET: process.env.SESSION_SECRET ?? "keyset-measure-secret-keyset-measure-secret",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const t = performance.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/favicon.svg" }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
    });
    if (ok) break;
    if (performance.now() - t > 30_000) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

/** User + system CPU time of a process in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function httpTimes() {
  const meta = JSON.parse(fs.readFileSync(META, "utf8")) as Meta;
  const file = await workingCopy("http.db");
  const port = Number(process.env.PORT ?? 3420);
  const child = await startServer(file, port);
  try {
    const agent = new http.Agent({ keepAlive: true });
    const base = `/app/positions/${meta.positionId}/results`;
    await get(port, base, meta.cookie, agent); // warm-up: module load, first query plans
    for (const [label, search] of pages(meta)) {
      const client: number[] = [];
      const server: number[] = [];
      let status = 0;
      const cpu0 = cpuOf(child.pid!);
      for (let run = 0; run < RUNS; run += 1) {
        const reply = await get(port, base + search, meta.cookie, agent);
        status = reply.status;
        client.push(reply.ms);
        if (reply.server !== null) server.push(reply.server);
      }
      console.log(
        `http   ${label.padEnd(36)} status ${status} client ${stats(client)}; Server-Timing ${server.length ? stats(server) : "-"}; server CPU ${((cpuOf(child.pid!) - cpu0) / RUNS).toFixed(1)} ms/request`,
      );
    }
    agent.destroy();
  } finally {
    child.kill("SIGTERM");
  }
}

/**
 * First request of a fresh server process on a database file evicted from the OS page cache before each run, as
 * `npm run bench` measures it (scripts/bench/ranking.ts). COLD_FILE: use that migrated file as it is (else a working
 * copy of the seed); BUILDS=build-a,build-b: interleaved A/B, one run of each build in turn (default BUILD_DIR); a
 * build given as `build-a:/path/a.db` runs on that file instead (A/B across a migration).
 * Prints client time, honest server time (BENCH_TIMING), the server's CPU and storage reads for the request.
 */
async function cold() {
  const meta = JSON.parse(fs.readFileSync(META, "utf8")) as Meta;
  const { coldRankingRuns } = await import("./bench/ranking");
  const { startAppServer } = await import("./bench/processes");
  const port = Number(process.env.PORT ?? 3420);
  const base = `/app/positions/${meta.positionId}/results`;
  const file = process.env.COLD_FILE ?? (await workingCopy("cold.db"));
  const builds = (process.env.BUILDS ?? process.env.BUILD_DIR ?? "build-keyset").split(",");
  const searches = (process.env.COLD_PAGES ?? `,?sort=${meta.valueKey}`).split(",");
  for (const search of searches) {
    const by = new Map(builds.map((b) => [b, [] as Awaited<ReturnType<typeof coldRankingRuns>>]));
    for (let run = 0; run < RUNS; run += 1) {
      for (const build of builds) {
        const [buildDir, dbFile = file] = build.split(":");
        const [one] = await coldRankingRuns({
          dbFile,
          pathWithQuery: base + search,
          cookie: meta.cookie,
          runs: 1,
          start: () =>
            startAppServer({
              port,
              buildDir: path.resolve(ROOT, buildDir),
              databaseUrl: `file:${dbFile}`,
              dataDir: DIR,
              logFile: path.join(DIR, "cold-server.log"),
            }),
        });
        by.get(build)!.push(one);
      }
    }
    for (const [build, runs] of by) {
      const kib = (v: number | null) => (v === null ? "-" : (v / 1024).toFixed(0));
      console.log(
        `cold ${(search || "(overall)").padEnd(16)} ${build.padEnd(14)} client ${stats(runs.map((r) => r.clientMs))}; server ${stats(runs.map((r) => r.serverMs))}; request CPU ${stats(runs.map((r) => r.requestCpuMs ?? NaN))}; request read KiB ${runs.map((r) => kib(r.requestReadBytes)).join(" ")}; start-up read KiB ${runs.map((r) => kib(r.startReadBytes)).join(" ")}; cached after eviction ${runs.map((r) => r.eviction.residentBytes).join(" ")}`,
      );
    }
  }
  console.log(`load ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
}

/** Each query of one page with its time (second run on one connection), to see where a page's time goes. */
async function profile() {
  const meta = JSON.parse(fs.readFileSync(META, "utf8")) as Meta;
  const file = path.join(DIR, process.env.PROFILE_DB ?? "model.db");
  const { createDb, setDb, openSqlite } = await import("../app/utils/db.server");
  const { migrateToLatest } = await import("../db/migrator");
  const migrating = createDb(`file:${file}`);
  await migrateToLatest(migrating);
  await migrating.destroy();
  const compiled: { sql: string; parameters: readonly unknown[] }[] = [];
  const { listResults } = await import("../app/models/results.server");
  const { parseResultsQuery } = await import("../app/utils/schemas/results.server");
  const log: string[] = [];
  const started = new Map<unknown, number>();
  const sqlOf = new Map<unknown, unknown>();
  const base = createDb(`file:${file}`);
  const db = base.withPlugin({
    transformQuery(args) {
      started.set(args.queryId, performance.now());
      sqlOf.set(args.queryId, args.node);
      return args.node;
    },
    async transformResult(args) {
      const t = started.get(args.queryId);
      const query = base.getExecutor().compileQuery(sqlOf.get(args.queryId) as never, args.queryId);
      const text = query.sql;
      compiled.push(query);
      log.push(
        `${(performance.now() - (t ?? 0)).toFixed(1).padStart(7)} ms  ${args.result.rows.length} rows  ${process.env.FULL ? text : text.slice(0, 160)}`,
      );
      return args.result;
    },
  });
  setDb(db);
  const which = process.argv[3] ?? "";
  for (let run = 0; run < Number(process.env.PROFILE_RUNS ?? 2); run += 1) {
    log.length = 0;
    compiled.length = 0;
    const t = performance.now();
    await listResults(meta.orgId, meta.positionId, parseResultsQuery(new URL(`http://x/${which}`)));
    console.log(`run ${run}: ${(performance.now() - t).toFixed(1)} ms`);
  }
  console.log(log.join("\n"));
  if (process.env.PLANS) {
    const raw = openSqlite(file);
    compiled.forEach((q, i) => {
      const plan = raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as {
        detail: string;
      }[];
      console.log(`#${i}: ${plan.map((p) => p.detail).join(" | ")}`);
    });
    raw.close();
  }
}

/** Bytes this process read from storage so far (/proc/self/io read_bytes: what missed the OS page cache). */
function storageReadBytes(): number {
  const io = fs.readFileSync("/proc/self/io", "utf8");
  return Number(/^read_bytes: (\d+)$/m.exec(io)?.[1] ?? 0);
}

/**
 * Each query of one page on a database file evicted from the OS page cache (a fresh connection in this process, the
 * modules already loaded): time and bytes read from storage per query (/proc/self/io). COLD_DB (default cold.db in
 * KEYSET_DIR; made by `cold` or by hand) must be a migrated copy no other process has open.
 */
async function coldProfile() {
  const meta = JSON.parse(fs.readFileSync(META, "utf8")) as Meta;
  const file = path.join(DIR, process.env.COLD_DB ?? "cold.db");
  const { createDb, setDb } = await import("../app/utils/db.server");
  const { listResults } = await import("../app/models/results.server");
  const { parseResultsQuery } = await import("../app/utils/schemas/results.server");
  const which = process.argv[3] ?? "";
  for (let run = 0; run < RUNS; run += 1) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (!fs.existsSync(f)) continue;
      spawnSync("sync", [f]);
      const dd = spawnSync("dd", [`if=${f}`, "iflag=nocache", "count=0", "status=none"]);
      if (dd.status !== 0) throw new Error(`dd nocache failed: ${dd.stderr}`);
    }
    const log: string[] = [];
    const started = new Map<unknown, [number, number]>();
    const sqlOf = new Map<unknown, unknown>();
    const io0 = storageReadBytes();
    const base = createDb(`file:${file}`);
    const db = base.withPlugin({
      transformQuery(args) {
        started.set(args.queryId, [performance.now(), storageReadBytes()]);
        sqlOf.set(args.queryId, args.node);
        return args.node;
      },
      async transformResult(args) {
        const [t, io] = started.get(args.queryId) ?? [0, 0];
        const text = base.getExecutor().compileQuery(sqlOf.get(args.queryId) as never, args.queryId).sql;
        const kb = (storageReadBytes() - io) / 1024;
        log.push(
          `${(performance.now() - t).toFixed(1).padStart(7)} ms ${kb.toFixed(0).padStart(7)} KiB ${String(args.result.rows.length).padStart(4)} rows  ${process.env.FULL ? text : text.slice(0, 150)}`,
        );
        return args.result;
      },
    });
    setDb(db);
    const c = process.cpuUsage();
    const t = performance.now();
    await listResults(meta.orgId, meta.positionId, parseResultsQuery(new URL(`http://x/${which}`)));
    const used = process.cpuUsage(c);
    console.log(
      `run ${run}: ${(performance.now() - t).toFixed(1)} ms, cpu ${((used.user + used.system) / 1000).toFixed(1)} ms, read ${((storageReadBytes() - io0) / 1024).toFixed(0)} KiB`,
    );
    if (run === RUNS - 1 || process.env.EVERY) console.log(log.join("\n"));
    setDb(undefined);
    await base.destroy();
  }
}

const mode = process.argv[2];
const run =
  mode === "profile"
    ? profile
    : mode === "coldprofile"
      ? coldProfile
      : mode === "seed"
        ? seed
        : mode === "model"
          ? model
          : mode === "http"
            ? httpTimes
            : mode === "cold"
              ? cold
              : null;
if (!run) {
  console.error("usage: keyset-measure.ts seed|model|http|cold|profile|coldprofile");
  process.exit(2);
}
await run();
