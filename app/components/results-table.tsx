import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { TableRegion } from "~/components/table-region";
import type { ResultRow, ValueHeading } from "~/models/results.server";
import { decisionLabel } from "~/utils/decision-labels";
import { useStaffT } from "~/i18n/staff";
import { bandReading, reviewStatusLabel, whole } from "~/utils/report-wording";
import { verdictMarkIn, verdictNoteIn } from "~/utils/validity-wording";
import type { Verdict } from "~/scoring";

type Row = Omit<ResultRow, "submittedAt" | "values"> & {
  submittedAt: string | null;
  values: Record<string, Pick<ResultRow["values"][string], "alignment" | "band" | "uncertain">>;
};

/** Language code -> its name in the reader's language, named by the loader (Intl on the server, issue 18). */
export type LanguageNames = Record<string, string>;

/**
 * A table of candidates, one column per value with its alignment and band mark (read with the value's direction).
 * `heading` renders the sortable column headings of the ranking; `pickable` adds the compare checkboxes.
 */
export function ResultsTable({
  rows,
  values,
  base,
  caption,
  region,
  languageNames,
  heading = (_key, label) => label,
  pickable = false,
  verdicts = {},
  className = "results-table",
}: {
  rows: Row[];
  values: Pick<ValueHeading, "id" | "name" | "direction">[];
  base: string;
  caption: string;
  /** The scrolling region's name; the ranking's by default. */
  region?: string;
  languageNames: LanguageNames;
  heading?: (key: string, label: string) => ReactNode;
  pickable?: boolean;
  /** Value id -> the contrast verdict of the active benchmark (issue 17): unclear and reversed values are marked. */
  verdicts?: Record<string, Verdict | null | undefined>;
  /** "results-table" is the ranking (the e2e specs read its rows); the held-out groups use another class. */
  className?: string;
}) {
  const t = useStaffT("results");
  return (
    <TableRegion label={region ?? t("table.region")}>
      <table className={className}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {pickable ? (
              <th scope="col">
                <span className="sr-only">{t("table.pick")}</span>
              </th>
            ) : null}
            <th scope="col" className="sticky-col">
              {t("table.candidate")}
            </th>
            <th scope="col">{heading("overall", t("table.overall"))}</th>
            <th scope="col">{heading("min", t("table.min"))}</th>
            {values.map((v) => (
              <th scope="col" key={v.id}>
                {heading(v.id, v.name)}
                {verdictMarkIn(t, verdicts[v.id]) ? (
                  <span className="muted block small" title={verdictNoteIn(t, verdicts[v.id]) ?? undefined}>
                    {verdictMarkIn(t, verdicts[v.id])}
                  </span>
                ) : null}
              </th>
            ))}
            <th scope="col">{t("table.flags")}</th>
            <th scope="col">{t("table.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.responseId}>
              {pickable ? (
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={row.responseId}
                    aria-label={t("table.compareName", { name: row.name })}
                  />
                </td>
              ) : null}
              <th scope="row" className="sticky-col">
                <Link to={`${base}/candidates/${row.responseId}`}>{row.name}</Link>
                <span className="muted small answered-in"> · {languageNames[row.locale] ?? row.locale}</span>
              </th>
              <td>{row.scored ? whole(row.overall) : <span className="muted">{t("table.notScored")}</span>}</td>
              <td>
                {whole(row.minAlignment)}
                {row.weakest ? <span className="muted small"> ({row.weakest.name})</span> : null}
              </td>
              {values.map((v) => {
                const cell = row.values[v.id];
                const reading = cell?.band ? bandReading(t, cell.band, v.direction, cell.uncertain === true) : null;
                return (
                  <td key={v.id}>
                    {whole(cell?.alignment)}
                    {reading ? (
                      <span className={`band-mark tone-${reading.tone}`} title={reading.word}>
                        {reading.symbol}
                        <span className="sr-only">{` ${reading.word}`}</span>
                      </span>
                    ) : null}
                  </td>
                );
              })}
              <td>
                {row.review ? (
                  <span className="badge review-badge">{reviewStatusLabel(t, row.reviewStatus)}</span>
                ) : null}{" "}
                {row.flags.map((f) => t(`wording:flagName.${f}`)).join(", ")}
                {row.incomplete ? <span className="muted small"> {t("table.incomplete")}</span> : null}
              </td>
              <td>{row.decision ? decisionLabel(t, row.decision) : <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

type Group = { total: number; rows: Row[] };

/** The candidates held out of the ranking: waiting for review, and set aside (not assessed), each counted. */
export function HeldOutGroups({
  needsReview,
  setAside,
  values,
  base,
  languageNames,
}: {
  needsReview: Group;
  setAside: Group;
  values: Pick<ValueHeading, "id" | "name" | "direction">[];
  base: string;
  languageNames: LanguageNames;
}) {
  const t = useStaffT("results");
  const more = (group: Group) =>
    group.total > group.rows.length ? (
      <p className="muted small">{t("held.showing", { shown: group.rows.length, count: group.total })}</p>
    ) : null;
  return (
    <>
      {needsReview.total > 0 ? (
        <section aria-labelledby="needs-review-heading" className="card review-panel">
          <h2 id="needs-review-heading">
            {t("held.reviewHeading", { label: reviewStatusLabel(t, "pending"), count: needsReview.total })}
          </h2>
          <p>{t("held.reviewIntro")}</p>
          <ResultsTable
            rows={needsReview.rows}
            values={values}
            base={base}
            languageNames={languageNames}
            caption={t("held.reviewCaption")}
            region={t("held.reviewRegion")}
            className="held-out-table"
          />
          {more(needsReview)}
        </section>
      ) : null}
      {setAside.total > 0 ? (
        <details className="set-aside">
          <summary>
            {t("held.setAsideSummary", { label: reviewStatusLabel(t, "set_aside"), count: setAside.total })}
          </summary>
          <ResultsTable
            rows={setAside.rows}
            values={values}
            base={base}
            languageNames={languageNames}
            caption={t("held.setAsideCaption")}
            region={t("held.setAsideRegion")}
            className="held-out-table"
          />
          {more(setAside)}
        </details>
      ) : null}
    </>
  );
}
