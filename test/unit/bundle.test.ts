// DESIGN.md budget: the candidate page ships <= 100 KB of JavaScript (gzip), and zod (schemas live in .server.ts files)
// never reaches the client. Builds the app into a temp directory; sizes only, no timing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidatePageBundle, containsZod, type Bundle } from "../../scripts/bench-bundle";

const BUDGET_BYTES = 100 * 1024;
const root = process.cwd();
let buildDir = "";
let bundle: Bundle;

beforeAll(() => {
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-bundle-"));
  // vite.config.ts leaves the Remix plugin out under Vitest (VITEST is set): build as `npm run build` would.
  const env: NodeJS.ProcessEnv = { ...process.env, BUILD_DIR: buildDir, NODE_ENV: "production" };
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  const built = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
    {
      cwd: root,
      env,
      encoding: "utf8",
    },
  );
  if (built.status !== 0) throw new Error(`client build failed:\n${built.stdout}\n${built.stderr}`);
  bundle = candidatePageBundle(buildDir);
}, 300_000);

afterAll(() => {
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
});

describe("client bundle", () => {
  it("collects the entry, the shared runtime and the answering route's chunks", () => {
    const names = bundle.files.map((f) => f.file);
    expect(names.some((f) => f.startsWith("entry.client-"))).toBe(true);
    expect(names.some((f) => f.startsWith("r._page-"))).toBe(true);
    expect(names.some((f) => f.startsWith("root-"))).toBe(true);
    // React and Remix are in the total: a page that loads no framework code cannot be the real one.
    expect(bundle.totalGzip).toBeGreaterThan(30 * 1024);
    // Staff pages are other routes' chunks and are not counted.
    expect(names.some((f) => f.startsWith("app.positions"))).toBe(false);
  });

  it("ships at most 100 KB gzip of JavaScript to the candidate answering page", () => {
    const detail = bundle.files.map((f) => `${f.file}: ${(f.gzip / 1024).toFixed(1)} KB`).join(", ");
    expect(bundle.totalGzip, detail).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("has no zod in any client chunk", () => {
    expect(bundle.zodChunks).toEqual([]);
  });

  it("recognises zod's code when it is there", () => {
    const zodSource = fs.readFileSync(path.join(root, "node_modules/zod/v3/types.js"), "utf8");
    expect(containsZod(zodSource)).toBe(true);
    expect(containsZod('import{j as e}from"./components-x.js";const t=()=>e.jsx("p",{children:"Saved"})')).toBe(false);
  });
});
