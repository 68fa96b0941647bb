// Serves the production build on a fresh database for the end-to-end tests.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(`test-results/e2e-data-${process.env.PORT ?? "3210"}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = {
  ...process.env,
  NODE_ENV: "production",
  PUBLIC_URL: `http://localhost:${process.env.PORT ?? "3210"}`,
  DATA_DIR: dir,
  DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
};
// The seed generates the demo passwords; the tests read them from this file (test/e2e/helpers.ts), mode 0600.
const seedEnv = { ...env, DEMO_PASSWORDS_FILE: path.join(dir, "demo-passwords.json") };
const seed = spawnSync("npx", ["tsx", "db/seed.ts"], { env: seedEnv, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);
const server = spawn("node", ["server.js"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
