// Parts of the questionnaire builder page (app/routes/app.questionnaires.$questionnaireId._index.tsx).
import { Form } from "@remix-run/react";
import { ErrorList, TextareaField } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { useStaffT } from "~/i18n/staff";
import type { BalanceWarning, BuilderValue } from "~/models/questionnaire.server";
import type { Item } from "~/questionnaire/types";
import { SECONDS_PER_ITEM } from "~/utils/presentation-order";

/** Catalog keys of the balance warnings (questionnaires namespace). */
const WARNING_KEY: Record<BalanceWarning, string> = {
  "few-items": "warnings.fewItems",
  "no-reverse": "warnings.noReverse",
  "no-scenario": "warnings.noScenario",
};

/** Catalog keys of the item types shown on badges and filters. */
export const TYPE_KEY: Record<Item["type"], string> = {
  likert: "types.likert",
  rating: "types.rating",
  scenario: "types.scenario",
};

/** Catalog keys of the unscored checks in the presentation order (their values are null). */
const KIND_KEY: Record<string, string | undefined> = { attention: "kinds.attention", virtue: "kinds.virtue" };

export function KeyedBadge({ item }: { item: Item }) {
  const t = useStaffT("questionnaires");
  if (item.type === "scenario") return <span className="badge">{t("types.scenario")}</span>;
  return (
    <>
      <span className="badge">{t(TYPE_KEY[item.type])}</span>{" "}
      <span
        className={`badge keyed-${item.keyed}`}
        title={item.keyed === "plus" ? t("keyed.plusTitle") : t("keyed.minusTitle")}
      >
        {item.keyed === "plus" ? "+" : "−"}
        <span className="sr-only"> {item.keyed === "plus" ? t("keyed.plus") : t("keyed.minus")}</span>
      </span>
    </>
  );
}

type OrderEntry = { id: string; valueId: string | null; type: string; text: string };

