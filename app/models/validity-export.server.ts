// The validity page's two tables as CSV (issue 17): the same numbers as the page, from validityReport.
import { getPositionHeading } from "~/models/position.server";
import { validityReport } from "~/models/validity.server";
import { toCsv } from "~/utils/csv";
import { correlationReading, VERDICT_LABEL } from "~/utils/validity-wording";

type Cell = string | number | null;

export async function validityCsv(orgId: string, positionId: string, table: "contrast" | "outcomes") {
  const position = await getPositionHeading(orgId, positionId);
  const report = await validityReport(orgId, position.id);
  const rows: Cell[][] = [];
  if (table === "contrast") {
    rows.push([
      "value",
      "n_top",
      "n_comparison",
      "mean_top",
      "mean_comparison",
      "d",
      "g",
      "ci_low",
      "ci_high",
      "verdict",
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
        c?.verdict ? VERDICT_LABEL[c.verdict] : null,
      ]);
    }
  } else {
    rows.push(["metric", "people", "value", "n", "r", "ci_low", "ci_high", "p", "r_critical", "reading"]);
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
  return { filename: `validity-${table}-${position.id}.csv`, csv: toCsv(rows) };
}
