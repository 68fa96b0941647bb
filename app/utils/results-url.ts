// The address of one page of a position's results list (issue 19): sort, filters and where the page starts. Plain
// TypeScript with no server imports, so the page's links, the tests and the bench build the same URLs.

export type ResultsHrefQuery = {
  sort?: string;
  dir?: "desc" | "asc";
  bandValue?: string;
  band?: "below" | "within" | "above" | "none";
  status?: "scored" | "unscored";
  decision?: "advance" | "hold" | "reject" | "hired" | "none";
  review?: "1";
  q?: string;
  /** 1-based page number: alone, a jump to that page; with a cursor, the number the page shows. */
  page?: number;
  /** The rows after this cursor ("Next"). */
  after?: string;
  /** The rows before this cursor ("Previous"). */
  before?: string;
};

const ORDER: (keyof ResultsHrefQuery)[] = [
  "sort",
  "dir",
  "q",
  "bandValue",
  "band",
  "status",
  "decision",
  "review",
  "after",
  "before",
  "page",
];

/** The querystring ("?..." or "") of a results page; page 1 and empty fields are left out. */
export function resultsSearch(query: ResultsHrefQuery): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = query[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && value === 1 && !query.after && !query.before) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `/app/positions/<positionId>/results?...`: e.g. `resultsPageHref(id, { page: 2000 })` for page 2,000. */
export function resultsPageHref(positionId: string, query: ResultsHrefQuery = {}): string {
  return `/app/positions/${encodeURIComponent(positionId)}/results${resultsSearch(query)}`;
}
