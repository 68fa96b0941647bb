// `npm run bench`, the public API part (issues 20 and 19): server time of reading one fit report and one 100-row
// results page through /api/v1 with an API key, on the bench's running server and its ranked position. Server time
// is the server's own, from the first byte read to the last byte written (GET /__bench/server-times). Each figure:
// `runs` runs of REQUESTS_PER_RUN sequential requests; a run's p50, then the median of the runs with min and max.
// App modules are imported inside the function: scripts/bench.ts sets the environment before loading any of them.

export const API_BENCH_REQUESTS_PER_RUN = 20;

/** One request's status, body and the server's own time for it. */
export type TimedReply = { status: number; body: string; serverMs: number };

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.5 * sorted.length) - 1];
}

async function measure(
  get: (pathname: string) => Promise<TimedReply>,
  pathname: string,
  check: (body: string) => void,
  runs: number,
): Promise<number[]> {
  const probe = await get(pathname);
  if (probe.status !== 200) throw new Error(`GET ${pathname} answered ${probe.status}: ${probe.body.slice(0, 200)}`);
  check(probe.body);
  const out: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const times: number[] = [];
    for (let i = 0; i < API_BENCH_REQUESTS_PER_RUN; i += 1) {
      const reply = await get(pathname);
      if (reply.status !== 200) throw new Error(`GET ${pathname} answered ${reply.status}`);
      times.push(reply.serverMs);
    }
    out.push(p50(times));
  }
  return out;
}

/** Each run's p50 of the two API figures. Each uses its own key (the per-key rate limit is 600 a minute). */
export async function benchApi(options: {
  get: (pathname: string, headers: Record<string, string>) => Promise<TimedReply>;
  orgId: string;
  actor: { userId: string; label: string };
  positionId: string;
  responseId: string;
  runs: number;
}): Promise<{ report: number[]; resultsPage: number[] }> {
  const { createApiKey } = await import("../app/models/api-keys.server");
  const keyFor = async (name: string) =>
    (await createApiKey(options.orgId, { name, scopes: ["results:read"] }, options.actor)).secret;
  const reportKey = await keyFor("bench report");
  const pageKey = await keyFor("bench results page");
  const base = `/api/v1/positions/${options.positionId}/results`;
  const report = await measure(
    (p) => options.get(p, { Authorization: `Bearer ${reportKey}`, Accept: "application/json" }),
    `${base}/${options.responseId}`,
    (body) => {
      if ((JSON.parse(body) as { responseId?: string }).responseId !== options.responseId) {
        throw new Error("the API report is not the candidate's");
      }
    },
    options.runs,
  );
  const resultsPage = await measure(
    (p) => options.get(p, { Authorization: `Bearer ${pageKey}`, Accept: "application/json" }),
    `${base}?limit=100`,
    (body) => {
      const rows = (JSON.parse(body) as { data: unknown[] }).data.length;
      if (rows !== 100) throw new Error(`the API results page has ${rows} rows, not 100`);
    },
    options.runs,
  );
  return { report, resultsPage };
}
