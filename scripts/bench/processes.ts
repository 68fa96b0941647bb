// The bench's child processes (issue 19): the app server (node server.js, production build, BENCH_TIMING=1), the
// bare baseline, the throwaway PostgreSQL database. Every child is stopped at the end (finally + exit/signal
// handlers in scripts/bench.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const children = new Set<ChildProcess>();

export function killAll(): void {
  for (const child of [...children]) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    children.delete(child);
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

export function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  children.add(child);
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until GET `pathname` on the port answers at all (any status). */
export async function waitForHttp(port: number, pathname: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    const answered = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path: pathname, agent: false }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on("error", () => resolve(false));
    });
    if (answered) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server on port ${port} did not answer within 60 s; see ${logFile}`);
}

/** CPU time (user + system, ms) a child process has used so far, from /proc (null where there is no /proc). */
export function cpuMsOf(child: ChildProcess): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

export type AppServer = { child: ChildProcess; port: number; origin: string; startMs: number };

/** `node server.js` on the production build, 127.0.0.1 only, with BENCH_TIMING=1 (GET /__bench/server-times). */
export async function startAppServer(options: {
  port: number;
  buildDir: string;
  databaseUrl: string;
  dataDir: string;
  logFile: string;
  profileDir?: string;
}): Promise<AppServer> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    SECURE_COOKIES: "0",
    HOST: "127.0.0.1",
    PORT: String(options.port),
    BUILD_DIR: options.buildDir,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    BENCH_TIMING: "1",
  };
  // BENCH_PROFILE=1: CPU profiles of the server (written when it exits on SIGTERM).
  const profile = options.profileDir
    ? [
        "--cpu-prof",
        "--cpu-prof-dir",
        options.profileDir,
        "--import",
        "data:text/javascript,process.on('SIGTERM',()=>process.exit(0))",
      ]
    : [];
  const child = spawnLogged([...profile, path.join(ROOT, "server.js")], env, options.logFile);
  await waitForHttp(options.port, "/favicon.svg", child, options.logFile);
  return {
    child,
    port: options.port,
    origin: `http://127.0.0.1:${options.port}`,
    startMs: performance.now() - started,
  };
}

/** Builds the checkout into BUILD_DIR (`force`, the default) or when it has no server bundle, then precompresses. */
export function ensureBuild(buildDir: string, force: boolean): { builtSeconds: number | null; builtAt: string } {
  let builtSeconds: number | null = null;
  if (force || !fs.existsSync(path.join(buildDir, "server/index.js"))) {
    console.log(`bench: building into ${path.relative(ROOT, buildDir)}/ …`);
    const t = performance.now();
    const built = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
      {
        cwd: ROOT,
        env: { ...process.env, BUILD_DIR: buildDir, NODE_ENV: "production" },
        stdio: "inherit",
        timeout: 600_000,
      },
    );
    if (built.status !== 0) throw new Error("build failed");
    builtSeconds = (performance.now() - t) / 1000;
  }
  // the .br/.gz files the server sends (idempotent)
  const precompressed = spawnSync(process.execPath, [path.join(ROOT, "scripts/precompress.mjs")], {
    cwd: ROOT,
    env: { ...process.env, BUILD_DIR: buildDir },
    stdio: "inherit",
  });
  if (precompressed.status !== 0) throw new Error("precompress failed");
  const builtAt = fs.statSync(path.join(buildDir, "server/index.js")).mtime.toISOString();
  return { builtSeconds, builtAt };
}

// ---------------------------------------------------------------------------------------------------- PostgreSQL

/**
 * The admin URL of a PostgreSQL server: BENCH_POSTGRES_URL, else the throwaway test cluster
 * (scripts/pg-test-cluster.sh start; left running, other tools share it). `{ reason }` when there is none.
 */
export function postgresAdminUrl(): { url: string } | { reason: string } {
  if (process.env.BENCH_POSTGRES_URL) return { url: process.env.BENCH_POSTGRES_URL };
  const started = spawnSync("bash", [path.join(ROOT, "scripts/pg-test-cluster.sh"), "start"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  const url = /postgres(?:ql)?:\/\/\S+/.exec(started.stdout ?? "")?.[0];
  if (started.status !== 0 || !url) {
    const why = (started.stderr || started.stdout || String(started.error ?? "")).trim().split("\n").at(-1);
    return { reason: `scripts/pg-test-cluster.sh start failed: ${why}` };
  }
  return { url };
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
