// The values page's list of the organization's values and its "start from a template" form.
import { Form, Link } from "@remix-run/react";
import type { listOrgValues } from "~/models/values.server";

type OrgValue = Awaited<ReturnType<typeof listOrgValues>>[number];
type Template = { id: string; name: string; description: string };

/** The organization's values in order, with edit and move buttons for admins. */
export function ValuesList({ values, canEdit }: { values: OrgValue[]; canEdit: boolean }) {
  return (
    <ol className="value-list">
      {values.map((value, index) => (
        <li key={value.id} className="card stack">
          <div className="row">
            <h3 className="value-name">{value.name}</h3>
            <span className="badge">{value.key}</span>
            <span className="badge">{value.direction === "higher" ? "higher is better" : "target"}</span>
            <span className="badge">weight {value.weight}</span>
            {value.bankValue ? <span className="badge">bank: {value.bankValue}</span> : null}
          </div>
          {value.description ? <p>{value.description}</p> : null}
          {value.iStatement ? <p className="i-statement">{value.iStatement}</p> : null}
          {value.metrics.length > 0 ? <p className="muted">Key metrics: {value.metrics.join(", ")}</p> : null}
          {canEdit ? (
            <div className="row">
              <Link to={`/app/values/${value.id}`} className="button secondary">
                Edit <span className="sr-only">{value.name}</span>
              </Link>
              <Form method="post">
                <input type="hidden" name="valueId" value={value.id} />
                <button type="submit" name="intent" value="move-up" className="secondary" disabled={index === 0}>
                  Move up <span className="sr-only">{value.name}</span>
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="valueId" value={value.id} />
                <button
                  type="submit"
                  name="intent"
                  value="move-down"
                  className="secondary"
                  disabled={index === values.length - 1}
                >
                  Move down <span className="sr-only">{value.name}</span>
                </button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Applies one of the value templates; asks before replacing a vision or values that exist. */
export function TemplateForm({
  templates,
  formError,
  chosen,
  asksToReplace,
  busy,
}: {
  templates: Template[];
  formError?: string | null;
  chosen?: string;
  asksToReplace: boolean;
  busy: boolean;
}) {
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="apply-template" />
      {formError ? (
        <p className="alert warning" role="alert">
          {formError}
        </p>
      ) : null}
      <fieldset>
        <legend>Template</legend>
        <div className="choices">
          {templates.map((t, i) => (
            <label key={t.id}>
              <input type="radio" name="template" value={t.id} defaultChecked={chosen ? chosen === t.id : i === 0} />
              <span>
                <strong>{t.name}</strong> <span className="muted">{t.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {asksToReplace ? (
        <label className="checkbox">
          <input type="checkbox" name="confirm" value="yes" /> Replace what I have (vision and values with the same key)
        </label>
      ) : null}
      <div>
        <button type="submit" disabled={busy}>
          Apply template
        </button>
      </div>
    </Form>
  );
}
