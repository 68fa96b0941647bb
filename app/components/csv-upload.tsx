// Pieces shared by the two CSV upload pages (agents' answers import, outcomes; issue 18): the file/paste inputs, the
// list of a refused file's problems (catalog texts with <code> parts: RichText in ~/i18n/i18n).
import { useStaffT } from "~/i18n/staff";

export type CsvProblemView = { row: number; column: string | null; message: string };

/** The problems of a refused upload (already in the reader's language), each with its row and column. */
export function CsvProblems({ formError, problems }: { formError?: string | null; problems?: CsvProblemView[] }) {
  const t = useStaffT("outcomes");
  return (
    <div className="alert error" role="alert">
      <p>{formError}</p>
      {problems?.length ? (
        <ul className="problems">
          {problems.map((p, i) => (
            <li key={i}>
              {p.column
                ? t("problemAtColumn", { row: p.row, column: p.column, message: p.message })
                : t("problemAt", { row: p.row, message: p.message })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A file input and a textarea to paste into (a chosen file wins). */
export function CsvInputs({ prefix, pasted, rows = 6 }: { prefix: string; pasted?: string; rows?: number }) {
  const t = useStaffT("outcomes");
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-file`}>{t("csvFile")}</label>
        <input id={`${prefix}-file`} name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div>
        <label htmlFor={`${prefix}-csv`}>{t("pasteCsv")}</label>
        <textarea id={`${prefix}-csv`} name="csv" rows={rows} spellCheck={false} defaultValue={pasted} />
      </div>
    </>
  );
}
