// Demo data for the benchmark and the candidate reports: one position per demo organization with 14 imported top
// agents (one straightliner who is hard-flagged) and 8 comparison agents, an active benchmark, 20 scored candidates
// with a spread of results, and outcomes with 12 hires (db/seed-validity.ts). Answers come from a seeded PRNG, so
// every run produces the same answers. Safe to run twice.
import { activateBenchmark } from "../app/models/benchmark.server";
import { createPosition } from "../app/models/position.server";
import { listPublishedVersions } from "../app/models/questionnaire.server";
import { pagesOf } from "../app/models/respondent-input.server";
import { importAgentResponses } from "../app/models/response-import.server";
import { scoreResponse } from "../app/models/score.server";
import type { Questionnaire } from "../app/questionnaire/types";
import type { Answers } from "../app/scoring";
import { getDb, nowIso } from "../app/utils/db.server";
import { newId } from "../app/utils/tokens.server";
import { answerAs, clamp01, hash, normal, prng, toCsv, type Person } from "./seed-answers";
import { comparisonAgents, seedOutcomesAndHires } from "./seed-validity";

export const DEMO_POSITION_TITLE = "Customer support agent";

const AGENT_NAMES = [
  "Maya Lindqvist",
  "Tomás Herrera",
  "Priya Raman",
  "Jonas Becker",
  "Aisha Bello",
  "Liam O'Connor",
  "Sam Straight",
  "Yuki Tanaka",
  "Elena Petrova",
  "Kwame Mensah",
  "Sofia Rossi",
  "Noah Williams",
  "Fatima Zahra",
  "Ines Duarte",
];
const STRAIGHTLINER = "Sam Straight";

type Profile = "strong" | "average" | "weak" | "speeder" | "straightliner";
const CANDIDATES: { name: string; profile: Profile }[] = [
  { name: "Alex Morgan", profile: "strong" },
  { name: "Beatriz Santos", profile: "average" },
  { name: "Chen Wei", profile: "strong" },
  { name: "Daniel Okafor", profile: "weak" },
  { name: "Emma Johansson", profile: "average" },
  { name: "Farid Haddad", profile: "average" },
  { name: "Grace Kim", profile: "strong" },
  { name: "Hugo Laurent", profile: "weak" },
  { name: "Isabel García", profile: "average" },
  { name: "Jamal Carter", profile: "speeder" },
  { name: "Katarzyna Nowak", profile: "strong" },
  { name: "Lucas Meyer", profile: "average" },
  { name: "Mariam Yusuf", profile: "weak" },
  { name: "Nina Popescu", profile: "average" },
  { name: "Oscar Lindgren", profile: "straightliner" },
  { name: "Paula Fernández", profile: "strong" },
  { name: "Quentin Dubois", profile: "average" },
  { name: "Rania Aziz", profile: "weak" },
  { name: "Stefan Ivanov", profile: "average" },
  { name: "Tara Singh", profile: "strong" },
];

/** Realistic time per page for a web respondent (ms), or a speeder's. */
function pageTimes(q: Questionnaire, answers: Answers, secondsPerItem: () => number): Record<string, number> {
  const times: Record<string, number> = {};
  pagesOf(q).forEach((ids, page) => {
    const answered = ids.filter((id) => answers[id] !== undefined && answers[id] !== null).length;
    let ms = 0;
    for (let i = 0; i < answered; i++) ms += secondsPerItem() * 1000;
    times[String(page)] = Math.round(ms);
  });
  return times;
}

/**
 * Creates the demo position of an organization unless it already has a position or has no published questionnaire.
 * Returns true when something was created.
 */
