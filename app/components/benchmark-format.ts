// Number formatting of the benchmark page and its parts (dates: `~/utils/format-date`).

export function fmt(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? "—" : x.toFixed(digits);
}

export function signed(x: number | null | undefined): string {
  if (x === null || x === undefined) return "—";
  const r = x.toFixed(1);
  return x > 0 && r !== "0.0" ? `+${r}` : r === "-0.0" ? "0.0" : r;
}
