// The outcomes page (issue 17) in the reader's language (issue 18): what an upload did or why it was refused, the
// metrics (outcomes-metrics.tsx) and the two uploads (outcomes-uploads.tsx).
import { Link, useNavigation } from "@remix-run/react";
import { CsvProblems, type CsvProblemView } from "~/components/csv-upload";
import { MetricsTable, NewMetricForm } from "~/components/outcomes-metrics";
import { RatingsUpload, ValuesUpload } from "~/components/outcomes-uploads";
import { RichText } from "~/i18n/i18n";
import { useStaffT } from "~/i18n/staff";

export type MetricRow = {
  id: string;
  key: string;
  label: string;
  unit: string;
  direction: "higher" | "lower";
  agents: number;
  hires: number;
  fewRatings: number;
};

export type OutcomesOverviewView = {
  position: { id: string; title: string };
  metrics: MetricRow[];
  agents: number;
  hires: number;
  /** Fewer per-ticket ratings than this are marked (utils/outcomes-csv.ts). */
  minRatings: number;
};

export type OutcomesActionData = {
  ok: boolean;
  intent?: string;
  message?: string;
  formError?: string | null;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, unknown>;
  problems?: CsvProblemView[];
  unknownMetrics?: string[];
  result?: {
    metrics: { key: string; label: string; added: number; changed: number; unchanged: number }[];
    skipped: number;
    fewRatings: { label: string; count: number }[];
  };
};

function UploadResult({
  result,
  minRatings,
}: {
  result: NonNullable<OutcomesActionData["result"]>;
  minRatings: number;
}) {
  const t = useStaffT("outcomes");
  return (
    <div className="alert success" role="status">
      {result.metrics.map((m) => (
        <p key={m.key}>
          {t("upload.uploaded", {
            label: m.label,
            count: m.added + m.changed + m.unchanged,
            added: m.added,
            changed: m.changed,
            unchanged: m.unchanged,
          })}
        </p>
      ))}
      {result.skipped > 0 ? <p>{t("upload.skipped", { count: result.skipped })}</p> : null}
      {result.fewRatings.length > 0 ? (
        <p>
          {t("upload.fewRatings", {
            min: minRatings,
            people: result.fewRatings.map((p) => t("upload.person", { label: p.label, count: p.count })).join(", "),
          })}
        </p>
      ) : null}
    </div>
  );
}

export function OutcomesPage({
  overview,
  actionData,
}: {
  overview: OutcomesOverviewView;
  actionData?: OutcomesActionData;
}) {
  const t = useStaffT("outcomes");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null;
  const base = `/app/positions/${overview.position.id}`;
  const failed = actionData && !actionData.ok ? actionData : null;
  const metricFailure = failed?.intent === "create-metric" ? failed : null;
  const pastedFor = (intent: string) => (failed?.intent === intent ? String(failed.values?.csv ?? "") : "");
  return (
    <>
      <h1>{t("page.title")}</h1>
      <p>
        <RichText
          text={t("page.intro", {
            agents: t("page.agents", { count: overview.agents }),
            hires: t("page.hires", { count: overview.hires }),
          })}
          link={(text) => <Link to={`${base}/validity`}>{text}</Link>}
        />
      </p>
      <p className="muted">{t("page.wholeUpload")}</p>

      {actionData?.ok && actionData.result ? (
        <UploadResult result={actionData.result} minRatings={overview.minRatings} />
      ) : null}
      {actionData?.ok && actionData.message ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {failed && !metricFailure ? <CsvProblems formError={failed.formError} problems={failed.problems} /> : null}

      <MetricsTable metrics={overview.metrics} minRatings={overview.minRatings} />
      <ValuesUpload base={base} pasted={pastedFor("upload-values")} busy={busy === "upload-values"} />
      <RatingsUpload
        metrics={overview.metrics}
        minRatings={overview.minRatings}
        pasted={pastedFor("upload-ratings")}
        chosen={String(failed?.intent === "upload-ratings" ? (failed.values?.metric ?? "") : "")}
        busy={busy === "upload-ratings"}
      />
      <NewMetricForm
        failure={metricFailure}
        suggestedKey={String(metricFailure?.values?.key ?? failed?.unknownMetrics?.[0] ?? "")}
        formKey={actionData?.ok ? (actionData.message ?? "metric") : "metric"}
        busy={busy === "create-metric"}
      />
    </>
  );
}
