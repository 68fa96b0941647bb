import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { ReminderSettingsForm, ScheduledJobsPanel } from "~/components/reminders-and-jobs";
import { getReminderSettings, updateReminderSettings } from "~/models/invitation-reminders.server";
import { listJobRuns } from "~/models/job-leases.server";
import { JOB_LABELS } from "~/models/scheduled-jobs.server";
import { readIntent } from "~/utils/form-intent.server";
import { reminderSettingsSchema } from "~/utils/schemas/invitations.server";
import { getOrganization, updateOrganizationSettings } from "~/models/organization.server";
import trustCss from "~/styles/trust.css?url";
import { parseForm } from "~/utils/form.server";
import { languageName, LOCALE_NAMES, LOCALES } from "~/i18n/locale";
import { settingsSchema } from "~/utils/schemas/settings.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction = () => [{ title: "Settings · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.settings");
  const [org, reminders, runs] = await Promise.all([
    getOrganization(user.organizationId),
    getReminderSettings(user.organizationId),
    listJobRuns(),
  ]);
  if (!org) throw new Response("Not found", { status: 404 });
  const byJob = new Map(runs.map((r) => [r.job, r]));
  return {
    reminders,
    jobs: Object.entries(JOB_LABELS).map(([job, label]) => ({
      job,
      label,
      lastRunAt: byJob.get(job)?.lastRunAt ?? null,
      lastResult: byJob.get(job)?.lastResult ?? null,
      ok: byJob.get(job)?.ok ?? null,
    })),
    settings: {
      retentionDays: org.retention_days,
      showScoresToCandidates: org.show_scores_to_candidates === 1,
      defaultLocale: org.default_locale,
      staffLanguage: org.staff_language,
    },
    locales: LOCALES.map((code) => ({ code, name: languageName(code), endonym: LOCALE_NAMES[code] })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.settings");
  if ((await readIntent(request)) === "reminders") {
    const parsed = await parseForm(request, reminderSettingsSchema);
    if (!parsed.ok) return data({ ...parsed, intent: "reminders" as const }, 400);
    await updateReminderSettings(user.organizationId, parsed.data, user);
    return data({ ok: true as const, intent: "reminders" as const });
  }
  const parsed = await parseForm(request, settingsSchema);
  if (!parsed.ok) return data({ ...parsed, intent: "settings" as const }, 400);
  await updateOrganizationSettings(user.organizationId, parsed.data, user);
  return data({ ok: true as const, intent: "settings" as const });
}

export default function Settings() {
  const { settings, locales, reminders, jobs } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const actionData = posted?.intent === "settings" ? posted : undefined;
  const reminderResult = posted?.intent === "reminders" ? posted : undefined;
  const failure = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="stack narrow">
      <h1>Settings</h1>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          Settings saved.
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {failure.formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label="Keep candidate data for (days)"
          hint="Candidates are erased this many days after they submitted (or were invited, if they never submitted) when the retention purge runs (every 6 hours in the server, or npm run purge)."
          errors={failure?.fieldErrors.retentionDays}
          inputProps={{
            name: "retentionDays",
            type: "number",
            min: 30,
            max: 3650,
            required: true,
            defaultValue: String(failure?.values.retentionDays ?? settings.retentionDays),
          }}
        />
        <div className="choices">
          <label>
            <input
              type="checkbox"
              name="showScoresToCandidates"
              defaultChecked={
                failure ? failure.values.showScoresToCandidates === "on" : settings.showScoresToCandidates
              }
            />
            Show candidates their own value scores after they submit
          </label>
        </div>
        <div>
          <label htmlFor="defaultLocale">Default language of invitations</label>
          <select
            id="defaultLocale"
            name="defaultLocale"
            defaultValue={String(failure?.values.defaultLocale ?? settings.defaultLocale)}
          >
            {locales.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="staffLanguage">Default language of the staff area</label>
          <select
            id="staffLanguage"
            name="staffLanguage"
            defaultValue={String(failure?.values.staffLanguage ?? settings.staffLanguage)}
          >
            {locales.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.endonym}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </button>
        </div>
      </Form>
      <ReminderSettingsForm
        reminders={reminders}
        failure={reminderResult && !reminderResult.ok ? reminderResult : null}
        saved={Boolean(reminderResult?.ok)}
        busy={busy}
      />
      <ScheduledJobsPanel jobs={jobs} />
      <section aria-labelledby="integrations">
        <h2 id="integrations">Integrations</h2>
        <p>
          <a href="/app/settings/api">API keys and reference</a> · <a href="/app/settings/webhooks">Webhooks</a>
        </p>
      </section>
    </div>
  );
}
