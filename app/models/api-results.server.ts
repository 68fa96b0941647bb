// The API's view of results (issue 20): a keyset-paginated list of a position's submitted candidates, and one fit
// report, both shaped by the schemas of app/utils/schemas/api.server.ts. The report reuses the web's getFitReport;
// the list pages by (submitted_at, id), so a candidate submitting between two pages never shifts or repeats a row.
import type { CandidateResult } from "~/scoring";
import { getFitReport } from "~/models/fit-report.server";
import { getPositionHeading } from "~/models/position.server";
import { getDb } from "~/utils/db.server";
import type { DecisionKind } from "~/utils/schemas/results.server";
import type { ApiResultsQuery } from "~/utils/schemas/api.server";
import { problem } from "~/utils/api/problem.server";

type Cursor = { submittedAt: string; id: string };

/** Opaque cursor: base64url of the last row's submitted_at and id. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.submittedAt, c.id])).toString("base64url");
}

/** The cursor's position, or a 400 problem naming the `cursor` parameter. */
export function decodeCursor(raw: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === "string")) {
      return { submittedAt: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // falls through to the problem below
  }
  throw problem(400, "The cursor is not one this API returned.", {
    errors: [{ pointer: "/cursor", detail: "Pass the nextCursor of the previous page unchanged." }],
  });
}

/** One page of the position's submitted candidates, oldest submission first, with the query's filters. */
export async function listResultsPage(orgId: string, positionId: string, query: ApiResultsQuery) {
  const db = getDb();
  await getPositionHeading(orgId, positionId, db); // 404 for another organization's or an unknown position
  let q = db
    .selectFrom("responses as r")
    .leftJoin("scores as s", (j) =>
      j.onRef("s.response_id", "=", "r.id").on("s.is_current", "=", 1).on("s.organization_id", "=", orgId),
    )
    .select((eb) => [
      "r.id",
      "r.respondent_label",
      "r.submitted_at",
      "s.result_json",
      eb
        .selectFrom("decisions as d")
        .select("d.decision")
        .whereRef("d.response_id", "=", "r.id")
        .where("d.organization_id", "=", orgId)
        .orderBy("d.decided_at", "desc")
        .limit(1)
        .as("decision"),
    ])
    .where("r.organization_id", "=", orgId)
    .where("r.position_id", "=", positionId)
    .where("r.kind", "=", "candidate")
    .where("r.submitted_at", "is not", null);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb("r.submitted_at", ">", c.submittedAt),
        eb.and([eb("r.submitted_at", "=", c.submittedAt), eb("r.id", ">", c.id)]),
      ]),
    );
  }
  if (query.submittedSince) q = q.where("r.submitted_at", ">=", new Date(query.submittedSince).toISOString());
  if (query.flagged === "true") q = q.where("s.review", "=", 1);
  if (query.flagged === "false") q = q.where("s.review", "=", 0);
  if (query.value && query.band) {
    const { value, band } = query;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("score_values as bv")
          .select("bv.score_id")
          .whereRef("bv.score_id", "=", "s.id")
          .where("bv.organization_id", "=", orgId)
          .where("bv.value_key", "=", value)
          .where("bv.band", "=", band),
      ),
    );
  }
  if (query.decision) {
    const wanted = query.decision;
    q = q.where((eb) => {
      const latest = eb
        .selectFrom("decisions as d")
        .select("d.decision")
        .whereRef("d.response_id", "=", "r.id")
        .where("d.organization_id", "=", orgId)
        .orderBy("d.decided_at", "desc")
        .limit(1);
      return wanted === "none" ? eb(latest, "is", null) : eb(latest, "=", wanted);
    });
  }
  const rows = await q
    .orderBy("r.submitted_at", "asc")
    .orderBy("r.id", "asc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => {
      const result = row.result_json ? (JSON.parse(row.result_json) as CandidateResult) : null;
      return {
        responseId: row.id,
        name: row.respondent_label,
        submittedAt: row.submitted_at!,
        scored: result !== null,
        overall: result?.overall ?? null,
        minAlignment: result?.minAlignment ?? null,
        review: result?.review ?? false,
        flags: result?.flags ?? [],
        values: Object.fromEntries(
          Object.entries(result?.values ?? {}).map(([key, v]) => [
            key,
            { alignment: v.alignment ?? null, band: v.band ?? null },
          ]),
        ),
        decision: (row.decision as DecisionKind | null) ?? null,
      };
    }),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ submittedAt: last.submitted_at!, id: last.id }) : null,
  };
}

/** The fit report of one candidate in the API's shape (the web report's numbers, no wording but flag meanings). */
export async function getApiFitReport(orgId: string, positionId: string, responseId: string) {
  // One round of reads (fit-report-data.server.ts); the benchmark the score was made with comes with them (issue 19).
  const report = await getFitReport(orgId, positionId, responseId);
  return {
    positionId: report.position.id,
    responseId: report.candidate.responseId,
    name: report.candidate.name,
    submittedAt: report.candidate.submittedAt,
    scored: report.scored,
    notScoredReason: report.notScoredReason,
    algorithmVersion: report.provenance?.algorithmVersion ?? null,
    benchmarkId: report.provenance?.benchmarkId ?? null,
    scoredAt: report.provenance?.scoredAt ?? null,
    overall: report.overall
      ? {
          overall: report.overall.overall,
          minAlignment: report.overall.minAlignment,
          incomplete: report.overall.incomplete,
          belowValues: report.values.filter((v) => v.result?.band === "below").map((v) => v.id),
        }
      : null,
    values: report.values.map((v) => ({
      key: v.id,
      name: v.name,
      weight: v.weight,
      score: v.result?.score ?? null,
      percentile: v.result?.percentile ?? null,
      percentileLow: v.result?.ciLow ?? null,
      percentileHigh: v.result?.ciHigh ?? null,
      alignment: v.result?.alignment ?? null,
      band: v.result?.band ?? null,
      uncertain: v.result?.uncertain ?? null,
    })),
    flags: report.flags,
    review: report.review,
    decisions: report.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      note: d.note,
      hiredOn: d.hiredOn,
      decidedAt: d.decidedAt,
    })),
  };
}
