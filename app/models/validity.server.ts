// The validity evidence of a position (issue 17; SCORING.md sections 11 and 12): does a value separate the top agents
// from the comparison agents, and does it go with the outcomes (CSAT, QA score, handling time) of the agents and of
// the hired candidates? Every statistic is the engine's (~/scoring); this module only gathers the inputs.
import type { CandidateResult, ContrastValue, Correlation, OutcomeTable } from "~/scoring";
import { outcomeCorrelations } from "~/scoring";
import { MIN_CONTRAST_N } from "~/scoring/contrast";
import { MIN_CORRELATION_N } from "~/scoring/outcomes";
import { computeDraftBenchmark } from "~/models/benchmark.server";
import { hiredCandidates, listMetrics, listPositionOutcomes, type Metric } from "~/models/outcomes.server";
import { getDb } from "~/utils/db.server";
import { expectancyTable, type ExpectancyBand } from "~/utils/expectancy";
import { agentsPerGroupForD, peopleForR, PLANNED_D, PLANNED_R, POWER } from "~/utils/power";
import { correlationReading, type ValidityLimits } from "~/utils/validity-wording";

/** The hires' overall fit is set against an outcome once this many hires have both. */
export const MIN_HIRES_WITH_OUTCOMES = 10;

export type ValidityValue = { id: string; name: string; contrast: ContrastValue | null };
export type MetricValidity = {
  metric: Metric;
  agents: Record<string, Correlation>;
  hires: Record<string, Correlation>;
  hiresOverall: Correlation;
  /** Hires with an overall fit and a value of this metric. */
  hiresWithOutcome: number;
  /** Only from MIN_HIRES_WITH_OUTCOMES hires with an outcome. */
  expectancy: ExpectancyBand[] | null;
};

async function hiredResults(orgId: string, positionId: string, hired: ReadonlyMap<string, string>) {
  if (hired.size === 0) return [];
  const rows = await getDb()
    .selectFrom("scores")
    .select(["response_id", "result_json"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("is_current", "=", 1)
    .where("response_id", "in", [...hired.keys()])
    .orderBy("response_id")
    .execute();
  return rows.map((r) => JSON.parse(r.result_json) as CandidateResult);
}

/** Everything the validity page shows, computed now from the position's agents, hires and outcomes. */
export async function validityReport(orgId: string, positionId: string) {
  const draft = await computeDraftBenchmark(orgId, positionId);
  const { q, snapshot, inputs } = draft;
  const [metrics, stored, hired] = await Promise.all([
    listMetrics(orgId),
    listPositionOutcomes(orgId, positionId),
    hiredCandidates(orgId, positionId),
  ]);
  const results = await hiredResults(orgId, positionId, hired);
  const table: OutcomeTable = { metrics: [], values: new Map() };
  for (const o of stored) {
    if (!table.metrics.includes(o.metricKey)) table.metrics.push(o.metricKey);
    const row = table.values.get(o.responseId) ?? new Map<string, number>();
    row.set(o.metricKey, o.value);
    table.values.set(o.responseId, row);
  }
  const correlations = outcomeCorrelations(q, snapshot, inputs, [], results, table);
  const contrast = snapshot.contrast ?? null;
  const values: ValidityValue[] = q.values.map((v) => ({
    id: v.id,
    name: v.name,
    contrast: contrast?.values[v.id] ?? null,
  }));
  const outcomes: MetricValidity[] = metrics
    .filter((m) => correlations[m.key])
    .map((metric) => {
      const c = correlations[metric.key];
      const people = results
        .filter((r) => r.overall !== null && table.values.get(r.respondent)?.has(metric.key))
        .map((r) => ({ fit: r.overall as number, outcome: table.values.get(r.respondent)!.get(metric.key)! }));
      return {
        metric,
        agents: c.agents.values,
        hires: c.candidates.values,
        hiresOverall: c.candidates.overall,
        hiresWithOutcome: people.length,
        expectancy:
          people.length >= MIN_HIRES_WITH_OUTCOMES ? expectancyTable(people, metric.direction === "higher") : null,
      };
    });
  return {
    algorithmVersion: snapshot.algorithmVersion,
    advice: advise(values, outcomes),
    values,
    contrast: contrast
      ? { comparisonAgents: contrast.agents, excluded: contrast.excluded.length, topAgents: snapshot.agents }
      : null,
    outcomes,
    hires: hired.size,
    planning: {
      d: PLANNED_D,
      agentsPerGroup: agentsPerGroupForD(PLANNED_D),
      r: PLANNED_R,
      people: peopleForR(PLANNED_R),
    },
    limits: {
      minContrastN: MIN_CONTRAST_N,
      minCorrelationN: MIN_CORRELATION_N,
      minHires: MIN_HIRES_WITH_OUTCOMES,
      power: POWER,
    } satisfies ValidityLimits,
  };
}

/**
 * Values that neither separate the groups nor go with any outcome (of the agents or the hires), among the values
 * with some evidence; and the values with no evidence yet.
 */
export function advise(values: readonly ValidityValue[], outcomes: readonly MetricValidity[]) {
  const unsupported: string[] = [];
  const noEvidence: string[] = [];
  for (const v of values) {
    const readings = outcomes.flatMap((o) =>
      [o.agents[v.id], o.hires[v.id]]
        .filter((c): c is Correlation => Boolean(c))
        .map((c) => correlationReading(c, o.metric.direction === "higher")),
    );
    const contrastKnown = v.contrast?.verdict != null;
    const correlated = readings.some((r) => r !== "too-few");
    if (!contrastKnown && !correlated) noEvidence.push(v.name);
    else if (v.contrast?.verdict !== "distinguishes" && !readings.includes("goes-with")) unsupported.push(v.name);
  }
  return { unsupported, noEvidence };
}

export type ValidityReport = Awaited<ReturnType<typeof validityReport>>;
