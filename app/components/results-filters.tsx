import { Form, Link } from "@remix-run/react";
import type { ValueHeading } from "~/models/results.server";
import type { ResultsQuery } from "~/utils/schemas/results.server";
import { TEXT_LIMITS } from "~/utils/text-limits";

/** The results page's filters (GET form: name/email search, band on a value, band, status, decision, flagged). */
export function ResultsFilters({
  values,
  sort,
  bandValue,
  query,
  clearHref,
  exportHref,
}: {
  values: Pick<ValueHeading, "id" | "name">[];
  sort: string;
  bandValue: string | null | undefined;
  query: Pick<ResultsQuery, "dir" | "band" | "status" | "decision" | "review" | "q">;
  clearHref: string;
  exportHref: string;
}) {
  return (
    <Form method="get" className="results-filters card" aria-label="Filters">
      <input type="hidden" name="sort" value={sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div>
        <label htmlFor="f-q">Name or email</label>
        <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={TEXT_LIMITS.name} />
      </div>
      <div>
        <label htmlFor="f-band-value">Band on value</label>
        <select id="f-band-value" name="bandValue" defaultValue={bandValue ?? ""}>
          <option value="">(any value)</option>
          {values.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-band">Band</label>
        <select id="f-band" name="band" defaultValue={query.band ?? ""}>
          <option value="">(any)</option>
          <option value="below">Below</option>
          <option value="within">Within</option>
          <option value="above">Above</option>
          <option value="none">Not compared</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-status">Status</label>
        <select id="f-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">All submitted</option>
          <option value="scored">Scored</option>
          <option value="unscored">Not scored</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-decision">Decision</label>
        <select id="f-decision" name="decision" defaultValue={query.decision ?? ""}>
          <option value="">(any)</option>
          <option value="none">No decision yet</option>
          <option value="advance">Advance</option>
          <option value="hold">Hold</option>
          <option value="reject">Reject</option>
          <option value="hired">Hired</option>
        </select>
      </div>
      <div>
        <label>
          <input type="checkbox" name="review" value="1" defaultChecked={query.review === "1"} /> Flagged only
        </label>
      </div>
      <div className="row">
        <button type="submit">Apply filters</button>
        <Link to={clearHref}>Clear</Link>
        <a href={exportHref} download>
          Export CSV
        </a>
      </div>
    </Form>
  );
}
