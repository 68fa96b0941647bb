// The jobs the server runs itself (issue 21, point 2), each at most once per interval across all instances (the
// lease in job-leases.server.ts): the retention purge (also `npm run purge` for cron users), invitation reminders
// (with withdrawing unsent mails whose link stopped working) and mail retries. server.js starts them at boot.
import { Scheduler, type ScheduledJob } from "~/models/job-leases.server";
import { retryUnsentMails, withdrawDeadMails } from "~/models/invitation-outbox.server";
import { sendDueReminders } from "~/models/invitation-reminders.server";
import { purgeExpired } from "~/models/privacy.server";
import { publicOrigin } from "~/utils/env.server";

const MINUTE_MS = 60 * 1000;
/** How often each process looks for due jobs. */
export const SCHEDULER_POLL_MS = MINUTE_MS;

/** The names shown on the settings page, in this order. */
export const JOB_LABELS: Record<string, string> = {
  "retention-purge": "Retention purge",
  reminders: "Invitation reminders",
  "mail-retries": "Mail retries",
};

export function scheduledJobs(origin: string = publicOrigin()): ScheduledJob[] {
  return [
    {
      name: "retention-purge",
      intervalMs: 6 * 60 * MINUTE_MS,
      run: async (now) => {
        const erased = await purgeExpired({ now });
        return `Erased ${erased.length} ${erased.length === 1 ? "person" : "people"} past the retention period.`;
      },
    },
    {
      name: "reminders",
      intervalMs: 60 * MINUTE_MS,
      run: async (now) => {
        const { sent, failed } = await sendDueReminders(origin, now);
        const withdrawn = await withdrawDeadMails(now);
        return (
          `Sent ${sent} ${sent === 1 ? "reminder" : "reminders"}` +
          (failed ? `, ${failed} failed` : "") +
          `; ${withdrawn} unsent ${withdrawn === 1 ? "mail" : "mails"} withdrawn (link no longer works).`
        );
      },
    },
    {
      name: "mail-retries",
      intervalMs: 10 * MINUTE_MS,
      run: async (now) => {
        const { enabled, sent, failed } = await retryUnsentMails(now);
        if (!enabled) return "No SMTP_URL: unsent mails wait in the outbox for an admin to send them by hand.";
        return `Mailed ${sent}, ${failed} failed again.`;
      },
    },
  ];
}

let stopScheduler: (() => void) | null = null;

/** Starts this process's scheduler once (server.js at boot). Tests never start it: they call Scheduler.tick(). */
export function startScheduledJobs(): () => void {
  stopScheduler ??= new Scheduler(scheduledJobs()).start(SCHEDULER_POLL_MS, 5_000);
  return stopScheduler;
}
