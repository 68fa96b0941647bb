// Demo data for the validity page (issue 17): 8 comparison agents (ordinary members of the team: lower than the top
// agents on the first half of the values, alike on the rest), the metrics csat, qa-score and aht with outcomes for
// every agent, and 12 hired candidates with outcomes. Outcomes follow the people's value scores plus noise, so the
// page shows real (seeded, reproducible) numbers on a fresh machine.
import { computeDraftBenchmark } from "../app/models/benchmark.server";
import { recordDecision } from "../app/models/decision.server";
import { createMetric, listMetrics, uploadOutcomeValues } from "../app/models/outcomes.server";
import { scoreResponse } from "../app/models/score.server";
import type { Questionnaire } from "../app/questionnaire/types";
import { agentValueScores } from "../app/scoring";
import { getDb, nowIso } from "../app/utils/db.server";
import { newId } from "../app/utils/tokens.server";
import { answerAs, clamp01, normal, type Person } from "./seed-answers";

const COMPARISON_NAMES = [
  "Ben Carter",
  "Chloé Martin",
  "Diego Alvarez",
  "Eva Nilsson",
  "Felix Braun",
  "Hana Sato",
  "Ivan Horvat",
  "Julia Kowalski",
];

const HIRE_NAMES = [
  "Amira Haddad",
  "Bruno Costa",
  "Carla Mendes",
  "Dmitri Volkov",
  "Erin Walsh",
  "Florian Weber",
  "Gabriela Silva",
  "Henrik Dahl",
  "Ivy Chen",
  "Jonah Fischer",
  "Keiko Mori",
  "Leon Novak",
];

const METRICS = [
  { key: "csat", label: "CSAT", unit: "1–5", direction: "higher" },
  { key: "qa-score", label: "QA score", unit: "points", direction: "higher" },
  { key: "aht", label: "Average handling time", unit: "seconds", direction: "lower" },
] as const;

/** The comparison agents' answers, with the group column value for the import. */
export function comparisonAgents(q: Questionnaire, agentLevel: Record<string, number>, rand: () => number) {
  const separating = Math.ceil(q.values.length / 2);
  return COMPARISON_NAMES.map((name) => {
    const level = Object.fromEntries(
      q.values.map((v, i) => [v.id, clamp01(agentLevel[v.id] + (i < separating ? -0.18 : 0) + 0.08 * normal(rand))]),
    );
    const person: Person = { level, noise: 0.1, consensus: 0.6 };
    return { name, answers: answerAs(q, person, rand), group: "comparison" as const };
  });
}

/** The three outcomes of a person with these value scores (null scores count as the middle). */
function outcomesOf(q: Questionnaire, scores: Record<string, number | null>, rand: () => number) {
  const z = (i: number) => ((scores[q.values[i % q.values.length].id] ?? 70) - 70) / 15;
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return {
    csat: round(Math.min(5, Math.max(1, 4.1 + 0.35 * z(0) + 0.25 * normal(rand))), 2),
    "qa-score": round(Math.min(100, Math.max(0, 82 + 6 * z(1) + 5 * normal(rand))), 1),
    aht: Math.round(Math.min(900, Math.max(120, 380 - 40 * z(0) + 50 * normal(rand)))),
  };
}

export async function seedOutcomesAndHires(
  orgId: string,
  positionId: string,
  q: Questionnaire,
  versionId: string,
  staff: { id: string; email: string },
  agentLevel: Record<string, number>,
  rand: () => number,
): Promise<void> {
  const actor = { userId: staff.id, label: staff.email };
  const existing = new Set((await listMetrics(orgId)).map((m) => m.key));
  for (const metric of METRICS) if (!existing.has(metric.key)) await createMetric(orgId, metric, actor);

  const rows: string[] = ["email,metric,value"];
  const add = (label: string, scores: Record<string, number | null>) => {
    for (const [metric, value] of Object.entries(outcomesOf(q, scores, rand)))
      rows.push(`"${label}",${metric},${value}`);
  };
  const draft = await computeDraftBenchmark(orgId, positionId);
  for (const input of draft.inputs) add(draft.labels[input.respondent], agentValueScores(q, draft.snapshot, input));

  const hiredOn = new Date(Date.now() - 120 * 24 * 60 * 60 * 1000);
  for (const [index, name] of HIRE_NAMES.entries()) {
    const level = Object.fromEntries(q.values.map((v) => [v.id, clamp01(agentLevel[v.id] + 0.12 * normal(rand))]));
    const answers = answerAs(q, { level, noise: 0.1, consensus: 0.7 }, rand);
    const at = new Date(hiredOn.getTime() - (30 + index) * 60 * 60 * 1000);
    const id = newId();
    await getDb()
      .insertInto("responses")
      .values({
        id,
        organization_id: orgId,
        position_id: positionId,
        invitation_id: null,
        kind: "candidate",
        respondent_label: name,
        questionnaire_version_id: versionId,
        locale: q.locale,
        source: "web",
        answers_json: JSON.stringify(answers),
        page_times_json: "{}",
        consent_at: nowIso(at),
        started_at: nowIso(at),
        updated_at: nowIso(at),
        submitted_at: nowIso(at),
      })
      .execute();
    const stored = await scoreResponse(orgId, id);
    await recordDecision(
      orgId,
      positionId,
      id,
      { decision: "hired", note: "Demo hire", hiredOn: nowIso(hiredOn).slice(0, 10) },
      staff,
    );
    const scores = Object.fromEntries(q.values.map((v) => [v.id, stored?.result.values[v.id]?.score ?? null]));
    add(name, scores);
  }
  const uploaded = await uploadOutcomeValues(orgId, positionId, rows.join("\n"), actor);
  if (!uploaded.ok) throw new Error(`Seeding the demo outcomes failed: ${JSON.stringify(uploaded.problems)}`);
}
