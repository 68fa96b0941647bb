// Page timings (issue 19): the questionnaire page and the fit report under closed-loop load, and the answering
// page's JavaScript as the server sends it (the results pages: results-pages.ts). Server times are the server's own, from the first byte read to the last byte written
// (GET /__bench/server-times); client times are this process's, from writing the request to reading its last byte.
import http from "node:http";
import { candidatePageBundle } from "../bench-bundle";
import { drainServerTimes, runLoad, send } from "./http";
import { serverTimesOf } from "./parse";
import { cpuMsOf, type AppServer } from "./processes";
import { quantile } from "./stats";

export type PageRun = { serverP50: number; clientP50: number; perSecond: number; cpuPerRequest: number | null };

/** `runs` runs of `clients` closed-loop clients GETting the page for `seconds` each (after one checked request). */
export async function pageRuns(
  server: AppServer,
  pathname: string,
  cookie: string,
  options: { clients: number; seconds: number; runs: number; expect: string },
): Promise<PageRun[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { Cookie: cookie, Accept: "text/html" };
  const probe = await send(agent, server.port, "GET", pathname, headers);
  if (probe.status !== 200 || !probe.body.includes(options.expect))
    throw new Error(`GET ${pathname} answered ${probe.status} without "${options.expect}"`);
  const runs: PageRun[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    await drainServerTimes(server.port);
    const cpuStart = cpuMsOf(server.child);
    const load = await runLoad(options.clients, options.seconds, () => async () => {
      const reply = await send(agent, server.port, "GET", pathname, headers);
      return { reply, ok: reply.status === 200 };
    });
    const cpuEnd = cpuMsOf(server.child);
    if (load.failed > 0) throw new Error(`GET ${pathname}: ${load.failed} failed (${JSON.stringify(load.statuses)})`);
    const times = serverTimesOf(await drainServerTimes(server.port), "GET", pathname);
    runs.push({
      serverP50: quantile(times, 0.5),
      clientP50: load.p50,
      perSecond: load.perSecond,
      cpuPerRequest: cpuStart === null || cpuEnd === null ? null : (cpuEnd - cpuStart) / load.ok,
    });
  }
  agent.destroy();
  return runs;
}

/** The answering page's JavaScript as the server sends it to `Accept-Encoding: br, gzip`, measured `runs` times. */
export async function bundleRuns(buildDir: string, server: AppServer, runs: number) {
  const out = [];
  for (let run = 0; run < runs; run += 1) out.push(await candidatePageBundle(buildDir, server.origin));
  return out;
}
