import { Form, Link } from "@remix-run/react";
import { useStaffT } from "~/i18n/staff";
import { DECISIONS, decisionLabel } from "~/utils/decision-labels";
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
  const t = useStaffT("results");
  return (
    <Form method="get" className="results-filters card" aria-label={t("filters.label")}>
      <input type="hidden" name="sort" value={sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div>
        <label htmlFor="f-q">{t("filters.q")}</label>
        <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={TEXT_LIMITS.name} />
      </div>
      <div>
        <label htmlFor="f-band-value">{t("filters.bandValue")}</label>
        <select id="f-band-value" name="bandValue" defaultValue={bandValue ?? ""}>
          <option value="">{t("filters.anyValue")}</option>
          {values.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-band">{t("filters.band")}</label>
        <select id="f-band" name="band" defaultValue={query.band ?? ""}>
          <option value="">{t("filters.any")}</option>
          <option value="below">{t("filters.below")}</option>
          <option value="within">{t("filters.within")}</option>
          <option value="above">{t("filters.above")}</option>
          <option value="none">{t("filters.none")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-status">{t("filters.status")}</label>
        <select id="f-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("filters.allSubmitted")}</option>
          <option value="scored">{t("filters.scored")}</option>
          <option value="unscored">{t("filters.unscored")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-decision">{t("filters.decision")}</label>
        <select id="f-decision" name="decision" defaultValue={query.decision ?? ""}>
          <option value="">{t("filters.any")}</option>
          <option value="none">{t("filters.noDecision")}</option>
          {DECISIONS.map((kind) => (
            <option key={kind} value={kind}>
              {decisionLabel(t, kind)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label>
          <input type="checkbox" name="review" value="1" defaultChecked={query.review === "1"} /> {t("filters.flagged")}
        </label>
      </div>
      <div className="row">
        <button type="submit">{t("filters.apply")}</button>
        <Link to={clearHref}>{t("filters.clear")}</Link>
        <a href={exportHref} download>
          {t("filters.export")}
        </a>
      </div>
    </Form>
  );
}
