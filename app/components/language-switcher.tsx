import { Form } from "@remix-run/react";
import { useId } from "react";
import { useT } from "~/i18n/i18n";
import { LOCALE_NAMES, type Locale } from "~/i18n/locale";

/**
 * A small form to change the language of the answering flow; works without JavaScript. On the landing page it is a
 * GET (`?lang=`: nothing is stored before consent); on the answering pages a POST to /r/language, which stores the
 * choice on the response and comes back to `returnTo`.
 */
export function LanguageSwitcher({
  locales,
  current,
  returnTo,
}: {
  locales: readonly Locale[];
  current: Locale;
  /** Set on the answering pages: the switch is stored on the response, then the page comes back. */
  returnTo?: string;
}) {
  const t = useT();
  const id = useId();
  if (locales.length < 2) return null;
  return (
    <Form
      method={returnTo ? "post" : "get"}
      action={returnTo ? "/r/language" : undefined}
      className="language-switcher"
      aria-label={t("language.label")}
    >
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <label htmlFor={id}>{t("language.label")}</label>
      <select id={id} name={returnTo ? "locale" : "lang"} defaultValue={current} key={current}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t("language.change")}
      </button>
    </Form>
  );
}
