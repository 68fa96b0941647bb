// Autosave under load (issue 19): what the answering page's hook sends, POST /r/autosave, against the bare baseline
// (scripts/bench-baseline.ts: node:http + one SQLite UPDATE a request) on the same machine in the same run. Each run
// loads the baseline, then the app, for the same seconds with the same 20 clients, so each run's ratio compares
// two loads a few seconds apart; the figures are the medians of the runs.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { drainServerTimes, runLoad, send, type LoadResult } from "./http";
import { serverTimesOf } from "./parse";
import { cpuMsOf } from "./processes";
import { quantile } from "./stats";

export const AUTOSAVE_CLIENTS = 20;
export const AUTOSAVE_PATH = "/r/autosave";

export type Respondent = { cookie: string; responseId: string };

export type SaveTarget = {
  port: number;
  origin: string;
  child: ChildProcess;
  respondents: readonly Respondent[];
  /** The stored revision of a response (after an unexpected answer, the client goes on from it). */
  revisionOf: (responseId: string) => Promise<number>;
};

export type AutosaveRun = {
  app: LoadResult & { serverP50: number; serverP99: number; cpuPerSave: number | null };
  baseline: LoadResult & { cpuPerSave: number | null };
  ratio: number;
};

/** Items of the questionnaire's first page with the answers each accepts (what the clients post, round robin). */
export type SaveItems = { itemIds: readonly string[]; choices: ReadonlyMap<string, readonly string[]> };

const perRequest = (start: number | null, end: number | null, n: number) =>
  start === null || end === null || n === 0 ? null : (end - start) / n;

/** `clients` closed-loop clients, each on its own respondent, posting one answer at a time for `seconds`. */
export async function loadAutosave(target: SaveTarget, items: SaveItems, clients: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const revisions = new Map<string, number>();
  for (const r of target.respondents.slice(0, clients))
    revisions.set(r.responseId, await target.revisionOf(r.responseId));
  let conflicts = 0;
  await drainServerTimes(target.port);
  const cpuStart = cpuMsOf(target.child);
  const result = await runLoad(clients, seconds, (index) => {
    const { cookie, responseId } = target.respondents[index];
    let n = index;
    return async () => {
      n += 1;
      const itemId = items.itemIds[n % items.itemIds.length];
      const options = items.choices.get(itemId)!;
      const body = new URLSearchParams({
        intent: "autosave",
        itemId,
        value: options[n % options.length],
        baseRevision: String(revisions.get(responseId)),
      }).toString();
      const reply = await send(
        agent,
        target.port,
        "POST",
        AUTOSAVE_PATH,
        {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(Buffer.byteLength(body)),
          Cookie: cookie,
          Origin: target.origin,
          "Sec-Fetch-Site": "same-origin",
        },
        body,
      );
      const ok = reply.status === 200;
      if (ok) revisions.set(responseId, (JSON.parse(reply.body) as { revision: number }).revision);
      else {
        if (reply.status === 409) conflicts += 1;
        revisions.set(responseId, await target.revisionOf(responseId));
      }
      return { reply, ok };
    };
  });
  const cpuEnd = cpuMsOf(target.child);
  agent.destroy();
  const times = serverTimesOf(await drainServerTimes(target.port), "POST", AUTOSAVE_PATH);
  if (times.length === 0) throw new Error("autosave: the server recorded no successful save");
  if (result.failed > 0 || conflicts > 0)
    throw new Error(
      `autosave: ${result.failed} failed saves, ${conflicts} conflicts (${JSON.stringify(result.statuses)})`,
    );
  return {
    ...result,
    serverP50: quantile(times, 0.5),
    serverP99: quantile(times, 0.99),
    cpuPerSave: perRequest(cpuStart, cpuEnd, result.ok + result.failed),
  };
}

/** The baseline's rows' revisions, kept from run to run (it answers 409 to a stale one). */
const baselineRevisions = new Map<string, number>();

/** The baseline's POST /save (same fields, no session, no guards), `clients` closed-loop clients for `seconds`. */
export async function loadBaseline(
  port: number,
  child: ChildProcess,
  items: SaveItems,
  clients: number,
  seconds: number,
): Promise<AutosaveRun["baseline"]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const cpuStart = cpuMsOf(child);
  const result = await runLoad(clients, seconds, (index) => {
    const key = `${port}:${index}`;
    let n = 0;
    return async () => {
      n += 1;
      const itemId = items.itemIds[n % items.itemIds.length];
      const options = items.choices.get(itemId)!;
      const body = new URLSearchParams({
        id: `r${index}`,
        itemId,
        value: options[n % options.length],
        baseRevision: String(baselineRevisions.get(key) ?? 0),
      }).toString();
      const reply = await send(
        agent,
        port,
        "POST",
        "/save",
        { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) },
        body,
      );
      baselineRevisions.set(key, (JSON.parse(reply.body) as { revision: number }).revision);
      return { reply, ok: reply.status === 200 };
    };
  });
  agent.destroy();
  return { ...result, cpuPerSave: perRequest(cpuStart, cpuMsOf(child), result.ok + result.failed) };
}

/** `runs` runs of (baseline, then app) at 20 clients. */
export async function benchAutosave(options: {
  target: SaveTarget;
  baseline: { port: number; child: ChildProcess };
  items: SaveItems;
  runs: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<AutosaveRun[]> {
  const runs: AutosaveRun[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const { port, child } = options.baseline;
    const baseline = await loadBaseline(port, child, options.items, AUTOSAVE_CLIENTS, options.seconds);
    const app = await loadAutosave(options.target, options.items, AUTOSAVE_CLIENTS, options.seconds);
    runs.push({ app, baseline, ratio: app.perSecond / baseline.perSecond });
    options.log(
      `autosave run ${run + 1}/${options.runs}: app ${app.perSecond.toFixed(0)}/s p99 ${app.p99.toFixed(1)} ms, ` +
        `baseline ${baseline.perSecond.toFixed(0)}/s, ratio ${(app.perSecond / baseline.perSecond).toFixed(2)}`,
    );
  }
  return runs;
}
