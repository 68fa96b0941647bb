// The values page's list of the organization's values and its "start from a template" form.
import { Form, Link } from "@remix-run/react";
import { useStaffT } from "~/i18n/staff";
import type { listOrgValues } from "~/models/values.server";

type OrgValue = Awaited<ReturnType<typeof listOrgValues>>[number];
type Template = { id: string; name: string; description: string };

/** The organization's values in order, with edit and move buttons for admins. */
export function ValuesList({ values, canEdit }: { values: OrgValue[]; canEdit: boolean }) {
  const t = useStaffT("content");
  return (
    <ol className="value-list">
      {values.map((value, index) => (
        <li key={value.id} className="card stack">
          <div className="row">
            <h3 className="value-name">{value.name}</h3>
            <span className="badge">{value.key}</span>
            <span className="badge">{t(value.direction === "higher" ? "list.higher" : "list.target")}</span>
            <span className="badge">{t("list.weight", { weight: value.weight })}</span>
            {value.bankValue ? <span className="badge">{t("list.bank", { bank: value.bankValue })}</span> : null}
          </div>
          {value.description ? <p>{value.description}</p> : null}
          {value.iStatement ? <p className="i-statement">{value.iStatement}</p> : null}
          {value.metrics.length > 0 ? (
            <p className="muted">{t("list.metrics", { metrics: value.metrics.join(", ") })}</p>
          ) : null}
          {canEdit ? (
            <div className="row">
              <Link to={`/app/values/${value.id}`} className="button secondary">
                {t("common:edit")} <span className="sr-only">{value.name}</span>
              </Link>
              <Form method="post">
                <input type="hidden" name="valueId" value={value.id} />
                <button type="submit" name="intent" value="move-up" className="secondary" disabled={index === 0}>
                  {t("list.moveUp")} <span className="sr-only">{value.name}</span>
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
                  {t("list.moveDown")} <span className="sr-only">{value.name}</span>
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
  const t = useStaffT("content");
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="apply-template" />
      {formError ? (
        <p className="alert warning" role="alert">
          {t.message(formError)}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("template.legend")}</legend>
        <div className="choices">
          {templates.map((template, i) => (
            <label key={template.id}>
              <input
                type="radio"
                name="template"
                value={template.id}
                defaultChecked={chosen ? chosen === template.id : i === 0}
              />
              <span>
                <strong>{template.name}</strong> <span className="muted">{template.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {asksToReplace ? (
        <label className="checkbox">
          <input type="checkbox" name="confirm" value="yes" /> {t("template.replace")}
        </label>
      ) : null}
      <div>
        <button type="submit" disabled={busy}>
          {t("template.apply")}
        </button>
      </div>
    </Form>
  );
}
