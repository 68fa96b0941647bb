// An error page's text (issue 18), in the reader's language: root.tsx's boundary and the staff layout's use it.
import { isRouteErrorResponse } from "@remix-run/react";
import { errorPageText } from "~/i18n/error-pages";
import { useOptionalLocale, useOptionalT } from "~/i18n/i18n";
import { isLocale, type Locale } from "~/i18n/locale";
import { decodeMessage } from "~/i18n/message";
import type { Translate } from "~/i18n/i18n";

/** The language an error response names (`$.tsx` and other loaders throw `{ locale }` as data), if any. */
export function errorLocale(error: unknown): Locale | null {
  if (!isRouteErrorResponse(error)) return null;
  const data: unknown = error.data;
  return data && typeof data === "object" && "locale" in data && isLocale(data.locale) ? data.locale : null;
}

/**
 * The title and the message of an error. A server message encoded with msg() is translated when a translate function
 * is at hand; a plain server message is shown in English pages only (it is English); otherwise the language's text.
 */
export function errorText(error: unknown, locale: Locale, t?: Translate) {
  const status = isRouteErrorResponse(error) ? error.status : undefined;
  const text = errorPageText(locale, status);
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  if (typeof data === "string" && data && status !== 404) {
    const decoded = decodeMessage(data);
    if (decoded && t) return { ...text, message: t(decoded.key, decoded.vars) };
    if (!decoded && locale === "en") return { ...text, message: data };
  }
  return text;
}

/** An error page's body: in the staff layout's language inside it, else the language the error names, else English. */
export function StaffErrorMessage({ error, locale }: { error: unknown; locale?: Locale | null }) {
  const providerLocale = useOptionalLocale();
  const t = useOptionalT();
  const reader = providerLocale ?? locale ?? errorLocale(error) ?? "en";
  const { title, message, home } = errorText(error, reader, providerLocale ? (t ?? undefined) : undefined);
  return (
    <div className="stack narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{home}</a>
      </p>
    </div>
  );
}
