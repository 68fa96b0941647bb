// The results list as CSV: the ranked candidates, then those waiting for review and those set aside, each row saying
// which (split from results.server.ts, issue 21). Audited as an export.
import { recordAudit } from "~/models/audit.server";
import { getPositionResultsContext } from "~/models/results-context.server";
import { allResultRows, type ResultRow } from "~/models/results.server";
import { toCsv } from "~/utils/csv";
import type { Translate } from "~/i18n/i18n";
import { staffT } from "~/i18n/staff-catalogs.server";
import { bandReading, intervalText, reviewStatusLabel } from "~/utils/report-wording";
import type { ResultsQuery } from "~/utils/schemas/results.server";

/** The review column: "not needed" for a candidate off the review list, else where the review stands. */
function reviewCell(t: Translate, row: ResultRow): string {
  return row.review ? reviewStatusLabel(t, row.reviewStatus) : "not needed";
}

/**
 * The whole filtered list as CSV, audited as an export: the ranked candidates in rank order, then those waiting for
 * review, then those set aside. Per value: score, percentile, its 95% interval, band (read with the value's direction,
 * as on the report) and alignment.
 */
export async function exportResultsCsv(
  orgId: string,
  positionId: string,
  query: ResultsQuery,
  actor: { id: string; email: string },
): Promise<{ filename: string; csv: string; rowCount: number }> {
  const tw = staffT("en", "wording");
  const context = await getPositionResultsContext(orgId, positionId);
  const { ranking, needsReview, setAside } = await allResultRows(orgId, positionId, context.values, query);
  const header = [
    "Candidate",
    "Submitted",
    "Status",
    "Overall alignment",
    "Min alignment",
    "Weakest value",
    ...context.values.flatMap((v) => [
      `${v.name} score`,
      `${v.name} percentile`,
      `${v.name} 95% interval`,
      `${v.name} band`,
      `${v.name} alignment`,
    ]),
    "Flags",
    "Review",
    "Decision",
  ];
  const rows = [...ranking.rows, ...needsReview.rows, ...setAside.rows];
  const lines = rows.map((row) => [
    row.name,
    row.submittedAt ?? "",
    row.scored ? (row.incomplete ? "scored (incomplete)" : "scored") : "not scored",
    roundOrEmpty(row.overall),
    roundOrEmpty(row.minAlignment),
    row.weakest?.name ?? "",
    ...context.values.flatMap((v) => {
      const cell = row.values[v.id];
      return [
        roundOrEmpty(cell?.score ?? null),
        roundOrEmpty(cell?.percentile ?? null),
        cell && cell.ciLow !== null && cell.ciHigh !== null ? intervalText(cell.ciLow, cell.ciHigh) : "",
        cell?.band ? bandReading(tw, cell.band, v.direction, cell.uncertain === true).word : "",
        roundOrEmpty(cell?.alignment ?? null),
      ];
    }),
    row.flags.join("; "),
    reviewCell(tw, row),
    row.decision ?? "",
  ]);
  await recordAudit({
    organizationId: orgId,
    actorUserId: actor.id,
    actorLabel: actor.email,
    action: "results.exported",
    targetType: "position",
    targetId: positionId,
    details: {
      rows: lines.length,
      filters: {
        sort: ranking.sort,
        dir: query.dir,
        bandValue: ranking.bandValue,
        band: query.band ?? null,
        review: query.review === "1",
        status: query.status ?? null,
        decision: query.decision ?? null,
        // whether a search narrowed the list, not the searched name (the audit log keeps no candidate's name)
        search: Boolean(query.q),
      },
    },
  });
  const slug =
    context.position.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "position";
  return { filename: `${slug}-results.csv`, csv: "\uFEFF" + toCsv([header, ...lines]), rowCount: lines.length };
}

/** One decimal: enough for ranking, no false precision. */
function roundOrEmpty(n: number | null): string | number {
  return n === null ? "" : Math.round(n * 10) / 10;
}
