// Production server processes for integration tests that need real HTTP (crash safety, two instances).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Writes the .br/.gz files beside the built assets, as `npm run build` does after `remix vite:build`. */
function precompress(dir: string): void {
  const result = spawnSync(process.execPath, ["scripts/precompress.mjs"], {
    env: { ...process.env, BUILD_DIR: dir },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`precompress failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * build/ when it is up to date with app/ (precompressed now if an older `remix vite:build` left it without), else a
 * fresh `npm run build` in a temporary build-test-* directory.
 */
export function buildDirectory(): { dir: string; temporary: boolean } {
  const existing = path.resolve("build");
  const serverEntry = path.join(existing, "server/index.js");
  if (fs.existsSync(serverEntry) && fs.statSync(serverEntry).mtimeMs >= newestMtime(path.resolve("app"))) {
    const assets = path.join(existing, "client/assets");
    if (!fs.readdirSync(assets).some((file) => file.endsWith(".br"))) precompress(existing);
    return { dir: existing, temporary: false };
  }
  // Inside the project (ignored like every build-*/) so the server bundle resolves its packages from node_modules.
  const dir = fs.mkdtempSync(path.resolve("build-test-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", BUILD_DIR: dir };
  delete env.VITEST; // vite.config.ts leaves the Remix plugin out under Vitest
  const result = spawnSync("npx", ["remix", "vite:build"], { env, encoding: "utf8" });
  if (result.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  }
  precompress(dir);
  return { dir, temporary: true };
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type ServerProcess = { child: ChildProcess; base: string; log: () => string };

/** Starts `node server.js` in production mode and resolves once it answers /login. */
export async function startServer(options: {
  port: number;
  databaseUrl: string;
  buildDir: string;
  dataDir: string;
  sessionSecret?: string;
  /** More environment for the server (e.g. BENCH_TIMING=1). */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  let output = "";
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      DATABASE_URL: options.databaseUrl,
      SESSION_SECRET: options.sessionSecret ?? "server-process-test-secret-0123456789abcdef",
      SECURE_COOKIES: "0",
      BUILD_DIR: options.buildDir,
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const server = { child, base: `http://127.0.0.1:${options.port}`, log: () => output };
  await waitForServer(server);
  return server;
}

async function waitForServer({ base, child, log }: ServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server ${base} exited:\n${log()}`);
    try {
      const res = await fetch(`${base}/login`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server ${base} did not start:\n${log()}`);
}

/** Stops a server with a signal and waits for the process to be gone. */
export function stopServer(server: ServerProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise<void>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once("exit", () => resolve());
    server.child.kill(signal);
  });
}

export function postForm(base: string, pathname: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

export function cookieOf(res: Response): string {
  const setCookie = res.headers.get("set-cookie");
  if (!setCookie) throw new Error(`no Set-Cookie (status ${res.status})`);
  return setCookie.split(";")[0];
}
