// Messages that travel from the server to a page before they are translated (issue 18): a zod schema or an action
// returns `msg("errors:tooLong", { label: msg("content:fields.name"), max: 80 })`, the page shows it with
// `translateMessage(t, text)` in the reader's language. Browser-safe and dependency-free.
//
// The encoding is a string (zod messages and FormFailure's fields are strings): "\u0001key\u0002{json vars}". A
// variable that is itself an encoded message is translated first, so labels are translated too. Plain text (a
// message that was never encoded) is shown as it is.
import type { Translate, TranslateVars } from "./i18n";

const START = "\u0001";
const SEPARATOR = "\u0002";

/** An untranslated message: a catalog key ("ns:key") and its variables. */
export function msg(key: string, vars?: TranslateVars): string {
  return vars ? `${START}${key}${SEPARATOR}${JSON.stringify(vars)}` : `${START}${key}`;
}

export function isMessage(text: string): boolean {
  return text.startsWith(START);
}

/** The key and variables of an encoded message, or null for plain text. */
export function decodeMessage(text: string): { key: string; vars: TranslateVars } | null {
  if (!text.startsWith(START)) return null;
  const at = text.indexOf(SEPARATOR);
  if (at < 0) return { key: text.slice(1), vars: {} };
  try {
    return { key: text.slice(1, at), vars: JSON.parse(text.slice(at + 1)) as TranslateVars };
  } catch {
    return { key: text.slice(1, at), vars: {} };
  }
}

/** A message in the reader's language (plain text unchanged). */
export function translateMessage(t: Translate, text: string): string {
  const decoded = decodeMessage(text);
  if (!decoded) return text;
  const vars: TranslateVars = {};
  for (const [name, value] of Object.entries(decoded.vars)) {
    vars[name] = typeof value === "string" && isMessage(value) ? translateMessage(t, value) : value;
  }
  return t(decoded.key, vars);
}
