// The validity page's two tables as CSV (issue 17): the same numbers as the page, from validityReport. Headers and
// the verdict's words follow the reader's language (issue 18); numbers, ids and reading codes stay machine-readable.
import type { Locale } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";
import { getPositionHeading } from "~/models/position.server";
import { validityReport } from "~/models/validity.server";
import { toCsv } from "~/utils/csv";
import { correlationReading } from "~/utils/validity-wording";

type Cell = string | number | null;

export async function validityCsv(orgId: string, positionId: string, table: "contrast" | "outcomes", locale: Locale) {
  const t = staffT(locale, "fairness");
  const position = await getPositionHeading(orgId, positionId);
  const report = await validityReport(orgId, position.id);
  const rows: Cell[][] = [];
  if (table === "contrast") {
    rows.push([
      t("validity.csv.value"),
      t("validity.csv.nTop"),
      t("validity.csv.nComparison"),
      t("validity.csv.meanTop"),
      t("validity.csv.meanComparison"),
      t("validity.csv.d"),
      t("validity.csv.g"),
      t("validity.csv.ciLow"),
      t("validity.csv.ciHigh"),
      t("validity.csv.verdict"),
    ]);
    for (const v of report.values) {
      const c = v.contrast;
      rows.push([
        v.id,
        c?.nTop ?? null,
        c?.nComparison ?? null,
        c?.meanTop ?? null,
        c?.meanComparison ?? null,
        c?.d ?? null,
        c?.g ?? null,
        c?.ciLow ?? null,
        c?.ciHigh ?? null,
        c?.verdict ? t(`validity.verdict.${c.verdict}`) : null,
      ]);
    }
  } else {
    rows.push([
      t("validity.csv.metric"),
      t("validity.csv.people"),
      t("validity.csv.value"),
      t("validity.csv.n"),
      t("validity.csv.r"),
      t("validity.csv.ciLow"),
      t("validity.csv.ciHigh"),
      t("validity.csv.p"),
      t("validity.csv.rCritical"),
      t("validity.csv.reading"),
    ]);
    for (const o of report.outcomes) {
      const higher = o.metric.direction === "higher";
      const entries = [
        ...report.values.map((v) => ["agents", v.id, o.agents[v.id]] as const),
        ...report.values.map((v) => ["hires", v.id, o.hires[v.id]] as const),
        ["hires", "overall", o.hiresOverall] as const,
      ];
      for (const [people, value, c] of entries) {
        if (!c) continue;
        rows.push([
          o.metric.key,
          people,
          value,
          c.n,
          c.r,
          c.ciLow,
          c.ciHigh,
          c.p,
          c.rCritical,
          correlationReading(c, higher),
        ]);
      }
    }
  }
  return { filename: t("validity.csv.filename", { table, id: position.id }), csv: toCsv(rows) };
}
