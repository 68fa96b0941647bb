// Every language's staff catalogs on the server (issue 18): registered once at import, so server renders never wait,
// and the translate function of loaders and actions (CSV headers, messages built on the server).
import type { Translate } from "./i18n";
import { LOCALES, type Locale } from "./locale";
import { bindNamespace, type StaffNamespace } from "./staff";
import en from "./staff/en";
import es from "./staff/es";
import fi from "./staff/fi";
import it from "./staff/it";
import ro from "./staff/ro";
import sl from "./staff/sl";
import { registerStaffCatalogs, type StaffCatalogs } from "./staff-load";
import { staffTranslator } from "./staff-translator";

export const STAFF_CATALOGS: Record<Locale, StaffCatalogs> = { en, ro, it, sl, fi, es };
for (const locale of LOCALES) registerStaffCatalogs(locale, STAFF_CATALOGS[locale]);

/** The staff translate function of a language, bound to a namespace (keys may name another: "common:save"). */
export function staffT(
  locale: Locale,
  namespace: StaffNamespace = "common",
): Translate & { message: (text: string) => string } {
  return bindNamespace(staffTranslator(locale, STAFF_CATALOGS[locale]), namespace);
}
