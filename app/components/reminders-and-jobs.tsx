import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { useStaffT } from "~/i18n/staff";

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
  const t = useStaffT("admin");
  return (
    <section aria-labelledby="reminders-h" className="stack">
      <h2 id="reminders-h">{t("reminders.heading")}</h2>
      {saved ? (
        <p className="alert success" role="status">
          {t("reminders.saved")}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {t.message(failure.formError)}
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
            {t("reminders.enabled")}
          </label>
        </div>
        <Field
          label={t("reminders.daysLabel")}
          hint={t("reminders.daysHint")}
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
            {t("reminders.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Settings: the jobs the server runs itself, with their last run and its result. */
export function ScheduledJobsPanel({ jobs }: { jobs: JobRunView[] }) {
  const t = useStaffT("admin");
  return (
    <section aria-labelledby="jobs-h" className="stack">
      <h2 id="jobs-h">{t("jobs.heading")}</h2>
      <p className="muted">
        {t("jobs.intro")} <code>npm run purge</code>.
      </p>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{t("jobs.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("jobs.job")}</th>
              <th scope="col">{t("jobs.lastRun")}</th>
              <th scope="col">{t("jobs.result")}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.job}>
                <th scope="row">{j.label}</th>
                <td>
                  <FormattedDate value={j.lastRunAt} missing={t("jobs.notRun")} />
                </td>
                <td>
                  {j.ok === false ? <span className="badge status-revoked">{t("jobs.failedBadge")}</span> : null}{" "}
                  {j.lastResult ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