export async function seedBenchmark(orgId: string): Promise<boolean> {
  const db = getDb();
  const existing = await db
    .selectFrom("positions")
    .select("id")
    .where("organization_id", "=", orgId)
    .executeTakeFirst();
  if (existing) return false;
  const [version] = await listPublishedVersions(orgId);
  if (!version) return false;
  const staff = await db
    .selectFrom("users")
    .select(["id", "email", "role"])
    .where("organization_id", "=", orgId)
    .where("disabled_at", "is", null)
    .orderBy("role", "desc") // recruiter before admin
    .orderBy("created_at")
    .executeTakeFirst();
  if (!staff) return false;
  const actor = { userId: staff.id, label: staff.email };
  const q = version.content;

  const positionId = await createPosition(
    orgId,
    {
      title: DEMO_POSITION_TITLE,
      description: "Front-line chat and email support. Demo position with imported top agents and scored candidates.",
      questionnaireVersionId: version.id,
      status: "open",
    },
    actor,
  );

  const rand = prng(hash(`${q.id}:${q.version}`));
  // Where the top agents sit on each value: high on most, a little lower on target values.
  const agentLevel: Record<string, number> = {};
  for (const value of q.values) agentLevel[value.id] = value.direction === "target" ? 0.6 : 0.72 + 0.1 * rand();

  const agents = AGENT_NAMES.map((name) => {
    const person: Person =
      name === STRAIGHTLINER
        ? { level: agentLevel, noise: 0, consensus: 1, flat: 4 }
        : {
            level: Object.fromEntries(q.values.map((v) => [v.id, clamp01(agentLevel[v.id] + 0.1 * normal(rand))])),
            noise: 0.09,
            consensus: 0.8,
          };
    return { name, answers: answerAs(q, person, rand) };
  });
  // 8 ordinary members of the team as comparison agents (issue 17): the validity page's contrast.
  const comparison = comparisonAgents(q, agentLevel, rand);
  const imported = await importAgentResponses(orgId, positionId, toCsv(q, [...agents, ...comparison]), actor);
  if (!imported.ok) throw new Error(`Seeding the demo agents failed: ${JSON.stringify(imported.problems)}`);

  await activateBenchmark(orgId, positionId, { id: staff.id, email: staff.email });

  const start = Date.now() - CANDIDATES.length * 60 * 60 * 1000;
  for (const [index, candidate] of CANDIDATES.entries()) {
    const weakValues = new Set(
      candidate.profile === "weak"
        ? [q.values[index % q.values.length].id, q.values[(index + 2) % q.values.length].id]
        : [],
    );
    const level: Record<string, number> = {};
    for (const value of q.values) {
      const base = agentLevel[value.id];
      const shift =
        candidate.profile === "strong"
          ? 0.05 * normal(rand)
          : weakValues.has(value.id)
            ? -0.28 + 0.04 * normal(rand)
            : -0.04 + 0.08 * normal(rand);
      level[value.id] = clamp01(base + shift);
    }
    const person: Person =
      candidate.profile === "straightliner"
        ? { level, noise: 0, consensus: 0, flat: 3 }
        : {
            level,
            noise: candidate.profile === "strong" ? 0.09 : 0.12,
            consensus: candidate.profile === "strong" ? 0.85 : candidate.profile === "weak" ? 0.4 : 0.7,
          };
    const answers = answerAs(q, person, rand);
    const fast = candidate.profile === "speeder" || candidate.profile === "straightliner";
    const times = pageTimes(q, answers, () => (fast ? 0.8 + 0.6 * rand() : 5 + 8 * rand()));
    const started = new Date(start + index * 60 * 60 * 1000);
    const submitted = new Date(started.getTime() + Object.values(times).reduce((s, ms) => s + ms, 0) + 60_000);
    const id = newId();
    await db
      .insertInto("responses")
      .values({
        id,
        organization_id: orgId,
        position_id: positionId,
        invitation_id: null,
        kind: "candidate",
        respondent_label: candidate.name,
        questionnaire_version_id: version.id,
        locale: q.locale,
        source: "web",
        answers_json: JSON.stringify(answers),
        page_times_json: JSON.stringify(times),
        consent_at: nowIso(started),
        started_at: nowIso(started),
        updated_at: nowIso(submitted),
        submitted_at: nowIso(submitted),
      })
      .execute();
    await scoreResponse(orgId, id);
  }
  // Outcomes (CSAT, QA score, handling time) for every agent and 12 hired candidates (issue 17).
  await seedOutcomesAndHires(orgId, positionId, q, version.id, { id: staff.id, email: staff.email }, agentLevel, rand);
  return true;
}
