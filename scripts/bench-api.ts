// `npm run bench`, the public API part (issue 20): server time (Server-Timing app;dur) of reading one fit report and
// one 100-row results page through /api/v1 with an API key, on the bench's running server and its 100,000-candidate
// position. Each figure: RUNS runs of REQUESTS_PER_RUN sequential requests; a run's p50, then the median of the runs
// with their min and max (the machine is shared: one run can be disturbed, the median is the figure).
// App modules are imported inside the function: scripts/bench.ts sets the environment before loading any of them.

export const API_BENCH_RUNS = 5;
export const API_BENCH_REQUESTS_PER_RUN = 40;

export type ApiBenchReply = { status: number; body: string };
export type ApiRunStats = { median: number; min: number; max: number; runs: number[] };

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.5 * sorted.length) - 1];
}

async function measure<R extends ApiBenchReply>(
  get: (pathname: string) => Promise<R>,
  pathname: string,
  check: (body: string) => void,
  serverMs: (reply: R) => number | null,
): Promise<ApiRunStats> {
  const probe = await get(pathname);
  if (probe.status !== 200) throw new Error(`GET ${pathname} answered ${probe.status}: ${probe.body.slice(0, 200)}`);
  check(probe.body);
  const runs: number[] = [];
  for (let run = 0; run < API_BENCH_RUNS; run += 1) {
    const times: number[] = [];
    for (let i = 0; i < API_BENCH_REQUESTS_PER_RUN; i += 1) {
      const reply = await get(pathname);
      const ms = serverMs(reply);
      if (reply.status !== 200 || ms === null) throw new Error(`GET ${pathname} answered ${reply.status}`);
      times.push(ms);
    }
    runs.push(Number(p50(times).toFixed(2)));
  }
  return { median: p50(runs), min: Math.min(...runs), max: Math.max(...runs), runs };
}

/** The two API figures. Each uses its own key (the per-key rate limit is 600 a minute). */
export async function benchApi<R extends ApiBenchReply>(options: {
  send: (pathname: string, headers: Record<string, string>) => Promise<R>;
  serverMs: (reply: R) => number | null;
  orgId: string;
  actor: { userId: string; label: string };
  positionId: string;
  responseId: string;
}): Promise<{ report: ApiRunStats; resultsPage: ApiRunStats }> {
  const { createApiKey } = await import("../app/models/api-keys.server");
  const keyFor = async (name: string) =>
    (await createApiKey(options.orgId, { name, scopes: ["results:read"] }, options.actor)).secret;
  const reportKey = await keyFor("bench report");
  const pageKey = await keyFor("bench results page");
  const base = `/api/v1/positions/${options.positionId}/results`;
  const report = await measure(
    (p) => options.send(p, { Authorization: `Bearer ${reportKey}`, Accept: "application/json" }),
    `${base}/${options.responseId}`,
    (body) => {
      if ((JSON.parse(body) as { responseId?: string }).responseId !== options.responseId) {
        throw new Error("the API report is not the candidate's");
      }
    },
    options.serverMs,
  );
  const resultsPage = await measure(
    (p) => options.send(p, { Authorization: `Bearer ${pageKey}`, Accept: "application/json" }),
    `${base}?limit=100`,
    (body) => {
      const rows = (JSON.parse(body) as { data: unknown[] }).data.length;
      if (rows !== 100) throw new Error(`the API results page has ${rows} rows, not 100`);
    },
    options.serverMs,
  );
  return { report, resultsPage };
}
