// Parts of the questionnaire builder page (app/routes/app.questionnaires.$questionnaireId._index.tsx).
import { Form } from "@remix-run/react";
import { ErrorList, TextareaField } from "~/components/field";
import { FormattedDate } from "~/components/formatted-date";
import { languageName } from "~/i18n/locale";
import type { BalanceWarning, BuilderValue } from "~/models/questionnaire.server";
import type { Item } from "~/questionnaire/types";
import { SECONDS_PER_ITEM } from "~/utils/presentation-order";

const WARNING_TEXT: Record<BalanceWarning, string> = {
  "few-items": "Fewer than 4 scored items: the value score will be noisy.",
  "no-reverse": "No reverse-keyed (−) item: agreeing with everything would score high.",
  "no-scenario": "No scenario: situational questions are harder to fake than statements.",
};

export function KeyedBadge({ item }: { item: Item }) {
  if (item.type === "scenario") return <span className="badge">scenario</span>;
  return (
    <>
      <span className="badge">{item.type}</span>{" "}
      <span className={`badge keyed-${item.keyed}`} title={item.keyed === "plus" ? "keyed +" : "reverse keyed −"}>
        {item.keyed === "plus" ? "+" : "−"}
        <span className="sr-only">{item.keyed === "plus" ? " keyed" : " reverse keyed"}</span>
      </span>
    </>
  );
}

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
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
  return (
    <section aria-labelledby="summary-heading" className="card stack">
      <h2 id="summary-heading">Draft summary</h2>
      <p>
        {valueCount} value{valueCount === 1 ? "" : "s"}, {itemCount} scored items
        {attentionCount !== null ? `, ${attentionCount} attention checks` : ""}
        {virtueCount !== null ? `, ${virtueCount} unlikely-virtue statements` : ""}. Estimated duration:{" "}
        <strong>{formatDuration(estimatedSeconds)}</strong>{" "}
        <span className="muted">
          ({SECONDS_PER_ITEM.likert} s per statement or rating, {SECONDS_PER_ITEM.scenario} s per scenario)
        </span>
      </p>
      <details>
        <summary>Presentation order ({order.length} items, values interleaved)</summary>
        <ol className="order-list">
          {order.map((entry) => (
            <li key={entry.id}>
              <span className="badge">{entry.valueId ?? entry.type}</span> {entry.text}
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
  return (
    <fieldset className="value-block">
      <legend>{value.name}</legend>
      <label className="checkbox">
        <input type="checkbox" name="values" value={value.key} defaultChecked={value.included} />
        Include {value.name} in this questionnaire
      </label>
      <p className="muted">{value.itemCount} items picked.</p>
      {value.included && value.warnings.length > 0 ? (
        <ul className="alert warning" aria-label={`Balance warnings for ${value.name}`}>
          {value.warnings.map((w) => (
            <li key={w}>{WARNING_TEXT[w]}</li>
          ))}
        </ul>
      ) : null}
      {value.bankValue === null && value.bankItems.length === 0 ? (
        <p className="muted">A custom value: write its items below.</p>
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
                    <span className="muted"> Options: {item.options.map((o) => o.text).join(" / ")}</span>
                  ) : null}
                </span>
              </label>
              <button type="submit" name="intent" value={`reword:${item.id}`} className="secondary reword">
                Reword as a custom item <span className="sr-only">{item.id}</span>
              </button>
            </li>
          ),
        )}
      </ul>
      {value.customItems.length > 0 ? (
        <>
          <h3 className="custom-heading">Custom items</h3>
          <ul className="item-list">
            {value.customItems.map((item) => (
              <li key={item.id} className="row">
                <span>
                  <KeyedBadge item={item} /> <span className="muted">{item.id}</span> {item.text}
                </span>
                <span className="row">
                  <a href={`?edit=${item.id}#edit-custom`}>
                    Edit texts and translations <span className="sr-only">of {item.id}</span>
                  </a>
                  <button type="submit" name="intent" value={`remove:${item.id}`} className="secondary">
                    Remove <span className="sr-only">{item.id}</span>
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
  return (
    <section aria-labelledby="custom-item-heading" className="stack narrow">
      <h2 id="custom-item-heading">Write a custom item</h2>
      {formError ? (
        <p className="alert error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate key={formKey}>
        <input type="hidden" name="intent" value="add-custom" />
        <div>
          <label htmlFor="custom-value">Value</label>
          <select id="custom-value" name="value" defaultValue={submitted.value ?? values[0]?.key}>
            {values.map((v) => (
              <option key={v.key} value={v.key}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="custom-type">Type</label>
          <select id="custom-type" name="type" defaultValue={submitted.type ?? "likert"}>
            <option value="likert">Statement (1–5, Strongly disagree to Strongly agree)</option>
            <option value="rating">Rating (0–10)</option>
            <option value="scenario">Scenario (pick one option)</option>
          </select>
        </div>
        <TextareaField
          label="Text"
          hint="A statement starts with “I …”; a scenario describes a situation and asks what the respondent does."
          errors={fieldErrors?.text}
          textareaProps={{ id: "custom-text", name: "text", rows: 2, defaultValue: submitted.text ?? "" }}
        />
        <fieldset
          aria-invalid={fieldErrors?.keyed ? true : undefined}
          aria-describedby={fieldErrors?.keyed ? "custom-keyed-error" : undefined}
        >
          <legend>Keying (statements and ratings)</legend>
          <div className="choices">
            <label>
              <input type="radio" name="keyed" value="plus" defaultChecked={submitted.keyed === "plus"} /> + a higher
              answer shows more of the value
            </label>
            <label>
              <input type="radio" name="keyed" value="minus" defaultChecked={submitted.keyed === "minus"} /> − a higher
              answer shows less of the value (reverse keyed)
            </label>
          </div>
          <ErrorList id="custom-keyed-error" errors={fieldErrors?.keyed} />
        </fieldset>
        <TextareaField
          label="Options (scenarios only)"
          hint="2 to 6 options, one per line; make each one plausible."
          errors={fieldErrors?.options}
          textareaProps={{ id: "custom-options", name: "options", rows: 4, defaultValue: submitted.options ?? "" }}
        />
        <div>
          <button type="submit" disabled={busy || values.length === 0}>
            Add custom item
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

/** The published versions with their YAML downloads. */
export function VersionsTable({ versions, base }: { versions: VersionRow[]; base: string }) {
  if (versions.length === 0) return <p className="muted">Not published yet.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="sr-only">Published versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">By</th>
            <th scope="col">Values</th>
            <th scope="col">Items</th>
            <th scope="col">Languages</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>v{v.version}</td>
              <td>
                <FormattedDate value={v.publishedAt} />
              </td>
              <td>{v.publishedBy ?? "seed"}</td>
              <td>{v.valueCount}</td>
              <td>{v.itemCount}</td>
              <td>{v.locales.map((code) => languageName(code)).join(", ")}</td>
              <td>
                <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>
              </td>
              <td>
                <a href={`${base}/versions/${v.version}/yaml`} download>
                  YAML <span className="sr-only">of version {v.version}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
