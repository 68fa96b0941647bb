// The bench's HTTP client (issue 19): Node's own http with keep-alive, closed-loop load, and the server's own
// first-byte-read-to-last-byte-written times (GET /__bench/server-times, server.js with BENCH_TIMING=1).
import http from "node:http";
import { parseServerTimes, serverTimesOf, type ServerTime } from "./parse";
import { quantile } from "./stats";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

export function send(
  agent: http.Agent,
  port: number,
  method: "GET" | "POST",
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: "127.0.0.1", port, method, path: pathname, agent, headers, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${method} ${pathname}`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Every request the server finished since the previous call (and empties its buffer); throws if any was dropped. */
export async function drainServerTimes(port: number): Promise<ServerTime[]> {
  const reply = await send(new http.Agent({ keepAlive: false }), port, "GET", "/__bench/server-times", {});
  if (reply.status !== 200)
    throw new Error(`GET /__bench/server-times answered ${reply.status}: is the server running with BENCH_TIMING=1?`);
  const { entries, dropped } = parseServerTimes(reply.body);
  if (dropped > 0) throw new Error(`server-times: ${dropped} requests were dropped (buffer full)`);
  return entries;
}

/** The p50 of the server's times for one method + path since `drainServerTimes` was last called. */
export async function serverP50(port: number, method: string, pathname: string): Promise<number> {
  const times = serverTimesOf(await drainServerTimes(port), method, pathname);
  if (times.length === 0) throw new Error(`server-times: no successful ${method} ${pathname} recorded`);
  return quantile(times, 0.5);
}

export type LoadResult = {
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  /** Client-observed latency (request written to response end) quantiles, ms. */
  p50: number;
  p99: number;
  statuses: Record<string, number>;
};

/** `clients` loops, each awaiting its own request function until `seconds` are over; latency of every request. */
export async function runLoad(
  clients: number,
  seconds: number,
  makeClient: (index: number) => () => Promise<{ reply: Reply; ok: boolean }>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, index) => {
      const next = makeClient(index);
      while (performance.now() < deadline) {
        try {
          const { reply, ok: good } = await next();
          latencies.push(reply.ms);
          statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
          if (good) ok += 1;
          else failed += 1;
        } catch {
          failed += 1;
          statuses.error = (statuses.error ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    ok,
    failed,
    seconds: elapsed,
    perSecond: ok / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    statuses,
  };
}
