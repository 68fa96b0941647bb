// Measures the fit report page alone (issue 19): seeds a position with `npm run bench`'s seeding (scripts/bench/seed.ts:
// 8 values x 5 items, 40 agents, REPORT_CANDIDATES candidates scored by the app's activation), then
//   1. in this process: the report's model functions in a loop, with the number of queries they issue;
//   2. `node server.js` (BUILD_DIR, BENCH_TIMING=1) loaded by 4 clients: server time p50 (first byte read to last
//      byte written), client p50 and server CPU per request, REPORT_RUNS runs of REPORT_SECONDS each.
//   npx tsx scripts/report-measure.ts                     # SQLite in a temp dir
//   npx tsx scripts/report-measure.ts --postgres          # a fresh database on scripts/pg-test-cluster.sh's server
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..");
const POSTGRES = process.argv.includes("--postgres");
const CANDIDATES = Number(process.env.REPORT_CANDIDATES ?? 2000);
const RUNS = Number(process.env.REPORT_RUNS ?? 5);
const SECONDS = Number(process.env.REPORT_SECONDS ?? 3);
const CLIENTS = Number(process.env.REPORT_CLIENTS ?? 4);
const PORT = Number(process.env.REPORT_PORT ?? 3440);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

function get(
  agent: http.Agent,
  pathname: string,
  cookie: string,
): Promise<{ status: number; ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: "127.0.0.1", port: PORT, path: pathname, agent, headers: { Cookie: cookie, Accept: "text/html" } },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function serverTimes(agent: http.Agent): Promise<[string, string, number, number][]> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: PORT, path: "/__bench/server-times", agent }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve((JSON.parse(body) as { entries: [string, string, number, number][] }).entries));
      })
      .on("error", reject);
  });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vb-report-"));
  process.env.DATA_DIR = tmp;
  let databaseUrl = `file:${path.join(tmp, "report.db")}`;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (POSTGRES) {
    const admin = spawnSync("bash", [path.join(ROOT, "scripts/pg-test-cluster.sh"), "start"], { encoding: "utf8" })
      .stdout.trim()
      .split("\n")
      .pop()!;
    const name = `vb_report_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  process.env.DATABASE_URL = databaseUrl;
  const { createDb, setDb } = await import("../app/utils/db.server");
  const { migrateToLatest } = await import("../db/migrator");
  let queries = 0;
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  // Queries counted at the executor, which built queries and reused compiled ones both pass.
  const counted = db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result });
  const executor = counted.getExecutor();
  const send = executor.executeQuery.bind(executor);
  executor.executeQuery = ((...args: Parameters<typeof send>) => {
    queries += 1;
    return send(...args);
  }) as typeof executor.executeQuery;
  setDb(counted);

  // The bench's own seeding (scripts/bench/seed.ts): the candidates scored by the app's activation.
  const { seedOrganization, seedScoredPosition } = await import("./bench/seed");
  const bench = await seedOrganization(tmp, "Report Bench");
  const seeded = await seedScoredPosition(bench, "Support agent", CANDIDATES);
  const org = { id: bench.orgId };
  const cookie = bench.staffCookie;
  const { positionId } = seeded;
  const reportResponseId = seeded.candidateIds[Math.floor(CANDIDATES / 2)];
  console.log(`seeded ${CANDIDATES} candidates (${POSTGRES ? "postgres" : "sqlite"})`);

  // 1. In process: the loader's model calls.
  const { getFitReportPage } = await import("../app/models/fit-report.server");
  const once = () => getFitReportPage(org.id, positionId, reportResponseId, "en");
  await once();
  queries = 0;
  await once();
  const skipInProcess = Boolean(process.env.REPORT_SKIP_MODEL);
  console.log(`model: ${queries} queries per report (getFitReportPage)`);
  const loops = skipInProcess ? 1 : 300;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < loops; i += 1) await once();
  const modelCpu = process.cpuUsage(c0);
  console.log(
    `model: ${((performance.now() - t0) / loops).toFixed(3)} ms per report (CPU ${((modelCpu.user + modelCpu.system) / 1000 / loops).toFixed(3)} ms), sequential, warm`,
  );

  if (process.env.REPORT_MODEL_ONLY) {
    const loops2 = 3000;
    for (let i = 0; i < loops2; i += 1) await once();
    await counted.destroy();
    return;
  }
  // 1b. Rendering the report's parts alone (react-dom/server renderToString), per render.
  const { createElement } = await import("react");
  const { renderToString } = await import("react-dom/server");
  const { ReportValue } = await import("../app/components/report-value");
  const { ReportScenarios } = await import("../app/components/report-scenarios");
  const { StaffI18n } = await import("../app/i18n/staff");
  const { MIN_BENCHMARK_N } = await import("../app/scoring");
  await import("../app/i18n/staff-catalogs.server");
  const report = await getFitReportPage(org.id, positionId, reportResponseId, "en");
  // The parts read their words from the staff catalogs: rendered inside the English provider, as the page does.
  const inEnglish = (children: ReturnType<typeof createElement>) =>
    renderToString(createElement(StaffI18n, { locale: "en", children }));
  const parts = {
    values: () => report.values.map((value) => inEnglish(createElement(ReportValue, { value }))).join(""),
    scenarios: () =>
      inEnglish(createElement(ReportScenarios, { scenarios: report.scenarios, minAgents: MIN_BENCHMARK_N })),
    json: () => JSON.stringify(report),
  };
  for (const [name, render] of skipInProcess ? [] : Object.entries(parts)) {
    for (let i = 0; i < 50; i += 1) render();
    const c1 = process.cpuUsage();
    let size = 0;
    for (let i = 0; i < 300; i += 1) size = render().length;
    const cpu = process.cpuUsage(c1);
    console.log(`render ${name}: CPU ${((cpu.user + cpu.system) / 1000 / 300).toFixed(3)} ms, ${size} characters`);
  }

  // 1c. REPORT_BUILDS=build-a,build-b: each build's Remix request handler in this process (no HTTP), requests one
  // after another, the builds alternating; CPU time per request (less noisy than wall time on a shared machine).
  if (process.env.REPORT_BUILDS) {
    const { createRequestHandler } = await import("@remix-run/node");
    const { pathToFileURL } = await import("node:url");
    const handlers = await Promise.all(
      process.env.REPORT_BUILDS.split(",").map(async (dir) => {
        const build = (await import(pathToFileURL(path.join(ROOT, dir, "server/index.js")).href)) as Parameters<
          typeof createRequestHandler
        >[0];
        return { dir, handle: createRequestHandler(build, "production"), cpu: [] as number[], wall: [] as number[] };
      }),
    );
    const url = `http://127.0.0.1:${PORT}${(
      process.env.REPORT_PATH ?? "/app/positions/{position}/candidates/{response}"
    )
      .replace("{position}", positionId)
      .replace("{response}", reportResponseId)}`;
    const request = () => new Request(url, { headers: { Cookie: cookie, Accept: "text/html" } });
    for (const h of handlers) {
      for (let i = 0; i < 100; i += 1) await (await h.handle(request(), { clientIp: "127.0.0.1" })).text();
    }
    for (let round = 0; round < 10; round += 1) {
      for (const h of handlers) {
        const c = process.cpuUsage();
        for (let i = 0; i < 100; i += 1) {
          const started = performance.now();
          const reply = await h.handle(request(), { clientIp: "127.0.0.1" });
          if (reply.status !== 200) throw new Error(`${h.dir}: ${reply.status}`);
          await reply.text();
          h.wall.push(performance.now() - started);
        }
        const used = process.cpuUsage(c);
        h.cpu.push((used.user + used.system) / 1000 / 100);
      }
    }
    for (const h of handlers) {
      console.log(
        `handler ${h.dir}: CPU per request median ${median(h.cpu).toFixed(3)} ms (min ${Math.min(...h.cpu).toFixed(3)}, ` +
          `max ${Math.max(...h.cpu).toFixed(3)}); wall p50 ${median(h.wall).toFixed(3)} ms, one request at a time`,
      );
    }
  }

  // 2. The production server.
  // REPORT_PROFILE=<dir>: a CPU profile of the server, written when it exits.
  const profile = process.env.REPORT_PROFILE
    ? [
        "--cpu-prof",
        "--cpu-prof-dir",
        process.env.REPORT_PROFILE,
        "--import",
        "data:text/javascript,process.on('SIGTERM',()=>process.exit(0))",
      ]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, "server.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      BENCH_TIMING: "1",
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      SECURE_COOKIES: "0",
      HOST: "127.0.0.1",
      PORT: String(PORT),
      BUILD_DIR: process.env.BUILD_DIR ?? "build-report",
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    const agent = new http.Agent({ keepAlive: true });
    // REPORT_PATH=/login (or any path; {position} and {response} are filled in): the same load on another page.
    const reportPath = (process.env.REPORT_PATH ?? "/app/positions/{position}/candidates/{response}")
      .replace("{position}", positionId)
      .replace("{response}", reportResponseId);
    for (let i = 0; ; i += 1) {
      try {
        const probe = await get(agent, reportPath, cookie);
        if (probe.status !== 200) throw new Error(`GET ${reportPath} answered ${probe.status}`);
        console.log(`page: ${probe.body.length} characters`);
        if (process.env.REPORT_DUMP) fs.writeFileSync(process.env.REPORT_DUMP, probe.body);
        break;
      } catch (error) {
        if (i > 200) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (let i = 0; i < 50; i += 1) await get(agent, reportPath, cookie); // warm up
    const runs: { serverP50: number; clientP50: number; perSecond: number; cpuPerRequest: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await serverTimes(agent);
      const cpu0 = cpuMs(child.pid!);
      const latencies: number[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (performance.now() < deadline) {
            const reply = await get(agent, reportPath, cookie);
            if (reply.status !== 200) throw new Error(`status ${reply.status}`);
            latencies.push(reply.ms);
          }
        }),
      );
      const cpu = cpuMs(child.pid!) - cpu0;
      const server = (await serverTimes(agent)).filter((e) => e[1] === reportPath).map((e) => e[3]);
      runs.push({
        serverP50: median(server),
        clientP50: median(latencies),
        perSecond: latencies.length / SECONDS,
        cpuPerRequest: cpu / latencies.length,
      });
    }
    const pick = (k: keyof (typeof runs)[number]) => runs.map((r) => r[k]);
    for (const k of ["serverP50", "clientP50", "perSecond", "cpuPerRequest"] as const) {
      const xs = pick(k);
      console.log(
        `server ${k}: median ${median(xs).toFixed(2)} (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`,
      );
    }
    agent.destroy();
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await counted.destroy();
    await dropDatabase?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
