// The demo seed's answer generator: a seeded PRNG and people with a latent level per value, so every run produces
// the same answers (db/seed-benchmark.ts, db/seed-validity.ts).
import type { Questionnaire } from "../app/questionnaire/types";
import type { Answers } from "../app/scoring";

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export type Person = {
  /** Value id -> latent level 0..1 (where the person sits on the value). */
  level: Record<string, number>;
  /** Noise of single answers around the level. */
  noise: number;
  /** Chance of choosing the agents' favourite option in a scenario. */
  consensus: number;
  /** Answers every scaled item with this raw value (a straightliner). */
  flat?: number;
};

export function answerAs(q: Questionnaire, person: Person, rand: () => number): Answers {
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

/** A responses CSV (SCORING.md section 2); with a `group` column when a row has a group (the agents' file). */
export function toCsv(
  q: Questionnaire,
  rows: { name: string; answers: Answers; group?: "top" | "comparison" }[],
): string {
  const ids = [...q.values.flatMap((v) => v.items.map((i) => i.id)), ...q.attention.map((a) => a.id)];
  const grouped = rows.some((r) => r.group);
  const lines = [["respondent", ...(grouped ? ["group"] : []), ...ids].join(",")];
  for (const row of rows) {
    const group = grouped ? [row.group ?? "top"] : [];
    lines.push([csvCell(row.name), ...group, ...ids.map((id) => String(row.answers[id] ?? ""))].join(","));
  }
  return `${lines.join("\n")}\n`;
}
