// The JavaScript a candidate's browser loads for the answering page, as the production server sends it (issues 9
// and 15). Used by `npm run bench` and test/unit/bundle.test.ts.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

/** Strings found in zod's own code (its error class and option names), never in ours on the client. */
const ZOD_MARKERS = /ZodError|invalid_type_error|"zod"/;

/** What a browser announces; the server picks brotli, else gzip. */
export const BROWSER_ACCEPT_ENCODING = "br, gzip";

export function containsZod(source: string): boolean {
  return ZOD_MARKERS.test(source);
}

/** One chunk: its size on disk and the body bytes the server sent for it, with the encoding it chose. */
export type SentFile = { file: string; bytes: number; sent: number; encoding: string };

export type Bundle = {
  files: SentFile[];
  /** Sum of the bytes sent for the candidate page's chunks: what the 100 KB budget is about. */
  totalSent: number;
  largestRoute: SentFile;
  zodChunks: string[];
};

/**
 * Every chunk the candidate answering page (/r/:page) loads: the client entry, and the route modules of root,
 * routes/r and routes/r.$page with their imports (from the Remix manifest), followed transitively through the
 * chunks' own static imports. Also every route module (for the largest one) and the chunks that contain zod.
 */
export function candidatePageFiles(buildDir: string): { files: string[]; routeFiles: string[]; zodChunks: string[] } {
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
  const routeFiles = Object.values(manifest.routes).map((r) => path.basename(r.module));
  const zodChunks = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith(".js") && containsZod(fs.readFileSync(path.join(assets, f), "utf8")));
  return { files: [...seen].sort(), routeFiles, zodChunks };
}

/** GET `pathname` with the given Accept-Encoding; counts the body bytes as they arrive (nothing decompressed). */
export function fetchSent(
  base: string,
  pathname: string,
  acceptEncoding: string = BROWSER_ACCEPT_ENCODING,
): Promise<{ status: number; encoding: string; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(pathname, base), { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: String(res.headers["content-encoding"] ?? "identity"),
          body: Buffer.concat(chunks),
          headers: res.headers,
        }),
      );
      res.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** The candidate page's chunks as the server at `base` (serving `buildDir`) sends them to a browser. */
export async function candidatePageBundle(buildDir: string, base: string): Promise<Bundle> {
  const { files, routeFiles, zodChunks } = candidatePageFiles(buildDir);
  const assets = path.join(buildDir, "client/assets");
  const sentOf = async (file: string): Promise<SentFile> => {
    const reply = await fetchSent(base, `/assets/${file}`);
    if (reply.status !== 200) throw new Error(`/assets/${file} answered ${reply.status}`);
    const bytes = fs.statSync(path.join(assets, file)).size;
    return { file, bytes, sent: reply.body.length, encoding: reply.encoding };
  };
  const sent: SentFile[] = [];
  for (const file of files) sent.push(await sentOf(file));
  const routes: SentFile[] = [];
  for (const file of routeFiles) routes.push(await sentOf(file));
  return {
    files: sent,
    totalSent: sent.reduce((n, f) => n + f.sent, 0),
    largestRoute: routes.reduce((a, b) => (b.sent > a.sent ? b : a)),
    zodChunks,
  };
}
