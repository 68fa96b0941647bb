// The jobs the server runs itself (issue 21, point 2), each at most once per interval across all instances (the
// lease in job-leases.server.ts): the retention purge (also `npm run purge` for cron users), invitation reminders
// (with withdrawing unsent mails whose link stopped working) and mail retries. server.js starts them at boot.
import { Scheduler, type ScheduledJob } from "~/models/job-leases.server";
import { retryUnsentMails, withdrawDeadMails } from "~/models/invitation-outbox.server";
import { sendDueReminders } from "~/models/invitation-reminders.server";
import { purgeExpired } from "~/models/privacy.server";
import { publicOrigin } from "~/utils/env.server";
import { msg } from "~/i18n/message";

const MINUTE_MS = 60 * 1000;
/** How often each process looks for due jobs. */
export const SCHEDULER_POLL_MS = MINUTE_MS;

/** The jobs shown on the settings page, in this order (their names: admin:jobs.label.<job>). */
export const JOB_NAMES = ["retention-purge", "reminders", "mail-retries"] as const;

export function scheduledJobs(origin: string = publicOrigin()): ScheduledJob[] {
  return [
    {
      name: "retention-purge",
      intervalMs: 6 * 60 * MINUTE_MS,
      run: async (now) => {
        const erased = await purgeExpired({ now });
        // Results are catalog keys (~/i18n/message): the settings page says them in the reader's language.
        return msg("admin:jobs.purged", { count: erased.length });
      },
    },
    {
      name: "reminders",
      intervalMs: 60 * MINUTE_MS,
      run: async (now) => {
        const { sent, failed } = await sendDueReminders(origin, now);
        const withdrawn = await withdrawDeadMails(now);
        const parts = {
          reminders: msg("admin:jobs.remindersSent", { count: sent }),
          withdrawn: msg("admin:jobs.withdrawn", { count: withdrawn }),
        };
        return failed
          ? msg("admin:jobs.remindersWithFailures", { ...parts, failed })
          : msg("admin:jobs.reminders", parts);
      },
    },
    {
      name: "mail-retries",
      intervalMs: 10 * MINUTE_MS,
      run: async (now) => {
        const { enabled, sent, failed } = await retryUnsentMails(now);
        if (!enabled) return msg("admin:jobs.noSmtp");
        return msg("admin:jobs.mailed", { sent, failed });
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
