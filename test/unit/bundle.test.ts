// DESIGN.md budget: the candidate page ships <= 100 KB of JavaScript, counted as the production server sends it to a
// browser announcing `Accept-Encoding: br, gzip` (issue 15: the bytes on the wire, not a gzip the server never did);
// and zod (schemas live in .server.ts files) never reaches the client. Sizes only, no timing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidatePageBundle, containsZod, type Bundle } from "../../scripts/bench-bundle";
import { withTestDatabase } from "../db";
import { buildDirectory, freePort, startServer, stopServer, type ServerProcess } from "../server-process";

const BUDGET_BYTES = 100 * 1024;
const root = process.cwd();
const testDb = withTestDatabase();
let build: { dir: string; temporary: boolean } | undefined;
let server: ServerProcess | undefined;
let dataDir = "";
let bundle: Bundle;

beforeAll(async () => {
  // the build `npm run build` makes (remix vite:build, then the .br/.gz files of scripts/precompress.mjs)
  build = buildDirectory();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vb-bundle-"));
  server = await startServer({ port: await freePort(), databaseUrl: testDb.url(), buildDir: build.dir, dataDir });
  bundle = await candidatePageBundle(build.dir, server.base);
}, 300_000);

afterAll(async () => {
  if (server) await stopServer(server);
  if (build?.temporary) fs.rmSync(build.dir, { recursive: true, force: true });
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("client bundle", () => {
  it("collects the entry, the shared runtime and the answering route's chunks", () => {
    const names = bundle.files.map((f) => f.file);
    expect(names.some((f) => f.startsWith("entry.client-"))).toBe(true);
    expect(names.some((f) => f.startsWith("r._page-"))).toBe(true);
    expect(names.some((f) => f.startsWith("root-"))).toBe(true);
    // React and Remix are in the total: a page that loads no framework code cannot be the real one.
    expect(bundle.totalSent).toBeGreaterThan(30 * 1024);
    // Staff pages are other routes' chunks and are not counted.
    expect(names.some((f) => f.startsWith("app.positions"))).toBe(false);
  });

  it("counts what the server sent: every chunk brotli, decompressing to the built file", () => {
    const assets = path.join(build!.dir, "client/assets");
    for (const f of bundle.files) {
      expect(f.encoding, f.file).toBe("br");
      expect(f.sent, f.file).toBeLessThan(f.bytes);
      expect(f.sent, f.file).toBe(fs.statSync(path.join(assets, `${f.file}.br`)).size);
      const original = fs.readFileSync(path.join(assets, f.file));
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(assets, `${f.file}.br`))).equals(original)).toBe(true);
    }
  });

  it("ships at most 100 KB of JavaScript, as sent, to the candidate answering page", () => {
    const detail = bundle.files.map((f) => `${f.file}: ${(f.sent / 1024).toFixed(1)} KB ${f.encoding}`).join(", ");
    expect(bundle.totalSent, detail).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("never carries i18next or a staff catalog to the candidate page (issue 18)", () => {
    const assets = path.join(build!.dir, "client/assets");
    const staffText = JSON.parse(fs.readFileSync(path.join(root, "app/i18n/staff/fi/shell.json"), "utf8")) as {
      profile: { organizationDefault: string };
    };
    const marker = staffText.profile.organizationDefault.split("{{")[0].trim();
    // both markers are real: the staff chunks of the same build contain them
    const all = fs.readdirSync(assets).filter((f) => f.endsWith(".js"));
    const text = (f: string) => fs.readFileSync(path.join(assets, f), "utf8");
    expect(all.some((f) => text(f).includes("i18next is already initialized"))).toBe(true);
    expect(all.some((f) => text(f).includes(marker))).toBe(true);
    for (const f of bundle.files) {
      expect(text(f.file).includes("i18next is already initialized"), f.file).toBe(false);
      expect(text(f.file).includes(marker), f.file).toBe(false);
    }
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
