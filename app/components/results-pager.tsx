import { Form, Link } from "@remix-run/react";
import { useStaffT } from "~/i18n/staff";

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
  const t = useStaffT("results");
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
  const pageText = () => {
    if (pages !== null && total !== null) return t("pager.pageOfTotal", { page, pages, count: total });
    if (pages !== null) return t("pager.pageOf", { page, pages });
    if (total !== null) return t("pager.pageTotal", { page, count: total });
    return t("pager.page", { page });
  };
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      {page > 2 ? <Link to={href({})}>{t("pager.first")}</Link> : null}
      {prev ? (
        <Link to={href({ before: prev, page: String(page - 1) })} rel="prev">
          {t("pager.previous")}
        </Link>
      ) : null}
      <span>{pageText()}</span>
      {next ? (
        <Link to={href({ after: next, page: String(page + 1) })} rel="next">
          {t("pager.next")}
        </Link>
      ) : null}
      {pages !== null && page < pages - 1 ? <Link to={href({ page: String(pages) })}>{t("pager.last")}</Link> : null}
      {pages !== null && pages > 2 ? (
        <Form method="get" className="row" aria-label={t("pager.goTo")}>
          {[...kept].map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="pager-page">{t("pager.goTo")}</label>
          <input id="pager-page" name="page" type="number" min={1} max={pages} defaultValue={page} required />
          <button type="submit">{t("pager.go")}</button>
        </Form>
      ) : null}
    </nav>
  );
}
