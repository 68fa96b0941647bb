// The results pages of the ranked (100k) position (issue 19), one request at a time: the first page, the last
// (page 2,000 of 100,000) and a band-filtered one, over HTTP (server time: first byte read to last byte written;
// client time) and as listResults() in this process; and the public API's report and results page.
import http from "node:http";
import { benchApi } from "../bench-api";
import { drainServerTimes, send } from "./http";
import { lastPageOf } from "./options";
import { serverTimesOf } from "./parse";
import type { AppServer } from "./processes";
import type { BenchOrg } from "./seed";

export type SingleRequest = { serverMs: number; clientMs: number; bytes: number };

/**
 * One GET at a time, `runs` times (after one warm-up GET that is not counted): each run's server time and client
 * time. `check` sees every body (e.g. the page lists candidates).
 */
export async function singleRequests(
  server: AppServer,
  pathWithQuery: string,
  cookie: string,
  runs: number,
  check: (body: string) => void,
): Promise<SingleRequest[]> {
  const agent = new http.Agent({ keepAlive: true });
  const pathname = pathWithQuery.split("?")[0];
  const get = async () => {
    await drainServerTimes(server.port);
    const reply = await send(agent, server.port, "GET", pathWithQuery, { Cookie: cookie, Accept: "text/html" });
    if (reply.status !== 200) throw new Error(`GET ${pathWithQuery} answered ${reply.status}`);
    check(reply.body);
    const [serverMs] = serverTimesOf(await drainServerTimes(server.port), "GET", pathname);
    if (serverMs === undefined) throw new Error(`server-times: GET ${pathname} not recorded`);
    return { serverMs, clientMs: reply.ms, bytes: Buffer.byteLength(reply.body) };
  };
  await get();
  const out: SingleRequest[] = [];
  for (let run = 0; run < runs; run += 1) out.push(await get());
  agent.destroy();
  return out;
}

/** listResults() in this process on the bench's open connection (as the server's), `runs` times after a warm-up. */
export async function modelResultsRuns(orgId: string, positionId: string, search: string, runs: number) {
  const { listResults } = await import("../../app/models/results.server");
  const { parseResultsQuery } = await import("../../app/utils/schemas/results.server");
  const once = async () => {
    const t = performance.now();
    const listed = await listResults(orgId, positionId, parseResultsQuery(new URL(`http://x/${search}`)));
    const ms = performance.now() - t;
    if (listed.ranking.rows.length === 0) throw new Error(`listResults(${search}) returned no rows`);
    return ms;
  };
  await once();
  const out: number[] = [];
  for (let run = 0; run < runs; run += 1) out.push(await once());
  return out;
}

export type ResultsRuns = { label: string; http: SingleRequest[]; model: number[] };

/** The three results pages the issue names, `runs` times each over HTTP and in this process. */
export async function resultsPageRuns(
  server: AppServer,
  org: BenchOrg,
  ranked: { positionId: string; candidates: number },
  runs: number,
): Promise<ResultsRuns[]> {
  const valueKey = org.q.values[0].id;
  const resultsPath = `/app/positions/${ranked.positionId}/results`;
  const lastPage = lastPageOf(ranked.candidates);
  const out: ResultsRuns[] = [];
  for (const [label, search] of [
    ["first", ""],
    [`${lastPage.toLocaleString("en-US")} (the last)`, `?page=${lastPage}`],
    [`filtered (band below on ${valueKey})`, `?bandValue=${valueKey}&band=below`],
  ] as const) {
    const httpRuns = await singleRequests(server, resultsPath + search, org.staffCookie, runs, (body) => {
      if (!body.includes("Candidate ")) throw new Error(`results ${label}: no candidate listed`);
    });
    out.push({ label, http: httpRuns, model: await modelResultsRuns(org.orgId, ranked.positionId, search, runs) });
  }
  return out;
}

/** The API's fit report and 100-row results page (scripts/bench-api.ts), each request's server time. */
export async function apiRuns(server: AppServer, org: BenchOrg, positionId: string, responseId: string, runs: number) {
  const agent = new http.Agent({ keepAlive: true });
  try {
    return await benchApi({
      get: async (pathname, headers) => {
        await drainServerTimes(server.port);
        const reply = await send(agent, server.port, "GET", pathname, headers);
        const [serverMs] = serverTimesOf(await drainServerTimes(server.port), "GET", pathname.split("?")[0]);
        return { status: reply.status, body: reply.body, serverMs: serverMs ?? NaN };
      },
      orgId: org.orgId,
      actor: org.actor,
      positionId,
      responseId,
      runs,
    });
  } finally {
    agent.destroy();
  }
}
