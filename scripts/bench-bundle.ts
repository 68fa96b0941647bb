// The JavaScript a candidate's browser loads for the answering page, from a client build (issue 9). Used by
// `npm run bench` and test/unit/bundle.test.ts.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** Strings found in zod's own code (its error class and option names), never in ours on the client. */
const ZOD_MARKERS = /ZodError|invalid_type_error|"zod"/;

export function containsZod(source: string): boolean {
  return ZOD_MARKERS.test(source);
}

export type Bundle = {
  files: { file: string; bytes: number; gzip: number }[];
  totalGzip: number;
  largestRoute: { file: string; gzip: number };
  zodChunks: string[];
};

/**
 * Every chunk the candidate answering page (/r/:page) loads: the client entry, and the route modules of root,
 * routes/r and routes/r.$page with their imports (from the Remix manifest), followed transitively through the
 * chunks' own static imports. Sizes are gzip (level 9, as a server would send them).
 */
export function candidatePageBundle(buildDir: string): Bundle {
  const assets = path.join(buildDir, "client/assets");
  const manifestFile = fs.readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!manifestFile) throw new Error(`no Remix manifest in ${assets}`);
  const text = fs.readFileSync(path.join(assets, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
  };
  const wanted = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (let id: string | undefined = "routes/r.$page"; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    wanted.add(route.module);
    for (const file of route.imports ?? []) wanted.add(file);
  }
  const seen = new Set<string>();
  const queue = [...wanted].map((url) => path.basename(url));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(path.join(assets, file), "utf8");
    for (const match of source.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) queue.push(match[1]);
  }
  const gzipOf = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(assets, file)), { level: 9 }).length;
  const files = [...seen]
    .sort()
    .map((file) => ({ file, bytes: fs.statSync(path.join(assets, file)).size, gzip: gzipOf(file) }));
  const routeFiles = Object.values(manifest.routes).map((r) => path.basename(r.module));
  const largestRoute = routeFiles
    .map((file) => ({ file, gzip: gzipOf(file) }))
    .reduce((a, b) => (b.gzip > a.gzip ? b : a));
  const zodChunks = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith(".js") && containsZod(fs.readFileSync(path.join(assets, f), "utf8")));
  return { files, totalGzip: files.reduce((n, f) => n + f.gzip, 0), largestRoute, zodChunks };
}
