import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";

export type JobRunView = {
  job: string;
  label: string;
  lastRunAt: string | null;
  lastResult: string | null;
  ok: boolean | null;
};

type ReminderFailure = {
  formError: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, unknown>;
};

/** Settings: automatic invitation reminders (on/off, days before expiry). */
export function ReminderSettingsForm({
  reminders,
  failure,
  saved,
  busy,
}: {
  reminders: { enabled: boolean; daysBefore: number };
  failure: ReminderFailure | null;
  saved: boolean;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="reminders-h" className="stack">
      <h2 id="reminders-h">Invitation reminders</h2>
      {saved ? (
        <p className="alert success" role="status">
          Reminder settings saved.
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="reminders" />
        <div className="choices">
          <label>
            <input
              type="checkbox"
              name="remindersEnabled"
              defaultChecked={failure ? failure.values.remindersEnabled === "on" : reminders.enabled}
            />
            Remind people who have not submitted, automatically (at most two reminders per link)
          </label>
        </div>
        <Field
          label="First reminder, days before the link expires"
          hint="A second reminder goes out one day before expiry. Each reminder carries a new link (the earlier one stops working); answers already given are kept."
          errors={failure?.fieldErrors.reminderDaysBefore}
          inputProps={{
            name: "reminderDaysBefore",
            type: "number",
            min: 1,
            max: 13,
            required: true,
            defaultValue: String(failure?.values.reminderDaysBefore ?? reminders.daysBefore),
          }}
        />
        <div>
          <button type="submit" disabled={busy}>
            Save reminder settings
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Settings: the jobs the server runs itself, with their last run and its result. */
export function ScheduledJobsPanel({ jobs }: { jobs: JobRunView[] }) {
  return (
    <section aria-labelledby="jobs-h" className="stack">
      <h2 id="jobs-h">Scheduled jobs</h2>
      <p className="muted">
        The server runs these itself (one instance at a time, even with several servers on one PostgreSQL database).
        Cron users can still run <code>npm run purge</code>.
      </p>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">Scheduled jobs and their last run</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Last run</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.job}>
                <th scope="row">{j.label}</th>
                <td>
                  <FormattedDate value={j.lastRunAt} missing="Not run yet" />
                </td>
                <td>
                  {j.ok === false ? <span className="badge status-revoked">Failed</span> : null} {j.lastResult ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