/** The draft's counts, estimated duration and presentation order. */
export function DraftSummary(props: {
  valueCount: number;
  itemCount: number;
  attentionCount: number | null;
  virtueCount: number | null;
  estimatedSeconds: number;
  order: OrderEntry[];
}) {
  const { valueCount, itemCount, attentionCount, virtueCount, estimatedSeconds, order } = props;
  const t = useStaffT("questionnaires");
  const minutes = Math.floor(estimatedSeconds / 60);
  const seconds = estimatedSeconds % 60;
  // A comma-separated list of counts (each one a whole phrase of the catalog).
  const counts = [
    t("summary.values", { count: valueCount }),
    t("summary.items", { count: itemCount }),
    ...(attentionCount !== null ? [t("summary.attention", { count: attentionCount })] : []),
    ...(virtueCount !== null ? [t("summary.virtues", { count: virtueCount })] : []),
  ];
  return (
    <section aria-labelledby="summary-heading" className="card stack">
      <h2 id="summary-heading">{t("summary.heading")}</h2>
      <p>
        {counts.join(", ")}. {t("summary.duration")}{" "}
        <strong>
          {minutes > 0 ? t("summary.minutesSeconds", { minutes, seconds }) : t("summary.seconds", { seconds })}
        </strong>{" "}
        <span className="muted">
          {t("summary.pace", { likert: SECONDS_PER_ITEM.likert, scenario: SECONDS_PER_ITEM.scenario })}
        </span>
      </p>
      <details>
        <summary>{t("summary.order", { count: order.length })}</summary>
        <ol className="order-list">
          {order.map((entry) => (
            <li key={entry.id}>
              <span className="badge">
                {entry.valueId ?? t(KIND_KEY[entry.type] ?? TYPE_KEY[entry.type as Item["type"]])}
              </span>{" "}
              {entry.text}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/**
 * One organization value in the builder form: include it, pick its bank items (or reword one as a custom copy), edit
 * or remove its custom items.
 */
export function ValueBlock({ value, filter }: { value: BuilderValue; filter: Item["type"] | null }) {
  const t = useStaffT("questionnaires");
  return (
    <fieldset className="value-block">
      <legend>{value.name}</legend>
      <label className="checkbox">
        <input type="checkbox" name="values" value={value.key} defaultChecked={value.included} />
        {t("values.include", { value: value.name })}
      </label>
      <p className="muted">{t("values.picked", { count: value.itemCount })}</p>
      {value.included && value.warnings.length > 0 ? (
        <ul className="alert warning" aria-label={t("values.warnings", { value: value.name })}>
          {value.warnings.map((w) => (
            <li key={w}>{t(WARNING_KEY[w], { min: 4 })}</li>
          ))}
        </ul>
      ) : null}
      {value.bankValue === null && value.bankItems.length === 0 ? (
        <p className="muted">{t("values.customValue")}</p>
      ) : null}
      <ul className="item-list">
        {value.bankItems.map((item) =>
          filter && item.type !== filter ? (
            item.picked ? (
              <input key={item.id} type="hidden" name="items" value={item.id} />
            ) : null
          ) : (
            <li key={item.id}>
              <label className="checkbox">
                <input type="checkbox" name="items" value={item.id} defaultChecked={item.picked} />
                <span>
                  <KeyedBadge item={item} /> <span className="muted">{item.id}</span> {item.text}
                  {item.type === "scenario" ? (
                    <span className="muted">
                      {" "}
                      {t("values.options", { options: item.options.map((o) => o.text).join(" / ") })}
                    </span>
                  ) : null}
                </span>
              </label>
              <button type="submit" name="intent" value={`reword:${item.id}`} className="secondary reword">
                {/* The item id as screen-reader text, not aria-label: the checkbox stays the only control labelled
                    by the id (a label query for the id must find the checkbox). */}
                {t("values.reword")} <span className="sr-only">{item.id}</span>
              </button>
            </li>
          ),
        )}
      </ul>
      {value.customItems.length > 0 ? (
        <>
          <h3 className="custom-heading">{t("values.customItems")}</h3>
          <ul className="item-list">
            {value.customItems.map((item) => (
              <li key={item.id} className="row">
                <span>
                  <KeyedBadge item={item} /> <span className="muted">{item.id}</span> {item.text}
                </span>
                <span className="row">
                  <a href={`?edit=${item.id}#edit-custom`} aria-label={t("values.editItem", { item: item.id })}>
                    {t("values.edit")}
                  </a>
                  <button type="submit" name="intent" value={`remove:${item.id}`} className="secondary">
                    {t("values.remove")} <span className="sr-only">{item.id}</span>
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </fieldset>
  );
}

/** The form that writes a custom item into a value of the draft. */
export function CustomItemForm(props: {
  values: { key: string; name: string }[];
  formKey: string;
  busy: boolean;
  formError?: string | null;
  fieldErrors?: Partial<Record<string, string[]>>;
  submitted: Record<string, string | undefined>;
}) {
  const { values, formKey, busy, formError, fieldErrors, submitted } = props;
  const t = useStaffT("questionnaires");
  return (
    <section aria-labelledby="custom-item-heading" className="stack narrow">
      <h2 id="custom-item-heading">{t("custom.heading")}</h2>
      {formError ? (
        <p className="alert error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate key={formKey}>
        <input type="hidden" name="intent" value="add-custom" />
        <div>
          <label htmlFor="custom-value">{t("custom.value")}</label>
          <select id="custom-value" name="value" defaultValue={submitted.value ?? values[0]?.key}>
            {values.map((v) => (
              <option key={v.key} value={v.key}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="custom-type">{t("custom.type")}</label>
          <select id="custom-type" name="type" defaultValue={submitted.type ?? "likert"}>
            <option value="likert">{t("custom.typeLikert")}</option>
            <option value="rating">{t("custom.typeRating")}</option>
            <option value="scenario">{t("custom.typeScenario")}</option>
          </select>
        </div>
        <TextareaField
          label={t("custom.text")}
          hint={t("custom.textHint")}
          errors={fieldErrors?.text}
          textareaProps={{ id: "custom-text", name: "text", rows: 2, defaultValue: submitted.text ?? "" }}
        />
        <fieldset
          aria-invalid={fieldErrors?.keyed ? true : undefined}
          aria-describedby={fieldErrors?.keyed ? "custom-keyed-error" : undefined}
        >
          <legend>{t("custom.keying")}</legend>
          <div className="choices">
            <label>
              <input type="radio" name="keyed" value="plus" defaultChecked={submitted.keyed === "plus"} />{" "}
              {t("custom.keyedPlus")}
            </label>
            <label>
              <input type="radio" name="keyed" value="minus" defaultChecked={submitted.keyed === "minus"} />{" "}
              {t("custom.keyedMinus")}
            </label>
          </div>
          <ErrorList id="custom-keyed-error" errors={fieldErrors?.keyed} />
        </fieldset>
        <TextareaField
          label={t("custom.options")}
          hint={t("custom.optionsHint", { min: 2, max: 6 })}
          errors={fieldErrors?.options}
          textareaProps={{ id: "custom-options", name: "options", rows: 4, defaultValue: submitted.options ?? "" }}
        />
        <div>
          <button type="submit" disabled={busy || values.length === 0}>
            {t("custom.add")}
          </button>
        </div>
      </Form>
    </section>
  );
}

type VersionRow = {
  id: string;
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  sha256: string;
  itemCount: number;
  valueCount: number;
  locales: string[];
};

/** The published versions with their YAML downloads; `languageNames` names each locale in the reader's language. */
export function VersionsTable(props: { versions: VersionRow[]; base: string; languageNames: Record<string, string> }) {
  const { versions, base, languageNames } = props;
  const t = useStaffT("questionnaires");
  if (versions.length === 0) return <p className="muted">{t("versions.none")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="sr-only">{t("versions.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("versions.version")}</th>
            <th scope="col">{t("versions.published")}</th>
            <th scope="col">{t("versions.by")}</th>
            <th scope="col">{t("versions.values")}</th>
            <th scope="col">{t("versions.items")}</th>
            <th scope="col">{t("versions.languages")}</th>
            <th scope="col">SHA-256</th>
            <th scope="col">{t("versions.download")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>v{v.version}</td>
              <td>
                <FormattedDate value={v.publishedAt} />
              </td>
              <td>{v.publishedBy ?? t("versions.seed")}</td>
              <td>{v.valueCount}</td>
              <td>{v.itemCount}</td>
              <td>{v.locales.map((code) => languageNames[code] ?? code).join(", ")}</td>
              <td>
                <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>
              </td>
              <td>
                <a
                  href={`${base}/versions/${v.version}/yaml`}
                  download
                  aria-label={t("versions.yamlOf", { version: v.version })}
                >
                  YAML
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
