// Where the staff catalogs of a language come from (issue 18). The server registers all six at start
// (staff-catalogs.server.ts); the browser loads the reader's one as a lazy, cacheable chunk before hydration
// (entry.client.tsx) and on a client navigation into another language (the staff layout's clientLoader). This module
// holds only the six loaders: the catalogs themselves never reach a candidate page's JavaScript.
import type { Catalog } from "./i18n";
import type { Locale } from "./locale";

/** One language's staff messages: a namespace per area, plus the answering catalog as "translation". */
export type StaffCatalogs = Record<string, Catalog>;

const LOADERS: Record<Locale, () => Promise<{ default: StaffCatalogs }>> = {
  en: () => import("./staff/en"),
  ro: () => import("./staff/ro"),
  it: () => import("./staff/it"),
  sl: () => import("./staff/sl"),
  fi: () => import("./staff/fi"),
  es: () => import("./staff/es"),
};

const registered = new Map<Locale, StaffCatalogs>();

export function registerStaffCatalogs(locale: Locale, catalogs: StaffCatalogs): void {
  registered.set(locale, catalogs);
}

/** The catalogs of a language when they are here (always on the server; in the browser once loaded). */
export function staffCatalogsIfLoaded(locale: Locale): StaffCatalogs | undefined {
  return registered.get(locale);
}

/** Makes sure a language's catalogs are here (a no-op once they are). */
export async function ensureStaffCatalogs(locale: Locale): Promise<void> {
  if (registered.has(locale)) return;
  registerStaffCatalogs(locale, (await LOADERS[locale]()).default);
}
