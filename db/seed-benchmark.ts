// Demo data for the benchmark and the candidate reports: one position per demo organization with 14 imported top
// agents (one straightliner who is hard-flagged), an active benchmark and 20 scored candidates with a spread of
// results. Answers come from a seeded PRNG, so every run produces the same answers. Safe to run twice.
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

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

type Person = {
  /** Value id -> latent level 0..1 (where the person sits on the value). */
  level: Record<string, number>;
  /** Noise of single answers around the level. */
  noise: number;
  /** Chance of choosing the agents' favourite option in a scenario. */
  consensus: number;
  /** Answers every scaled item with this raw value (a straightliner). */
  flat?: number;
};

function answerAs(q: Questionnaire, person: Person, rand: () => number): Answers {
  const answers: Answers = {};
  for (const value of q.values) {
    for (const item of value.items) {
      if (item.type === "scenario") {
        const favourite = hash(item.id) % item.options.length;
        // People high on the value pick the agents' favourite more often (keeps the value's items consistent).
        const chance = clamp01(person.consensus + 2 * (person.level[value.id] - 0.75));
        const pick =
          rand() < chance
            ? favourite
            : (favourite + 1 + Math.floor(rand() * (item.options.length - 1))) % item.options.length;
        answers[item.id] = item.options[pick].id;
        continue;
      }
      const { min, max } = item.scale;
      if (person.flat !== undefined) {
        answers[item.id] = Math.min(max, Math.max(min, person.flat));
        continue;
      }
      const p = clamp01(person.level[value.id] + person.noise * normal(rand));
      const keyed = min + Math.round(p * (max - min));
      answers[item.id] = item.keyed === "minus" ? min + max - keyed : keyed;
    }
  }
  for (const check of q.attention) {
    // A straightliner's flat answer also misses a check asking for another answer (a hard flag either way).
    answers[check.id] = person.flat !== undefined ? Math.min(check.scale.max, person.flat) : check.expect;
  }
  return answers;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(q: Questionnaire, rows: { name: string; answers: Answers }[]): string {
  const ids = [...q.values.flatMap((v) => v.items.map((i) => i.id)), ...q.attention.map((a) => a.id)];
  const lines = [["respondent", ...ids].join(",")];
  for (const row of rows) lines.push([csvCell(row.name), ...ids.map((id) => String(row.answers[id] ?? ""))].join(","));
  return `${lines.join("\n")}\n`;
}

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
  const imported = await importAgentResponses(orgId, positionId, toCsv(q, agents), actor);
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
  return true;
}
