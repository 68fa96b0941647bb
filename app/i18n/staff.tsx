// The staff area's language (issue 18): every staff string goes through i18next (staff-translator.ts) in the reader's
// language, the user's pick or else the organization's default (app.tsx), or Accept-Language before login.
import { useMemo, type ReactNode } from "react";
import { TranslationProvider, useLocale, useT, type Translate } from "./i18n";
import type { Locale } from "./locale";
import { translateMessage } from "./message";
import { staffCatalogsIfLoaded } from "./staff-load";
import { staffTranslator } from "./staff-translator";

/** Staff namespaces: one per area (app/i18n/staff/<locale>/<namespace>.json). */
export type StaffNamespace =
  | "common"
  | "errors"
  | "shell"
  | "admin"
  | "content"
  | "positions"
  | "benchmark"
  | "results"
  | "report"
  | "fairness"
  | "questionnaires"
  | "invitations"
  | "outcomes"
  | "wording";

export function StaffI18n({ locale, children }: { locale: Locale; children: ReactNode }) {
  const catalogs = staffCatalogsIfLoaded(locale);
  // Loaded before hydration (entry.client.tsx) and before a client navigation into another language (clientLoader).
  if (!catalogs) throw new Error(`The staff messages of "${locale}" are not loaded.`);
  return (
    <TranslationProvider locale={locale} t={staffTranslator(locale, catalogs)}>
      {children}
    </TranslationProvider>
  );
}

/**
 * Translate in a staff namespace: `t("table.rank")` reads `<namespace>:table.rank`; a key naming its namespace
 * ("common:save") reads that one. `t.message(text)` shows a server message (`msg()`, ~/i18n/message) translated.
 */
export function useStaffT(namespace: StaffNamespace = "common"): Translate & { message: (text: string) => string } {
  const t = useT();
  return useMemo(() => bindNamespace(t, namespace), [t, namespace]);
}

export function bindNamespace(
  t: Translate,
  namespace: StaffNamespace,
): Translate & { message: (text: string) => string } {
  const bound: Translate = (key, vars) => t(key.includes(":") ? key : `${namespace}:${key}`, vars);
  return Object.assign(bound, { message: (text: string) => translateMessage(t, text) });
}

/** The staff reader's language (for Intl formatting). */
export function useStaffLocale(): Locale {
  return useLocale();
}
