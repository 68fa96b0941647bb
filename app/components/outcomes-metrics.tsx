// The metrics of the outcomes page (issue 17): the table of the organization's metrics with this position's counts,
// and the form for a new metric.
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import type { MetricRow, OutcomesActionData } from "~/components/outcomes-page";
import { useStaffT } from "~/i18n/staff";

export function MetricsTable({ metrics, minRatings }: { metrics: MetricRow[]; minRatings: number }) {
  const t = useStaffT("outcomes");
  return (
    <section aria-labelledby="metrics-h">
      <h2 id="metrics-h">{t("metrics.heading")}</h2>
      {metrics.length === 0 ? (
        <p className="muted">{t("metrics.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">{t("metrics.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("metrics.metric")}</th>
                <th scope="col">{t("metrics.key")}</th>
                <th scope="col">{t("metrics.betterWhen")}</th>
                <th scope="col">{t("metrics.agents")}</th>
                <th scope="col">{t("metrics.hires")}</th>
                <th scope="col">{t("metrics.fewRatings", { min: minRatings })}</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.label}
                    {m.unit ? <span className="muted"> ({m.unit})</span> : null}
                  </td>
                  <td>
                    <code>{m.key}</code>
                  </td>
                  <td>{m.direction === "higher" ? t("metrics.higher") : t("metrics.lower")}</td>
                  <td>{m.agents}</td>
                  <td>{m.hires}</td>
                  <td>{m.fewRatings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function NewMetricForm({
  failure,
  suggestedKey,
  formKey,
  busy,
}: {
  failure: OutcomesActionData | null;
  suggestedKey: string;
  /** A new key after a metric was created empties the form. */
  formKey: string;
  busy: boolean;
}) {
  const t = useStaffT("outcomes");
  return (
    <section aria-labelledby="metric-h">
      <h2 id="metric-h">{t("metric.heading")}</h2>
      {failure?.formError ? (
        <p className="alert error" role="alert">
          {failure.formError}
        </p>
      ) : null}
      <Form method="post" className="stack narrow" noValidate key={formKey}>
        <input type="hidden" name="intent" value="create-metric" />
        <Field
          label={t("metric.key")}
          hint={t("metric.keyHint")}
          errors={failure?.fieldErrors?.key}
          inputProps={{ id: "metric-key", name: "key", type: "text", maxLength: 50, defaultValue: suggestedKey }}
        />
        <Field
          label={t("metric.label")}
          errors={failure?.fieldErrors?.label}
          inputProps={{
            id: "metric-label",
            name: "label",
            type: "text",
            maxLength: 100,
            defaultValue: String(failure?.values?.label ?? ""),
          }}
        />
        <Field
          label={t("metric.unit")}
          errors={failure?.fieldErrors?.unit}
          inputProps={{
            id: "metric-unit",
            name: "unit",
            type: "text",
            maxLength: 30,
            defaultValue: String(failure?.values?.unit ?? ""),
          }}
        />
        <fieldset>
          <legend>{t("metric.better")}</legend>
          <label>
            <input
              type="radio"
              name="direction"
              value="higher"
              defaultChecked={failure?.values?.direction !== "lower"}
            />{" "}
            {t("metric.higher")}
          </label>
          <label>
            <input
              type="radio"
              name="direction"
              value="lower"
              defaultChecked={failure?.values?.direction === "lower"}
            />{" "}
            {t("metric.lower")}
          </label>
          {failure?.fieldErrors?.direction ? (
            <p className="error-list">{failure.fieldErrors.direction.join(" ")}</p>
          ) : null}
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            {t("metric.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
