// The words of a CSV problem (issue 18). The parsers name a problem by a key of the staff catalog `outcomes:csv.*`
// and its variables; `englishProblem` writes it in English from the English catalog itself (the CLI, the API and the
// parsers' tests read English: one home for the words), `keyedProblem` keeps it a message (~/i18n/message) that a
// staff page's action translates for its reader. Browser-safe and dependency-free.
import { msg } from "../i18n/message";
import catalog from "../i18n/staff/en/outcomes.json";

export type ProblemVars = Record<string, string | number>;
/** The text of problem `key` (a key under `outcomes:csv`) with its variables. */
export type ProblemText = (key: string, vars?: ProblemVars) => string;

const english: Record<string, string> = catalog.csv;
const englishPlural = new Intl.PluralRules("en");

/** English, as the parsers have always written it. */
export const englishProblem: ProblemText = (key, vars = {}) => {
  const template =
    english[key] ??
    (typeof vars.count === "number" ? english[`${key}_${englishPlural.select(vars.count)}`] : undefined);
  if (template === undefined) throw new Error(`No English text for the CSV problem "${key}".`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ""));
};

/** An untranslated message: the page's action translates it for the reader. */
export const keyedProblem: ProblemText = (key, vars) => msg(`outcomes:csv.${key}`, vars);
