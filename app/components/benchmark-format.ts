// Number and date formatting of the benchmark page and its parts.

export function fmt(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? "—" : x.toFixed(digits);
}

export function signed(x: number | null | undefined): string {
  if (x === null || x === undefined) return "—";
  const r = x.toFixed(1);
  return x > 0 && r !== "0.0" ? `+${r}` : r === "-0.0" ? "0.0" : r;
}

export function dateTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "—";
}
