import { Form, Link, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { MIN_RATINGS } from "~/utils/outcomes-csv";

type MetricRow = {
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
};

type Problem = { row: number; column: string | null; message: string };

export type OutcomesActionData = {
  ok: boolean;
  intent?: string;
  message?: string;
  formError?: string | null;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, unknown>;
  problems?: Problem[];
  unknownMetrics?: string[];
  result?: {
    metrics: { key: string; label: string; added: number; changed: number; unchanged: number }[];
    skipped: number;
    fewRatings: { label: string; count: number }[];
  };
};

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function UploadResult({ result }: { result: NonNullable<OutcomesActionData["result"]> }) {
  return (
    <div className="alert success" role="status">
      {result.metrics.map((m) => (
        <p key={m.key}>
          {m.label}: {plural(m.added + m.changed + m.unchanged, "value")} uploaded — {m.added} new, {m.changed} changed,{" "}
          {m.unchanged} unchanged.
        </p>
      ))}
      {result.skipped > 0 ? <p>{plural(result.skipped, "row")} without a value were skipped.</p> : null}
      {result.fewRatings.length > 0 ? (
        <p>
          Fewer than {MIN_RATINGS} ratings (the average is mostly noise):{" "}
          {result.fewRatings.map((p) => `${p.label} (${p.count})`).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}

function Problems({ data }: { data: OutcomesActionData }) {
  return (
    <div className="alert error" role="alert">
      <p>{data.formError}</p>
      {data.problems?.length ? (
        <ul className="problems">
          {data.problems.map((p, i) => (
            <li key={i}>
              Row {p.row}
              {p.column ? `, column “${p.column}”` : ""}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CsvInputs({ prefix, pasted }: { prefix: string; pasted: string }) {
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-file`}>CSV file</label>
        <input id={`${prefix}-file`} name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div>
        <label htmlFor={`${prefix}-csv`}>…or paste the CSV</label>
        <textarea id={`${prefix}-csv`} name="csv" rows={6} spellCheck={false} defaultValue={pasted} />
      </div>
    </>
  );
}

export function OutcomesPage({
  overview,
  actionData,
}: {
  overview: OutcomesOverviewView;
  actionData?: OutcomesActionData;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null;
  const base = `/app/positions/${overview.position.id}`;
  const failed = actionData && !actionData.ok ? actionData : null;
  const metricFailure = failed?.intent === "create-metric" ? failed : null;
  const pastedFor = (intent: string) => (failed?.intent === intent ? String(failed.values?.csv ?? "") : "");
  const suggestedKey = String(metricFailure?.values?.key ?? failed?.unknownMetrics?.[0] ?? "");
  return (
    <>
      <h1>Outcomes</h1>
      <p>
        How well do your people do the job? Upload CSAT, QA scores or handling times for the{" "}
        {plural(overview.agents, "agent")} who answered and the {plural(overview.hires, "hired candidate")} of this
        position. The <Link to={`${base}/validity`}>validity page</Link> then shows whether each value goes with doing
        the job well.
      </p>
      <p className="muted">
        Every upload is checked whole first: if any row is wrong, nothing is saved. Uploading a value again for the same
        person and metric replaces it; people not in the file keep theirs.
      </p>

      {actionData?.ok && actionData.result ? <UploadResult result={actionData.result} /> : null}
      {actionData?.ok && actionData.message ? (
        <p className="alert success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {failed && !metricFailure ? <Problems data={failed} /> : null}

      <section aria-labelledby="metrics-h">
        <h2 id="metrics-h">Metrics</h2>
        {overview.metrics.length === 0 ? (
          <p className="muted">No metric yet: create one below (e.g. csat, qa-score, aht).</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="sr-only">Metrics of your organization and how many values this position has</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Key</th>
                  <th scope="col">Better when</th>
                  <th scope="col">Agents with a value</th>
                  <th scope="col">Hires with a value</th>
                  <th scope="col">Fewer than {MIN_RATINGS} ratings</th>
                </tr>
              </thead>
              <tbody>
                {overview.metrics.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.label}
                      {m.unit ? <span className="muted"> ({m.unit})</span> : null}
                    </td>
                    <td>
                      <code>{m.key}</code>
                    </td>
                    <td>{m.direction === "higher" ? "higher" : "lower"}</td>
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

      <section aria-labelledby="values-h">
        <h2 id="values-h">Upload values</h2>
        <p>
          Header <code>email,metric,value</code>: one row per person and metric, the value a number like 4.5. People are
          named by the email they were invited with (agents imported from a CSV by their respondent id).{" "}
          <a href={`${base}/outcomes-template.csv`} download>
            Download the template
          </a>{" "}
          with everyone of this position.
        </p>
        <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
          <input type="hidden" name="intent" value="upload-values" />
          <CsvInputs prefix="values" pasted={pastedFor("upload-values")} />
          <div>
            <button type="submit" disabled={busy === "upload-values"}>
              {busy === "upload-values" ? "Checking…" : "Check and save values"}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="ratings-h">
        <h2 id="ratings-h">Upload per-ticket ratings</h2>
        <p>
          As helpdesks export them: header <code>email,rating</code> (optionally <code>,date</code>), one row per rated
          ticket, the rating <code>good</code>/<code>bad</code> or 1–5. Each person gets the average (good/bad: the
          percentage of good ratings) with its count; fewer than {MIN_RATINGS} ratings are marked, because an average of
          a handful of ratings is mostly noise.
        </p>
        {overview.metrics.length === 0 ? (
          <p className="muted">Create a metric first.</p>
        ) : (
          <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
            <input type="hidden" name="intent" value="upload-ratings" />
            <div>
              <label htmlFor="ratings-metric">Metric</label>
              <select
                id="ratings-metric"
                name="metric"
                defaultValue={String(failed?.intent === "upload-ratings" ? (failed.values?.metric ?? "") : "")}
              >
                {overview.metrics.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label} ({m.key})
                  </option>
                ))}
              </select>
            </div>
            <CsvInputs prefix="ratings" pasted={pastedFor("upload-ratings")} />
            <div>
              <button type="submit" disabled={busy === "upload-ratings"}>
                {busy === "upload-ratings" ? "Checking…" : "Check and save ratings"}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="metric-h">
        <h2 id="metric-h">New metric</h2>
        {metricFailure?.formError ? (
          <p className="alert error" role="alert">
            {metricFailure.formError}
          </p>
        ) : null}
        <Form method="post" className="stack narrow" noValidate key={actionData?.ok ? actionData.message : "metric"}>
          <input type="hidden" name="intent" value="create-metric" />
          <Field
            label="Key"
            hint="As in the CSV's metric column: lower-case letters, digits and dashes, e.g. csat or qa-score."
            errors={metricFailure?.fieldErrors?.key}
            inputProps={{ id: "metric-key", name: "key", type: "text", maxLength: 50, defaultValue: suggestedKey }}
          />
          <Field
            label="Label"
            errors={metricFailure?.fieldErrors?.label}
            inputProps={{
              id: "metric-label",
              name: "label",
              type: "text",
              maxLength: 100,
              defaultValue: String(metricFailure?.values?.label ?? ""),
            }}
          />
          <Field
            label="Unit (optional)"
            errors={metricFailure?.fieldErrors?.unit}
            inputProps={{
              id: "metric-unit",
              name: "unit",
              type: "text",
              maxLength: 30,
              defaultValue: String(metricFailure?.values?.unit ?? ""),
            }}
          />
          <fieldset>
            <legend>Which values are better?</legend>
            <label>
              <input
                type="radio"
                name="direction"
                value="higher"
                defaultChecked={metricFailure?.values?.direction !== "lower"}
              />{" "}
              Higher (e.g. CSAT, QA score)
            </label>
            <label>
              <input
                type="radio"
                name="direction"
                value="lower"
                defaultChecked={metricFailure?.values?.direction === "lower"}
              />{" "}
              Lower (e.g. handling time)
            </label>
            {metricFailure?.fieldErrors?.direction ? (
              <p className="error-list">{metricFailure.fieldErrors.direction.join(" ")}</p>
            ) : null}
          </fieldset>
          <div>
            <button type="submit" disabled={busy === "create-metric"}>
              Create metric
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
