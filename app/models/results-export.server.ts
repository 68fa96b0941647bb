// The results list as CSV: the ranked candidates, then those waiting for review and those set aside, each row saying
// which (split from results.server.ts, issue 21). Audited as an export.
import { recordAudit } from "~/models/audit.server";
import { getPositionResultsContext } from "~/models/results-context.server";
import { allResultRows, type ResultRow } from "~/models/results.server";
import { toCsv } from "~/utils/csv";
import type { Locale, Translate } from "~/i18n/i18n";
import { staffT } from "~/i18n/staff-catalogs.server";
import { bandReading, intervalText, reviewStatusLabel } from "~/utils/report-wording";
import type { ResultsQuery } from "~/utils/schemas/results.server";

/** The review column: "not needed" for a candidate off the review list, else where the review stands. */
function reviewCell(t: Translate, row: ResultRow): string {
  return row.review ? reviewStatusLabel(t, row.reviewStatus) : t("csv.reviewNotNeeded");
}

/** The status column: scored, scored (incomplete) or not scored. */
function statusCell(t: Translate, row: ResultRow): string {
  if (!row.scored) return t("csv.notScored");
  return row.incomplete ? t("csv.scoredIncomplete") : t("csv.scored");
}

/**
 * The whole filtered list as CSV, audited as an export: the ranked candidates in rank order, then those waiting for
 * review, then those set aside. Per value: score, percentile, its 95% interval, band (read with the value's direction,
 * as on the report) and alignment. Headers and word cells (status, band, review) are in the reader's language
 * (`locale`, issue 18); numbers stay dot-decimal, dates ISO, flags and decisions their codes, for machines.
 */
export async function exportResultsCsv(
  orgId: string,
  positionId: string,
  query: ResultsQuery,
  actor: { id: string; email: string },
  locale: Locale = "en",
): Promise<{ filename: string; csv: string; rowCount: number }> {
  const t = staffT(locale, "results");
  const context = await getPositionResultsContext(orgId, positionId);
  const { ranking, needsReview, setAside } = await allResultRows(orgId, positionId, context.values, query);
  const header = [
    t("csv.candidate"),
    t("csv.submitted"),
    t("csv.status"),
    t("csv.overall"),
    t("csv.min"),
    t("csv.weakest"),
    ...context.values.flatMap((v) => [
      t("csv.valueScore", { value: v.name }),
      t("csv.valuePercentile", { value: v.name }),
      t("csv.valueInterval", { value: v.name }),
      t("csv.valueBand", { value: v.name }),
      t("csv.valueAlignment", { value: v.name }),
    ]),
    t("csv.flags"),
    t("csv.review"),
    t("csv.decision"),
  ];
  const rows = [...ranking.rows, ...needsReview.rows, ...setAside.rows];
  const lines = rows.map((row) => [
    row.name,
    row.submittedAt ?? "",
    statusCell(t, row),
    roundOrEmpty(row.overall),
    roundOrEmpty(row.minAlignment),
    row.weakest?.name ?? "",
    ...context.values.flatMap((v) => {
      const cell = row.values[v.id];
      return [
        roundOrEmpty(cell?.score ?? null),
        roundOrEmpty(cell?.percentile ?? null),
        cell && cell.ciLow !== null && cell.ciHigh !== null ? intervalText(cell.ciLow, cell.ciHigh) : "",
        cell?.band ? bandReading(t, cell.band, v.direction, cell.uncertain === true).word : "",
        roundOrEmpty(cell?.alignment ?? null),
      ];
    }),
    row.flags.join("; "),
    reviewCell(t, row),
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
