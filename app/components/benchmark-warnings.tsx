// The benchmark page's warnings in one panel, grouped per value (issue 21, point 6): the most serious group first,
// and within a group errors before warnings before notes. Warnings about the whole benchmark come first of all.
import { useStaffT } from "~/i18n/staff";
import type { BenchmarkDiagnostics } from "~/models/benchmark.server";

type Warning = BenchmarkDiagnostics["warnings"][number];

const SEVERITY: Record<Warning["level"], number> = { error: 0, warning: 1, info: 2 };

type WarningGroup = { key: string; title: string; warnings: Warning[] };

/** Groups by value (null: the whole benchmark), each sorted by severity, the groups by their most serious warning. */
export function groupWarnings(warnings: Warning[], values: { id: string; name: string }[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const w of warnings) {
    const key = w.valueId ?? "";
    const title = w.valueId ? (values.find((v) => v.id === w.valueId)?.name ?? w.valueId) : "Whole benchmark";
    const group = groups.get(key) ?? { key, title, warnings: [] };
    group.warnings.push(w);
    groups.set(key, group);
  }
  const worst = (g: WarningGroup) => Math.min(...g.warnings.map((w) => SEVERITY[w.level]));
  const order = (g: WarningGroup) => (g.key === "" ? -1 : values.findIndex((v) => v.id === g.key));
  return [...groups.values()]
    .map((g) => ({ ...g, warnings: [...g.warnings].sort((a, b) => SEVERITY[a.level] - SEVERITY[b.level]) }))
    .sort((a, b) => (a.key === "" ? -1 : b.key === "" ? 1 : worst(a) - worst(b) || order(a) - order(b)));
}

export function BenchmarkWarnings({ diag }: { diag: Pick<BenchmarkDiagnostics, "warnings" | "values"> }) {
  const t = useStaffT("benchmark");
  if (diag.warnings.length === 0) {
    return <p className="alert success">{t("warnings.none")}</p>;
  }
  const levelWord: Record<Warning["level"], string> = {
    error: t("warnings.level.error"),
    warning: t("warnings.level.warning"),
    info: t("warnings.level.info"),
  };
  const groups = groupWarnings(diag.warnings, diag.values);
  return (
    <section aria-labelledby="warnings-heading" className="card warnings-panel">
      <h2 id="warnings-heading">{t("warnings.heading")}</h2>
      {groups.map((g) => (
        <div key={g.key} className="warning-group">
          <h3>{g.key === "" ? t("warnings.whole") : g.title}</h3>
          <ul className="warnings">
            {g.warnings.map((w, i) => (
              <li key={i} className={`alert ${w.level === "error" ? "error" : "warning"}`}>
                <strong>{t("warnings.levelLabel", { level: levelWord[w.level] })}</strong> {t.message(w.message)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
