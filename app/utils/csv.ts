// RFC 4180 CSV writing with spreadsheet formula-injection escaping (DESIGN.md security requirements).

/** Characters that make a spreadsheet read a cell as a formula (or a DDE payload). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a leading `'` neutralises formula starts; quotes, commas and line breaks are quoted (`"` doubled). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF (RFC 4180), ending in CRLF. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
