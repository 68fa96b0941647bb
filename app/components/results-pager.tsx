import { Form, Link } from "@remix-run/react";

type Paging = {
  page: number;
  pages: number | null;
  /** null: a filtered list, not counted */
  total: number | null;
  next: string | null;
  prev: string | null;
};

/**
 * The results list's pages (issue 19): Previous / Next follow the keyset cursors of the page (`before` / `after`),
 * First and Last and "Go to page" jump by number (an index-only seek on the server). A filtered list is not counted:
 * it shows the page number, Previous / Next and First only. `search` is the page's current
 * querystring; sort and filters are kept, the place in the list is replaced.
 */
export function ResultsPager({ paging, search }: { paging: Paging; search: string }) {
  const { page, pages, total, next, prev } = paging;
  if (!next && !prev && page === 1) return null;
  const kept = new URLSearchParams(search);
  for (const key of ["page", "after", "before"]) kept.delete(key);
  const href = (changes: Record<string, string>) => {
    const params = new URLSearchParams(kept);
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    const text = params.toString();
    return text ? `?${text}` : "?";
  };
  return (
    <nav className="pager" aria-label="Pages">
      {page > 2 ? <Link to={href({})}>« First</Link> : null}
      {prev ? (
        <Link to={href({ before: prev, page: String(page - 1) })} rel="prev">
          ← Previous
        </Link>
      ) : null}
      <span>
        Page {page}
        {pages !== null ? ` of ${pages}` : ""}
        {total !== null ? ` (${total} candidates)` : ""}
      </span>
      {next ? (
        <Link to={href({ after: next, page: String(page + 1) })} rel="next">
          Next →
        </Link>
      ) : null}
      {pages !== null && page < pages - 1 ? <Link to={href({ page: String(pages) })}>Last »</Link> : null}
      {pages !== null && pages > 2 ? (
        <Form method="get" className="row" aria-label="Go to page">
          {[...kept].map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="pager-page">Go to page</label>
          <input id="pager-page" name="page" type="number" min={1} max={pages} defaultValue={page} required />
          <button type="submit">Go</button>
        </Form>
      ) : null}
    </nav>
  );
}
