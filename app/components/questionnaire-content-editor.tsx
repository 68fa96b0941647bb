// Editing a draft's content on the builder page: a custom item's texts in every language, a value's interview probes,
// and the publish step that names missing translations before it drops languages (issue 21, point 5).
import { Form, Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import { ErrorList, TextareaField } from "~/components/field";
import { TYPE_KEY, VersionsTable } from "~/components/questionnaire-builder";
import { useStaffT } from "~/i18n/staff";
import type { TranslatedItem } from "~/questionnaire/translations";
import type { Item } from "~/questionnaire/types";

type FieldErrors = Partial<Record<string, string[]>>;
type EditableItem = Item & { translations: Record<string, TranslatedItem> };

function translatedText(text: TranslatedItem | undefined): string {
  return text === undefined ? "" : typeof text === "string" ? text : text.text;
}

function translatedOptions(item: Item, text: TranslatedItem | undefined): string {
  if (item.type !== "scenario" || text === undefined || typeof text === "string") return "";
  return item.options.map((o) => text.options[o.id] ?? "").join("\n");
}

/**
 * A custom item's English text, keying, options and, in a table beside the English, its text in each language
 * (`languageNames`: each locale named in the reader's language, by the loader).
 */
export function CustomItemEditor(props: {
  item: EditableItem;
  languages: string[];
  languageNames: Record<string, string>;
  cancelTo: string;
  busy: boolean;
  formError?: string | null;
  fieldErrors?: FieldErrors;
  submitted?: Record<string, string | undefined>;
}) {
  const { item, languages, languageNames, cancelTo, busy, formError, fieldErrors, submitted = {} } = props;
  const t = useStaffT("questionnaires");
  const nameOf = (locale: string) => languageNames[locale] ?? locale;
  const englishOptions = item.type === "scenario" ? item.options.map((o) => o.text).join("\n") : "";
  const value = (name: string, fallback: string) => submitted[name] ?? fallback;
  return (
    <section aria-labelledby="edit-custom-heading" className="stack" id="edit-custom">
      <h2 id="edit-custom-heading">{t("editor.heading", { item: item.id })}</h2>
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
          label={t("editor.englishText")}
          errors={fieldErrors?.text}
          textareaProps={{ id: "edit-text", name: "text", rows: 2, defaultValue: value("text", item.text) }}
        />
        {item.type === "scenario" ? (
          <TextareaField
            label={t("editor.englishOptions")}
            hint={t("editor.englishOptionsHint")}
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
            <legend>{t("editor.keying")}</legend>
            <div className="choices">
              {(["plus", "minus"] as const).map((keyed) => (
                <label key={keyed}>
                  <input
                    type="radio"
                    name="keyed"
                    value={keyed}
                    defaultChecked={value("keyed", item.keyed) === keyed}
                  />{" "}
                  {keyed === "plus" ? t("custom.keyedPlus") : t("editor.keyedMinus")}
                </label>
              ))}
            </div>
            <ErrorList id="edit-keyed-error" errors={fieldErrors?.keyed} />
          </fieldset>
        )}
        <div className="table-scroll" role="region" aria-labelledby="translations-caption" tabIndex={0}>
          <table className="translations-table">
            <caption id="translations-caption">{t("editor.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("editor.language")}</th>
                <th scope="col">{t("editor.english")}</th>
                <th scope="col">{t("editor.textInLanguage")}</th>
              </tr>
            </thead>
            <tbody>
              {languages.map((locale) => {
                const translation = item.translations[locale];
                const textErrors = fieldErrors?.[`text_${locale}`];
                const optionErrors = fieldErrors?.[`options_${locale}`];
                return (
                  <tr key={locale}>
                    <th scope="row">{nameOf(locale)}</th>
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
                        {t("editor.languageText", { language: nameOf(locale) })}
                      </label>
                      <textarea
                        id={`text_${locale}`}
                        name={`text_${locale}`}
                        rows={2}
                        lang={locale}
                        defaultValue={value(`text_${locale}`, translatedText(translation))}
                        aria-invalid={textErrors ? true : undefined}
                        aria-describedby={textErrors ? `text_${locale}-error` : undefined}
                      />
                      <ErrorList id={`text_${locale}-error`} errors={textErrors} />
                      {item.type === "scenario" ? (
                        <>
                          <label htmlFor={`options_${locale}`}>
                            {t("editor.languageOptions", { language: nameOf(locale) })}
                          </label>
                          <textarea
                            id={`options_${locale}`}
                            name={`options_${locale}`}
                            rows={4}
                            lang={locale}
                            defaultValue={value(`options_${locale}`, translatedOptions(item, translation))}
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
            {t("editor.save", { item: item.id })}
          </button>
          <a href={cancelTo}>{t("editor.close")}</a>
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
  const t = useStaffT("questionnaires");
  const included = values.filter((v) => v.included);
  return (
    <section aria-labelledby="probes-heading" className="stack">
      <h2 id="probes-heading">{t("probes.heading")}</h2>
      <p className="muted">{t("probes.intro")}</p>
      {included.length === 0 ? <p className="muted">{t("probes.includeFirst")}</p> : null}
      {included.map((value) => (
        <details key={value.key} open={problemValue === value.key}>
          <summary>
            {value.ownProbes
              ? t("probes.summary", { value: value.name, count: value.probes.length })
              : t("probes.summarySuggested", { value: value.name, count: value.probes.length })}
          </summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="save-probes" />
            <input type="hidden" name="value" value={value.key} />
            <TextareaField
              label={t("probes.label", { value: value.name })}
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
                {t("probes.save", { value: value.name })}
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
  languageNames: Record<string, string>;
  base: string;
  busy: boolean;
  languageWarnings: string[] | null;
}) {
  const { versions, languageNames, base, busy, languageWarnings } = props;
  const t = useStaffT("questionnaires");
  return (
    <section aria-labelledby="publish-heading" className="stack">
      <h2 id="publish-heading">{t("publish.heading")}</h2>
      <p className="muted">{t("publish.intro")}</p>
      {languageWarnings ? <PublishLanguagesConfirm lines={languageWarnings} busy={busy} /> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <button type="submit" disabled={busy}>
          {t("publish.button", { version: (versions[0]?.version ?? 0) + 1 })}
        </button>
      </Form>
      <h3>{t("publish.versions")}</h3>
      <VersionsTable versions={versions} base={base} languageNames={languageNames} />
    </section>
  );
}

/** The second publish step: what lacks a text in which language, and a button that publishes without those languages. */
export function PublishLanguagesConfirm({ lines, busy }: { lines: string[]; busy: boolean }) {
  const t = useStaffT("questionnaires");
  return (
    <div className="alert warning stack" role="alert" aria-labelledby="languages-warning-heading">
      <h3 id="languages-warning-heading">{t("publish.dropHeading")}</h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{t("publish.dropHelp")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="confirmLanguages" value="yes" />
        <button type="submit" disabled={busy}>
          {t("publish.withoutLanguages")}
        </button>
      </Form>
    </div>
  );
}

/** Links that show the builder's items of one type only. */
export function TypeFilter<T extends Item["type"]>(props: { base: string; types: readonly T[]; filter: T | null }) {
  const { base, types, filter } = props;
  const t = useStaffT("questionnaires");
  return (
    <nav aria-label={t("filter.label")} className="row">
      <span>{t("filter.show")}</span>
      <Link to={base} aria-current={filter === null ? "page" : undefined}>
        {t("filter.all")}
      </Link>
      {types.map((type) => (
        <Link key={type} to={`${base}?type=${type}`} aria-current={filter === type ? "page" : undefined}>
          {t(TYPE_KEY[type])}
        </Link>
      ))}
    </nav>
  );
}
