// Editing a draft's content on the builder page: a custom item's texts in every language, a value's interview probes,
// and the publish step that names missing translations before it drops languages (issue 21, point 5).
import { Form, Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import { ErrorList, TextareaField } from "~/components/field";
import { VersionsTable } from "~/components/questionnaire-builder";
import { languageName } from "~/i18n/locale";
import type { TranslatedItem } from "~/questionnaire/translations";
import type { Item } from "~/questionnaire/types";

type FieldErrors = Partial<Record<string, string[]>>;
type EditableItem = Item & { translations: Record<string, TranslatedItem> };

function translatedText(t: TranslatedItem | undefined): string {
  return t === undefined ? "" : typeof t === "string" ? t : t.text;
}

function translatedOptions(item: Item, t: TranslatedItem | undefined): string {
  if (item.type !== "scenario" || t === undefined || typeof t === "string") return "";
  return item.options.map((o) => t.options[o.id] ?? "").join("\n");
}

/** A custom item's English text, keying, options and, in a table beside the English, its text in each language. */
export function CustomItemEditor(props: {
  item: EditableItem;
  languages: string[];
  cancelTo: string;
  busy: boolean;
  formError?: string | null;
  fieldErrors?: FieldErrors;
  submitted?: Record<string, string | undefined>;
}) {
  const { item, languages, cancelTo, busy, formError, fieldErrors, submitted = {} } = props;
  const englishOptions = item.type === "scenario" ? item.options.map((o) => o.text).join("\n") : "";
  const value = (name: string, fallback: string) => submitted[name] ?? fallback;
  return (
    <section aria-labelledby="edit-custom-heading" className="stack" id="edit-custom">
      <h2 id="edit-custom-heading">Edit custom item {item.id}</h2>
      {formError ? (
        <p className="alert error" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="edit-custom" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="type" value={item.type} />
        <TextareaField
          label="English text"
          errors={fieldErrors?.text}
          textareaProps={{ id: "edit-text", name: "text", rows: 2, defaultValue: value("text", item.text) }}
        />
        {item.type === "scenario" ? (
          <TextareaField
            label="English options"
            hint="One per line; their order is the order of the translated options below."
            errors={fieldErrors?.options}
            textareaProps={{
              id: "edit-options",
              name: "options",
              rows: 4,
              defaultValue: value("options", englishOptions),
            }}
          />
        ) : (
          <fieldset
            aria-invalid={fieldErrors?.keyed ? true : undefined}
            aria-describedby={fieldErrors?.keyed ? "edit-keyed-error" : undefined}
          >
            <legend>Keying</legend>
            <div className="choices">
              {(["plus", "minus"] as const).map((keyed) => (
                <label key={keyed}>
                  <input
                    type="radio"
                    name="keyed"
                    value={keyed}
                    defaultChecked={value("keyed", item.keyed) === keyed}
                  />{" "}
                  {keyed === "plus" ? "+ a higher answer shows more of the value" : "− reverse keyed"}
                </label>
              ))}
            </div>
            <ErrorList id="edit-keyed-error" errors={fieldErrors?.keyed} />
          </fieldset>
        )}
        <div className="table-scroll" role="region" aria-labelledby="translations-caption" tabIndex={0}>
          <table className="translations-table">
            <caption id="translations-caption">
              Texts in other languages: a language left blank is not offered for versions with this item. When you
              change the English text, change each language&apos;s text too (a reworded bank item starts with the
              bank&apos;s translations of the original wording).
            </caption>
            <thead>
              <tr>
                <th scope="col">Language</th>
                <th scope="col">English</th>
                <th scope="col">Text in this language</th>
              </tr>
            </thead>
            <tbody>
              {languages.map((locale) => {
                const t = item.translations[locale];
                const textErrors = fieldErrors?.[`text_${locale}`];
                const optionErrors = fieldErrors?.[`options_${locale}`];
                return (
                  <tr key={locale}>
                    <th scope="row">{languageName(locale)}</th>
                    <td>
                      {item.text}
                      {item.type === "scenario" ? (
                        <ol className="muted">
                          {item.options.map((o) => (
                            <li key={o.id}>{o.text}</li>
                          ))}
                        </ol>
                      ) : null}
                    </td>
                    <td className="stack">
                      <label className="sr-only" htmlFor={`text_${locale}`}>
                        {languageName(locale)} text
                      </label>
                      <textarea
                        id={`text_${locale}`}
                        name={`text_${locale}`}
                        rows={2}
                        lang={locale}
                        defaultValue={value(`text_${locale}`, translatedText(t))}
                        aria-invalid={textErrors ? true : undefined}
                        aria-describedby={textErrors ? `text_${locale}-error` : undefined}
                      />
                      <ErrorList id={`text_${locale}-error`} errors={textErrors} />
                      {item.type === "scenario" ? (
                        <>
                          <label htmlFor={`options_${locale}`}>{languageName(locale)} options, one per line</label>
                          <textarea
                            id={`options_${locale}`}
                            name={`options_${locale}`}
                            rows={4}
                            lang={locale}
                            defaultValue={value(`options_${locale}`, translatedOptions(item, t))}
                            aria-invalid={optionErrors ? true : undefined}
                            aria-describedby={optionErrors ? `options_${locale}-error` : undefined}
                          />
                          <ErrorList id={`options_${locale}-error`} errors={optionErrors} />
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="row">
          <button type="submit" disabled={busy}>
            Save item {item.id}
          </button>
          <a href={cancelTo}>Close without saving</a>
        </div>
      </Form>
    </section>
  );
}

/** Per included value, its interview probes (one per line), asked in the interview when the value is a gap. */
export function ProbesEditor(props: {
  values: { key: string; name: string; included: boolean; probes: string[]; ownProbes: boolean }[];
  busy: boolean;
  problemValue?: string | null;
  fieldErrors?: FieldErrors;
}) {
  const { values, busy, problemValue, fieldErrors } = props;
  const included = values.filter((v) => v.included);
  return (
    <section aria-labelledby="probes-heading" className="stack">
      <h2 id="probes-heading">Interview probes</h2>
      <p className="muted">
        The fit report's interview guide asks these questions for a value where the candidate differs from your top
        agents. A value without probes of its own gets the item bank's, or one general question.
      </p>
      {included.length === 0 ? <p className="muted">Include a value first.</p> : null}
      {included.map((value) => (
        <details key={value.key} open={problemValue === value.key}>
          <summary>
            {value.name}: {value.probes.length} probe{value.probes.length === 1 ? "" : "s"}
            {value.ownProbes ? "" : " (suggested)"}
          </summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="save-probes" />
            <input type="hidden" name="value" value={value.key} />
            <TextareaField
              label={`Probes for ${value.name}, one per line`}
              errors={problemValue === value.key ? fieldErrors?.probes : undefined}
              textareaProps={{
                id: `probes-${value.key}`,
                name: "probes",
                rows: Math.max(3, value.probes.length + 1),
                defaultValue: value.probes.join("\n"),
              }}
            />
            <div>
              <button type="submit" disabled={busy} className="secondary">
                Save probes for {value.name}
              </button>
            </div>
          </Form>
        </details>
      ))}
    </section>
  );
}

/** Publishing: the button, the language warnings of a first attempt (with the confirm step), the versions. */
export function PublishSection(props: {
  versions: ComponentProps<typeof VersionsTable>["versions"];
  base: string;
  busy: boolean;
  languageWarnings: string[] | null;
}) {
  const { versions, base, busy, languageWarnings } = props;
  return (
    <section aria-labelledby="publish-heading" className="stack">
      <h2 id="publish-heading">Publish</h2>
      <p className="muted">
        Publishing freezes the saved draft as a new version. Versions never change; positions use a version. Save the
        draft first.
      </p>
      {languageWarnings ? <PublishLanguagesConfirm lines={languageWarnings} busy={busy} /> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <button type="submit" disabled={busy}>
          Publish version {(versions[0]?.version ?? 0) + 1}
        </button>
      </Form>
      <h3>Versions</h3>
      <VersionsTable versions={versions} base={base} />
    </section>
  );
}

/** The second publish step: what lacks a text in which language, and a button that publishes without those languages. */
export function PublishLanguagesConfirm({ lines, busy }: { lines: string[]; busy: boolean }) {
  return (
    <div className="alert warning stack" role="alert" aria-labelledby="languages-warning-heading">
      <h3 id="languages-warning-heading">Some languages would be dropped</h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>Add the missing texts (Edit on a custom item) to keep those languages, or publish without them.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="confirmLanguages" value="yes" />
        <button type="submit" disabled={busy}>
          Publish without those languages
        </button>
      </Form>
    </div>
  );
}

/** Links that show the builder's items of one type only. */
export function TypeFilter<T extends string>(props: { base: string; types: readonly T[]; filter: T | null }) {
  const { base, types, filter } = props;
  return (
    <nav aria-label="Filter items by type" className="row">
      <span>Show:</span>
      <Link to={base} aria-current={filter === null ? "page" : undefined}>
        all items
      </Link>
      {types.map((t) => (
        <Link key={t} to={`${base}?type=${t}`} aria-current={filter === t ? "page" : undefined}>
          {t}
        </Link>
      ))}
    </nav>
  );
}
