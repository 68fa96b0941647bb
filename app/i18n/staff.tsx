// The staff area is English-only for now, but its strings go through the same i18n layer as the answering flow:
// the English catalog (shared components such as the question renderer) plus the "staff" namespace.
import type { ReactNode } from "react";
import { LocaleProvider, useT, type Catalog, type Translate } from "./i18n";
import en from "./locales/en.json";
import staffEn from "./staff/en.json";

const EXTRA: Record<string, Catalog> = { staff: staffEn };

export function StaffI18n({ children }: { children: ReactNode }) {
  return (
    <LocaleProvider locale="en" catalog={en} extraNamespaces={EXTRA}>
      {children}
    </LocaleProvider>
  );
}

/** Translate in the "staff" namespace. */
export function useStaffT(): Translate {
  const t = useT();
  return (key, vars) => t(`staff:${key}`, vars);
}
