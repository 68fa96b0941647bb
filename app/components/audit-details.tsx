// An audit entry's details in the reader's language (issue 18): each stored field named by the catalog
// (shell:auditPage.fields.*), yes/no for flags; the values themselves are the record as it was written (ids, texts,
// numbers; nested records as code), never rewritten. A field the catalog does not name yet shows its stored name as
// code.
import { Fragment, type ReactNode } from "react";
import { useStaffT } from "~/i18n/staff";

function valueText(value: unknown, yes: string, no: string): ReactNode {
  if (typeof value === "boolean") return value ? yes : no;
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.join(", ");
  }
  // A nested record (lists of objects, counts per metric) as the raw data it is.
  return typeof value === "object" ? <code>{JSON.stringify(value)}</code> : String(value);
}

/** The stored details, without empty fields; null when the JSON cannot be read. */
export function auditDetailFields(json: string): [string, unknown][] | null {
  try {
    const details = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(details).filter(([, v]) => v !== null && v !== undefined && v !== "");
  } catch {
    return null;
  }
}

export function AuditDetails({ json }: { json: string }) {
  const t = useStaffT("shell");
  const fields = auditDetailFields(json);
  if (!fields) return null;
  const yes = t("common:yes");
  const no = t("common:no");
  return (
    <>
      {fields.map(([name, value], i) => {
        const key = `auditPage.fields.${name}`;
        const label = t(key);
        const text = valueText(value, yes, no);
        return (
          <Fragment key={name}>
            {i > 0 ? " · " : null}
            {label === key ? <code>{name}</code> : label}: {text}
          </Fragment>
        );
      })}
    </>
  );
}
