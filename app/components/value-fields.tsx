import { Field, TextareaField, ErrorList } from "~/components/field";
import { useStaffT } from "~/i18n/staff";

export type ValueFieldValues = {
  name?: string;
  description?: string;
  iStatement?: string;
  metrics?: string[];
  direction?: string;
  weight?: number | string;
};

const METRIC_LIST_ID = "metric-suggestions";

/** Datalist of suggested key metrics; render once per page that shows ValueFields. */
export function MetricSuggestions({ metrics }: { metrics: readonly string[] }) {
  return (
    <datalist id={METRIC_LIST_ID}>
      {metrics.map((m) => (
        <option key={m} value={m} />
      ))}
    </datalist>
  );
}

/** Name, description, “I” statement, key metrics, direction and weight of an organization value. */
export function ValueFields({
  idPrefix,
  values,
  errors,
}: {
  idPrefix: string;
  values: ValueFieldValues;
  errors: Record<string, string[] | undefined>;
}) {
  const t = useStaffT("content");
  const metrics = [...(values.metrics ?? [])];
  while (metrics.length < Math.max(4, (values.metrics?.length ?? 0) + 2)) metrics.push("");
  const metricErrors = Object.entries(errors)
    .filter(([k]) => k === "metrics" || k.startsWith("metrics."))
    .flatMap(([, v]) => v ?? []);
  return (
    <>
      <Field
        label={t("fields.nameLabel")}
        errors={errors.name}
        inputProps={{ id: `${idPrefix}-name`, name: "name", required: true, defaultValue: values.name ?? "" }}
      />
      <TextareaField
        label={t("fields.descriptionLabel")}
        errors={errors.description}
        textareaProps={{
          id: `${idPrefix}-description`,
          name: "description",
          rows: 2,
          defaultValue: values.description ?? "",
        }}
      />
      <Field
        label={t("fields.statementLabel")}
        hint={t("fields.statementHint")}
        errors={errors.iStatement}
        inputProps={{ id: `${idPrefix}-istatement`, name: "iStatement", defaultValue: values.iStatement ?? "" }}
      />
      <fieldset aria-describedby={metricErrors.length ? `${idPrefix}-metrics-error` : undefined}>
        <legend>{t("fields.metricsLegend")}</legend>
        <p className="muted">{t("fields.metricsHint")}</p>
        <div className="row">
          {metrics.map((metric, index) => (
            <input
              key={index}
              name="metrics"
              list={METRIC_LIST_ID}
              aria-label={t("fields.metricN", { n: index + 1 })}
              aria-invalid={metricErrors.length ? true : undefined}
              defaultValue={metric}
              className="metric-input"
            />
          ))}
        </div>
        <ErrorList id={`${idPrefix}-metrics-error`} errors={metricErrors} />
      </fieldset>
      <div>
        <label htmlFor={`${idPrefix}-direction`}>{t("fields.direction")}</label>
        <div id={`${idPrefix}-direction-hint`} className="muted">
          {t("fields.directionHint")}
        </div>
        <select
          id={`${idPrefix}-direction`}
          name="direction"
          defaultValue={values.direction ?? "higher"}
          aria-describedby={`${idPrefix}-direction-hint`}
          aria-invalid={errors.direction?.length ? true : undefined}
        >
          <option value="higher">{t("fields.higher")}</option>
          <option value="target">{t("fields.target")}</option>
        </select>
        <ErrorList errors={errors.direction} />
      </div>
      <Field
        label={t("fields.weight")}
        hint={t("fields.weightHint")}
        errors={errors.weight}
        inputProps={{
          id: `${idPrefix}-weight`,
          name: "weight",
          type: "number",
          step: "any",
          min: "0.1",
          required: true,
          defaultValue: String(values.weight ?? 1),
        }}
      />
    </>
  );
}
