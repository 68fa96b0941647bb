import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { ReminderSettingsForm, ScheduledJobsPanel } from "~/components/reminders-and-jobs";
import { getReminderSettings, updateReminderSettings } from "~/models/invitation-reminders.server";
import { listJobRuns } from "~/models/job-leases.server";
import { JOB_NAMES } from "~/models/scheduled-jobs.server";
import { readIntent } from "~/utils/form-intent.server";
import { reminderSettingsSchema } from "~/utils/schemas/invitations.server";
import { getOrganization, updateOrganizationSettings } from "~/models/organization.server";
import trustCss from "~/styles/trust.css?url";
import { parseForm } from "~/utils/form.server";
import { languageName, LOCALE_NAMES, LOCALES } from "~/i18n/locale";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, settingsSchema } from "~/utils/schemas/settings.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: trustCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.settings");
  const [org, reminders, runs] = await Promise.all([
    getOrganization(user.organizationId),
    getReminderSettings(user.organizationId),
    listJobRuns(),
  ]);
  if (!org) throw new Response("Not found", { status: 404 });
  const byJob = new Map(runs.map((r) => [r.job, r]));
  const t = staffT(user.locale, "admin");
  return {
    title: t("settings.title"),
    reminders,
    // Job results are stored as catalog keys (scheduled-jobs.server.ts): said here in the reader's language.
    jobs: JOB_NAMES.map((job) => {
      const run = byJob.get(job);
      return {
        job,
        label: t(`jobs.label.${job}`),
        lastRunAt: run?.lastRunAt ?? null,
        lastResult: run?.lastResult ? t.message(run.lastResult) : null,
        ok: run?.ok ?? null,
      };
    }),
    settings: {
      retentionDays: org.retention_days,
      showScoresToCandidates: org.show_scores_to_candidates === 1,
      defaultLocale: org.default_locale,
      staffLanguage: org.staff_language,
    },
    limits: { minRetention: MIN_RETENTION_DAYS, maxRetention: MAX_RETENTION_DAYS },
    locales: LOCALES.map((code) => ({ code, name: languageName(code, user.locale), endonym: LOCALE_NAMES[code] })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "app.settings");
  if ((await readIntent(request)) === "reminders") {
    const parsed = await parseForm(request, reminderSettingsSchema, { locale: user.locale });
    if (!parsed.ok) return data({ ...parsed, intent: "reminders" as const }, 400);
    await updateReminderSettings(user.organizationId, parsed.data, user);
    return data({ ok: true as const, intent: "reminders" as const });
  }
  const parsed = await parseForm(request, settingsSchema, { locale: user.locale });
  if (!parsed.ok) return data({ ...parsed, intent: "settings" as const }, 400);
  await updateOrganizationSettings(user.organizationId, parsed.data, user);
  return data({ ok: true as const, intent: "settings" as const });
}

export default function Settings() {
  const { settings, locales, reminders, jobs, limits } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useStaffT("admin");
  const actionData = posted?.intent === "settings" ? posted : undefined;
  const reminderResult = posted?.intent === "reminders" ? posted : undefined;
  const failure = actionData && !actionData.ok ? actionData : null;
  return (
    <div className="stack narrow">
      <h1>{t("settings.heading")}</h1>
      {actionData?.ok ? (
        <p className="alert success" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {t.message(failure.formError)}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <Field
          label={t("settings.retentionLabel")}
          hint={t("settings.retentionHint")}
          errors={failure?.fieldErrors.retentionDays}
          inputProps={{
            name: "retentionDays",
            type: "number",
            min: limits.minRetention,
            max: limits.maxRetention,
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
            {t("settings.showScores")}
          </label>
        </div>
        <div>
          <label htmlFor="defaultLocale">{t("settings.defaultLocale")}</label>
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
          <label htmlFor="staffLanguage">{t("settings.staffLanguage")}</label>
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
            {busy ? t("common:saving") : t("settings.save")}
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
        <h2 id="integrations">{t("settings.integrations")}</h2>
        <p>
          <a href="/app/settings/api">{t("settings.apiLink")}</a> ·{" "}
          <a href="/app/settings/webhooks">{t("settings.webhooksLink")}</a>
        </p>
      </section>
    </div>
  );
}
