// Cold ranking of the 100k position (issue 19): the first request of a fresh server process, on a database file
// that was evicted from the OS page cache just before the process started. Eviction: the file (and its -wal/-shm)
// flushed (`sync FILE`), then `dd if=FILE iflag=nocache count=0` (coreutils: posix_fadvise(POSIX_FADV_DONTNEED) on
// the whole file). Verified with util-linux `fincore` when it is installed: the bytes of the file still in the page
// cache after the eviction, and again when the server has started (its start-up reads some pages: part of "cold").
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { drainServerTimes, send } from "./http";
import { serverTimesOf } from "./parse";
import { cpuMsOf, stopChild, type AppServer } from "./processes";

export type Eviction = { method: string; verified: boolean; residentBytes: number | null; fileBytes: number };

function residentBytes(file: string): number | null {
  const cached = spawnSync("fincore", ["--bytes", "--noheadings", "--output", "RES", file], { encoding: "utf8" });
  if (cached.status !== 0 || cached.error) return null;
  const bytes = Number(cached.stdout.trim());
  return Number.isFinite(bytes) ? bytes : null;
}

/** Drops the database file from the OS page cache; returns how, and what fincore says is still cached. */
export function evictFromPageCache(dbFile: string): Eviction {
  const files = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((f) => fs.existsSync(f));
  for (const f of files) {
    const synced = spawnSync("sync", [f]);
    if (synced.status !== 0) throw new Error(`sync ${f} failed: ${synced.stderr?.toString() ?? synced.error}`);
    const dd = spawnSync("dd", [`if=${f}`, "iflag=nocache", "count=0", "status=none"]);
    if (dd.status !== 0) throw new Error(`dd iflag=nocache ${f} failed: ${dd.stderr?.toString() ?? dd.error}`);
  }
  const resident = residentBytes(dbFile);
  return {
    method: "sync + dd iflag=nocache count=0 (posix_fadvise DONTNEED)",
    verified: resident !== null,
    residentBytes: resident,
    fileBytes: fs.statSync(dbFile).size,
  };
}

export type ColdRun = {
  clientMs: number;
  serverMs: number;
  startMs: number;
  eviction: Eviction;
  /** Bytes of the file in the page cache once the server had started, before the request (null without fincore). */
  residentAtRequest: number | null;
  /** Bytes the server process read from storage (/proc/<pid>/io read_bytes: page-cache misses) while starting. */
  startReadBytes: number | null;
  /** ... and while answering the request (null where there is no /proc). */
  requestReadBytes: number | null;
  /** CPU time (user + system, ms, 10 ms ticks) the server used for the request. */
  requestCpuMs: number | null;
};

/** Bytes a process has read from storage so far (read_bytes of /proc/<pid>/io), or null where there is none. */
function storageReadBytes(pid: number | undefined): number | null {
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, "utf8");
    const bytes = /^read_bytes: (\d+)$/m.exec(io);
    return bytes ? Number(bytes[1]) : null;
  } catch {
    return null;
  }
}

/**
 * `runs` times: evict, start a server, GET the results page once (checked: it lists candidates), stop it. The server
 * options are startAppServer's; the database must be a SQLite file no other process has open.
 */
export async function coldRankingRuns(options: {
  dbFile: string;
  pathWithQuery: string;
  cookie: string;
  runs: number;
  start: () => Promise<AppServer>;
}): Promise<ColdRun[]> {
  const out: ColdRun[] = [];
  const pathname = options.pathWithQuery.split("?")[0];
  for (let run = 0; run < options.runs; run += 1) {
    const eviction = evictFromPageCache(options.dbFile);
    const server = await options.start();
    try {
      const residentAtRequest = residentBytes(options.dbFile);
      const agent = new http.Agent({ keepAlive: true });
      await drainServerTimes(server.port);
      const startReadBytes = storageReadBytes(server.child.pid);
      const cpuBefore = cpuMsOf(server.child);
      const reply = await send(agent, server.port, "GET", options.pathWithQuery, {
        Cookie: options.cookie,
        Accept: "text/html",
      });
      const readAfter = storageReadBytes(server.child.pid);
      const cpuAfter = cpuMsOf(server.child);
      agent.destroy();
      if (reply.status !== 200) throw new Error(`cold GET ${options.pathWithQuery} answered ${reply.status}`);
      if (!reply.body.includes("Candidate ")) throw new Error(`cold GET ${options.pathWithQuery} lists no candidate`);
      const [serverMs] = serverTimesOf(await drainServerTimes(server.port), "GET", pathname);
      if (serverMs === undefined) throw new Error(`server-times: cold GET ${pathname} not recorded`);
      out.push({
        clientMs: reply.ms,
        serverMs,
        startMs: server.startMs,
        eviction,
        residentAtRequest,
        startReadBytes,
        requestReadBytes: readAfter === null || startReadBytes === null ? null : readAfter - startReadBytes,
        requestCpuMs: cpuAfter === null || cpuBefore === null ? null : cpuAfter - cpuBefore,
      });
    } finally {
      await stopChild(server.child);
    }
  }
  return out;
}
