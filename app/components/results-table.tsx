import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { TableRegion } from "~/components/table-region";
import { languageName } from "~/i18n/locale";
import type { ResultRow, ValueHeading } from "~/models/results.server";
import { decisionLabel } from "~/utils/decision-labels";
import { useStaffT } from "~/i18n/staff";
import { bandReading, reviewStatusLabel, whole } from "~/utils/report-wording";
import { verdictMark, verdictNote } from "~/utils/validity-wording";
import type { Verdict } from "~/scoring";

type Row = Omit<ResultRow, "submittedAt" | "values"> & {
  submittedAt: string | null;
  values: Record<string, Pick<ResultRow["values"][string], "alignment" | "band" | "uncertain">>;
};

/**
 * A table of candidates, one column per value with its alignment and band mark (read with the value's direction).
 * `heading` renders the sortable column headings of the ranking; `pickable` adds the compare checkboxes.
 */
export function ResultsTable({
  rows,
  values,
  base,
  caption,
  heading = (_key, label) => label,
  pickable = false,
  verdicts = {},
  className = "results-table",
}: {
  rows: Row[];
  values: Pick<ValueHeading, "id" | "name" | "direction">[];
  base: string;
  caption: string;
  heading?: (key: string, label: string) => ReactNode;
  pickable?: boolean;
  /** Value id -> the contrast verdict of the active benchmark (issue 17): unclear and reversed values are marked. */
  verdicts?: Record<string, Verdict | null | undefined>;
  /** "results-table" is the ranking (the e2e specs read its rows); the held-out groups use another class. */
  className?: string;
}) {
  const tw = useStaffT("wording");
  return (
    <TableRegion
      label={className === "results-table" ? "Ranking table" : `${caption} (table)`.replace(/^Candidates /, "")}
    >
      <table className={className}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {pickable ? (
              <th scope="col">
                <span className="sr-only">Pick to compare</span>
              </th>
            ) : null}
            <th scope="col" className="sticky-col">
              Candidate
            </th>
            <th scope="col">{heading("overall", "Overall")}</th>
            <th scope="col">{heading("min", "Min alignment")}</th>
            {values.map((v) => (
              <th scope="col" key={v.id}>
                {heading(v.id, v.name)}
                {verdictMark(verdicts[v.id]) ? (
                  <span className="muted block small" title={verdictNote(verdicts[v.id]) ?? undefined}>
                    {verdictMark(verdicts[v.id])}
                  </span>
                ) : null}
              </th>
            ))}
            <th scope="col">Flags</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.responseId}>
              {pickable ? (
                <td>
                  <input type="checkbox" name="ids" value={row.responseId} aria-label={`Compare ${row.name}`} />
                </td>
              ) : null}
              <th scope="row" className="sticky-col">
                <Link to={`${base}/candidates/${row.responseId}`}>{row.name}</Link>
                <span className="muted small answered-in"> · {languageName(row.locale)}</span>
              </th>
              <td>{row.scored ? whole(row.overall) : <span className="muted">not scored</span>}</td>
              <td>
                {whole(row.minAlignment)}
                {row.weakest ? <span className="muted small"> ({row.weakest.name})</span> : null}
              </td>
              {values.map((v) => {
                const cell = row.values[v.id];
                const reading = cell?.band ? bandReading(tw, cell.band, v.direction, cell.uncertain === true) : null;
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
                  <span className="badge review-badge">{reviewStatusLabel(tw, row.reviewStatus)}</span>
                ) : null}{" "}
                {row.flags.join(", ")}
                {row.incomplete ? <span className="muted small"> incomplete</span> : null}
              </td>
              <td>{row.decision ? decisionLabel(tw, row.decision) : <span className="muted">–</span>}</td>
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
}: {
  needsReview: Group;
  setAside: Group;
  values: Pick<ValueHeading, "id" | "name" | "direction">[];
  base: string;
}) {
  const more = (group: Group) =>
    group.total > group.rows.length ? (
      <p className="muted small">
        Showing the first {group.rows.length} of {group.total}.
      </p>
    ) : null;
  const tw = useStaffT("wording");
  return (
    <>
      {needsReview.total > 0 ? (
        <section aria-labelledby="needs-review-heading" className="card review-panel">
          <h2 id="needs-review-heading">
            {reviewStatusLabel(tw, "pending")} ({needsReview.total})
          </h2>
          <p>
            Their answers raised a hard flag or two soft flags, so they are not ranked with the others until someone
            opens the report and decides: the scores can be used, or the candidate is set aside (not assessed).
          </p>
          <ResultsTable
            rows={needsReview.rows}
            values={values}
            base={base}
            caption="Candidates waiting for review"
            className="held-out-table"
          />
          {more(needsReview)}
        </section>
      ) : null}
      {setAside.total > 0 ? (
        <details className="set-aside">
          <summary>
            {reviewStatusLabel(tw, "set_aside")}: {setAside.total} candidate{setAside.total === 1 ? "" : "s"}, not
            ranked, compared or counted in the fairness report
          </summary>
          <ResultsTable
            rows={setAside.rows}
            values={values}
            base={base}
            caption="Candidates set aside after review"
            className="held-out-table"
          />
          {more(setAside)}
        </details>
      ) : null}
    </>
  );
}
