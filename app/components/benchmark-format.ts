// Number formatting of the benchmark page and its parts, in the reader's language (dates: `~/utils/format-date`).
import { useMemo } from "react";
import { useFormat, type Formatter } from "~/i18n/format";

/** A statistic with fixed decimals ("45.0", Finnish "45,0"); "—" when absent. */
export function fmtWith(f: Formatter, x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? "—" : f.number(x, digits);
}

/** A signed pull with one decimal: "+1.2", "-0.4", and "0.0" for anything that rounds to zero. */
export function signedWith(f: Formatter, x: number | null | undefined): string {
  if (x === null || x === undefined) return "—";
  const r = Math.round(x * 10) / 10;
  if (r === 0) return f.number(0, 1);
  return r > 0 ? `+${f.number(r, 1)}` : f.number(r, 1);
}

/** `fmt` and `signed` in the page's language. */
export function useBenchmarkFormat() {
  const f = useFormat();
  return useMemo(
    () => ({
      fmt: (x: number | null | undefined, digits = 1) => fmtWith(f, x, digits),
      signed: (x: number | null | undefined) => signedWith(f, x),
    }),
    [f],
  );
}
