// A visible staff date: the text of `~/utils/format-date` inside `<time dateTime="<ISO 8601>">`, so people read one
// format and machines (and screen readers that use it) get the exact instant.
import { useOptionalLocale } from "~/i18n/i18n";
import { formatDate, formatDateTime, isoDateTime, NO_DATE, type DateInput } from "~/utils/format-date";

type Props = {
  value: DateInput | null | undefined;
  /** "day" → 2026-12-04; "minute" (default) → 2026-12-04 14:05 UTC; "second" → 2026-12-04 14:05:09 UTC. */
  precision?: "day" | "minute" | "second";
  /** Shown instead of "—" when there is no date (e.g. "never"). */
  missing?: string;
  className?: string;
};

export function FormattedDate({ value, precision = "minute", missing = NO_DATE, className }: Props) {
  // The reader's language (issue 18): the staff area's, or English outside any provider.
  const locale = useOptionalLocale() ?? "en";
  if (value === null || value === undefined || value === "") return <>{missing}</>;
  const text =
    precision === "day"
      ? formatDate(value, locale)
      : formatDateTime(value, { seconds: precision === "second", locale });
  return (
    <time dateTime={isoDateTime(value)} className={className}>
      {text}
    </time>
  );
}
