// Pieces shared by the two CSV upload pages (agents' answers import, outcomes; issue 18): the file/paste inputs, the
// list of a refused file's problems and catalog texts that show CSV headers as <code>.
import { createElement, Fragment, type ReactNode } from "react";
import { useStaffT } from "~/i18n/staff";

export type CsvProblemView = { row: number; column: string | null; message: string };

/**
 * A catalog text with `<code>…</code>` and `<strong>…</strong>` parts (CSV headers, column names) and, with `link`,
 * one `<link>…</link>` part drawn by `link`. The parts are React elements, never HTML; any other `<…>` (e.g.
 * "<item id>") stays text.
 */
export function CodeText({ text, link }: { text: string; link?: (children: string) => ReactNode }) {
  const parts = text.split(/<(code|strong|link)>(.*?)<\/\1>/g);
  const nodes: ReactNode[] = [];
  for (let i = 0; i < parts.length; i += 3) {
    if (parts[i]) nodes.push(parts[i]);
    if (i + 2 >= parts.length) continue;
    const [tag, inner] = [parts[i + 1], parts[i + 2]];
    if (tag === "link") nodes.push(createElement(Fragment, { key: i }, link ? link(inner) : inner));
    else nodes.push(createElement(tag, { key: i }, inner));
  }
  return createElement(Fragment, null, ...nodes);
}

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
