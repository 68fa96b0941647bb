// The staff area's translate function (issue 18): i18next itself, on the server and in the browser, so plurals
// (`key_one`, `key_few`, `key_other`... chosen by Intl.PluralRules from `count`) and `{{name}}` interpolation are
// i18next's, not string concatenation. Only staff modules import this file: i18next never reaches a candidate page.
import { createInstance } from "i18next";
import type { Translate } from "./i18n";
import { memoizeTranslate } from "./memo-translate";
import type { Locale } from "./locale";
import type { StaffCatalogs } from "./staff-load";

const translators = new WeakMap<StaffCatalogs, Translate>();

/**
 * One i18next instance per language's catalogs, made once (the catalogs are module constants and never change).
 * Keys name their namespace, "results:table.rank"; a key without one reads the answering catalog ("translation"),
 * which the shared question renderer uses.
 */
export function staffTranslator(locale: Locale, catalogs: StaffCatalogs): Translate {
  const cached = translators.get(catalogs);
  if (cached) return cached;
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    supportedLngs: [locale],
    ns: Object.keys(catalogs),
    defaultNS: "translation",
    resources: { [locale]: catalogs },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  // The last few thousand texts are kept (a results page asks for the same band words hundreds of times).
  const translate = memoizeTranslate(instance.t);
  translators.set(catalogs, translate);
  return translate;
}
