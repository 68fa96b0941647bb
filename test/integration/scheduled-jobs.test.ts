// Issue 21, point 2: jobs that run themselves under a lease row, so two instances never run the same job twice.
import { describe, expect, it } from "vitest";
import { msg } from "../../app/i18n/message";
import { setUserLanguage } from "../../app/models/staff-language.server";
import { loader as settingsLoader } from "../../app/routes/app.settings";
import { claimJob, Scheduler, type ScheduledJob } from "../../app/models/job-leases.server";
import { scheduledJobs } from "../../app/models/scheduled-jobs.server";
import { getDb } from "../../app/utils/db.server";
import { withTestDatabase } from "../db";
import { getRequest, makeOrganization, makeUser, outcome, sessionCookieFor } from "../factories";
import { ORIGIN } from "../factories-answering";

withTestDatabase();

const HOUR = 60 * 60 * 1000;

function countingJob(name: string, intervalMs = HOUR) {
  const runs: string[] = [];
  const job: ScheduledJob = {
    name,
    intervalMs,
    run: async (now) => {
      runs.push(now.toISOString());
      return `run ${runs.length}`;
    },
  };
  return { job, runs };
}

describe("job leases", () => {
  it("two schedulers claiming the same job at the same time: only one runs it", async () => {
    const { job, runs } = countingJob("lease-race");
    const now = new Date("2031-01-01T00:00:00.000Z");
    const a = new Scheduler([job], () => now, "instance-a");
    const b = new Scheduler([job], () => now, "instance-b");
    const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    expect([...ranA, ...ranB]).toEqual(["lease-race"]);
    // the bare claim too: of two claims at one instant exactly one wins
    const later = new Date("2031-01-01T02:00:00.000Z");
    const claims = await Promise.all([
      claimJob("lease-race", "x", later, HOUR),
      claimJob("lease-race", "y", later, HOUR),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("runs a job at most once per interval, records its last run and result, and a failure", async () => {
    const { job, runs } = countingJob("interval", HOUR);
    let now = new Date("2031-02-01T00:00:00.000Z");
    const failing: ScheduledJob = {
      name: "failing",
      intervalMs: HOUR,
      run: async () => {
        throw new Error("the disk is full");
      },
    };
    const scheduler = new Scheduler([job, failing], () => now, "one");
    await scheduler.tick();
    now = new Date("2031-02-01T00:59:59.000Z");
    await scheduler.tick();
    expect(runs).toEqual(["2031-02-01T00:00:00.000Z"]);
    now = new Date("2031-02-01T01:00:01.000Z");
    await scheduler.tick();
    expect(runs).toEqual(["2031-02-01T00:00:00.000Z", "2031-02-01T01:00:01.000Z"]);
    const rows = await getDb()
      .selectFrom("job_leases")
      .selectAll()
      .where("job", "in", ["interval", "failing"])
      .orderBy("job")
      .execute();
    expect(rows.map((r) => [r.job, r.last_result, r.last_ok, r.last_run_at])).toEqual([
      // stored as a catalog key (the settings page says it in the reader's language)
      ["failing", msg("admin:jobs.failed", { error: "the disk is full" }), 0, "2031-02-01T01:00:01.000Z"],
      ["interval", "run 2", 1, "2031-02-01T01:00:01.000Z"],
    ]);
  });

  it("the server's jobs (purge, reminders, mail retries) run under their leases and show on the settings page", async () => {
    const org = await makeOrganization("Jobs Org");
    const adminUser = await makeUser(org.id, "admin");
    const admin = await sessionCookieFor(adminUser.id);
    const now = new Date("2031-03-01T00:00:00.000Z");
    const ran = await new Scheduler(scheduledJobs(ORIGIN), () => now, "boot").tick();
    expect(ran).toEqual(["retention-purge", "reminders", "mail-retries"]);
    const page = await outcome(() =>
      settingsLoader({ request: getRequest("/app/settings", admin), params: {}, context: {} }),
    );
    const jobs = (page.data as { jobs: { job: string; lastRunAt: string; lastResult: string; ok: boolean }[] }).jobs;
    expect(jobs).toEqual([
      {
        job: "retention-purge",
        label: "Retention purge",
        lastRunAt: "2031-03-01T00:00:00.000Z",
        lastResult: "Erased 0 people past the retention period.",
        ok: true,
      },
      {
        job: "reminders",
        label: "Invitation reminders",
        lastRunAt: "2031-03-01T00:00:00.000Z",
        lastResult: "Sent 0 reminders; 0 unsent mails withdrawn (link no longer works).",
        ok: true,
      },
      {
        job: "mail-retries",
        label: "Mail retries",
        lastRunAt: "2031-03-01T00:00:00.000Z",
        lastResult: "No SMTP_URL: unsent mails wait in the outbox for an admin to send them by hand.",
        ok: true,
      },
    ]);
    // The same runs read by a Finnish admin: job names and results in Finnish (stored as catalog keys).
    await setUserLanguage(org.id, adminUser.id, "fi");
    const finnish = await outcome(() =>
      settingsLoader({ request: getRequest("/app/settings", admin), params: {}, context: {} }),
    );
    const fiJobs = (finnish.data as { jobs: { label: string; lastResult: string }[] }).jobs;
    expect(fiJobs.map((j) => [j.label, j.lastResult])).toEqual([
      ["Säilytysajan siivous", "Poistettiin 0 henkilöä, joiden säilytysaika oli kulunut."],
      [
        "Kutsujen muistutukset",
        "Lähetettiin 0 muistutusta; 0 lähettämätöntä viestiä peruttiin (linkki ei enää toimi).",
      ],
      [
        "Sähköpostien uudelleenyritykset",
        "Ei SMTP_URL-asetusta: lähettämättömät viestit odottavat lähtevissä, kunnes ylläpitäjä lähettää ne käsin.",
      ],
    ]);
  });
});
