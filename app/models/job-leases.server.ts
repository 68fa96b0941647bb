// Jobs that run themselves (issue 21, point 2). Each server process runs one timer (startScheduledJobs in
// scheduled-jobs.server.ts); on every tick it tries each due job. A job runs only in the process that claims its
// row in job_leases with ONE conditional UPDATE (`... WHERE job = ? AND lease_until < now`): on PostgreSQL (and
// SQLite) only one of several concurrent UPDATEs can change the row, so two instances never run the same job
// twice. The lease lasts the job's interval, so the job also runs at most once per interval across all instances,
// and a process that dies mid-run only delays the next run. job_leases is not tenant data (one row per job).
import { msg } from "~/i18n/message";
import { getDb, nowIso } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

const EPOCH = "1970-01-01T00:00:00.000Z";
const MAX_RESULT_CHARS = 500;

export type ScheduledJob = {
  name: string;
  /** Runs at most once per interval (the lease's length). */
  intervalMs: number;
  /** Does the work; the text is the result shown on the settings page. */
  run: (now: Date) => Promise<string>;
};

/** Claims `job` for `holder` until now + leaseMs if its lease has run out; true when this caller got it. */
export async function claimJob(job: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  const db = getDb();
  await db
    .insertInto("job_leases")
    .values({ job, holder: null, lease_until: EPOCH, last_run_at: null, last_result: null, last_ok: null })
    .onConflict((oc) => oc.column("job").doNothing())
    .execute();
  const result = await db
    .updateTable("job_leases")
    .set({ holder, lease_until: nowIso(new Date(now.getTime() + leaseMs)) })
    .where("job", "=", job)
    .where("lease_until", "<", nowIso(now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a run's end (only by the holder that claimed it). */
export async function finishJob(job: string, holder: string, at: Date, ok: boolean, result: string): Promise<void> {
  await getDb()
    .updateTable("job_leases")
    .set({ last_run_at: nowIso(at), last_result: result.slice(0, MAX_RESULT_CHARS), last_ok: ok ? 1 : 0 })
    .where("job", "=", job)
    .where("holder", "=", holder)
    .execute();
}

export type JobRun = {
  job: string;
  lastRunAt: string | null;
  lastResult: string | null;
  ok: boolean | null;
  nextAfter: string;
};

/** The last run of every job that ever ran (settings page). */
export async function listJobRuns(): Promise<JobRun[]> {
  const rows = await getDb().selectFrom("job_leases").selectAll().orderBy("job").execute();
  return rows.map((r) => ({
    job: r.job,
    lastRunAt: r.last_run_at,
    lastResult: r.last_result,
    ok: r.last_ok === null ? null : r.last_ok === 1,
    nextAfter: r.lease_until,
  }));
}

/**
 * One process's scheduler: `tick()` tries every job once (claim, run, record); ticks never overlap. The clock is
 * injected so tests drive it; nothing runs until `start()` (server.js) or a test calls `tick()`.
 */
export class Scheduler {
  readonly holder: string;
  private running: Promise<string[]> | null = null;

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly clock: () => Date = () => new Date(),
    holder?: string,
  ) {
    this.holder = holder ?? `${process.pid}-${newId()}`;
  }

  /** Runs the jobs this process could claim; returns their names. */
  tick(): Promise<string[]> {
    this.running ??= this.runDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      const now = this.clock();
      let claimed = false;
      try {
        claimed = await claimJob(job.name, this.holder, now, job.intervalMs);
      } catch (error) {
        console.error(`scheduled job ${job.name}: could not claim its lease:`, (error as Error).message);
        continue;
      }
      if (!claimed) continue;
      ran.push(job.name);
      let ok = true;
      let result: string;
      try {
        result = await job.run(now);
      } catch (error) {
        ok = false;
        // A catalog key (~/i18n/message): the settings page says it in the reader's language.
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_RESULT_CHARS / 2);
        result = msg("admin:jobs.failed", { error: message });
        console.error(`scheduled job ${job.name} failed:`, error);
      }
      await finishJob(job.name, this.holder, this.clock(), ok, result).catch((error: unknown) =>
        console.error(`scheduled job ${job.name}: could not record its run:`, error),
      );
    }
    return ran;
  }

  /** Ticks every `pollMs` (first tick after `firstDelayMs`); the timers are unref'd. Returns a stop function. */
  start(pollMs: number, firstDelayMs = pollMs): () => void {
    const first = setTimeout(() => void this.tick(), firstDelayMs);
    const timer = setInterval(() => void this.tick(), pollMs);
    first.unref();
    timer.unref();
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }
}
