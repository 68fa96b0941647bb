// The engine bench's data (scripts/bench-engine.ts, scripts/bench-rescore.ts): a questionnaire of 8 values x 5 items
// (3 likert, 1 rating, 1 scenario) and one attention item, and seeded random responses read back from JSON as the
// web app reads them.
import type { Item, Questionnaire } from "../app/questionnaire/types";
import type { Answers, RespondentInput } from "../app/scoring/index";

export const VALUES = 8;
export const ITEMS_PER_VALUE = 5;
export const BENCH_SEED = 20_261_123;

/** mulberry32: a small seeded PRNG so every run scores the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchQuestionnaire(): Questionnaire {
  return {
    id: "bench",
    version: 1,
    title: "Engine bench",
    locale: "en",
    attention: [{ id: "att-1", text: "Answer 4", expect: 4, scale: { min: 1, max: 5 } }],
    virtues: [],
    values: Array.from({ length: VALUES }, (_, v) => ({
      id: `value-${v}`,
      name: `Value ${v}`,
      direction: v % 3 === 2 ? ("target" as const) : ("higher" as const),
      weight: 1 + (v % 2),
      probes: [],
      items: Array.from({ length: ITEMS_PER_VALUE }, (_, i): Item => {
        const id = `v${v}-i${i}`;
        if (i === 4)
          return { id, type: "scenario", text: id, options: ["a", "b", "c", "d"].map((o) => ({ id: o, text: o })) };
        if (i === 3) return { id, type: "rating", text: id, keyed: "plus", scale: { min: 0, max: 10 } };
        return { id, type: "likert", text: id, keyed: i === 1 ? "minus" : "plus", scale: { min: 1, max: 5 } };
      }),
    })),
  };
}

export function randomResponses(
  q: Questionnaire,
  count: number,
  prefix: string,
  random: () => number,
): RespondentInput[] {
  const pick = <T>(options: readonly T[]) => options[Math.floor(random() * options.length)];
  return Array.from({ length: count }, (_, r) => {
    const answers: Answers = { "att-1": random() < 0.97 ? 4 : 2 };
    for (const value of q.values) {
      for (const item of value.items) {
        if (random() < 0.03) answers[item.id] = null;
        else if (item.type === "scenario") answers[item.id] = pick(["a", "a", "b", "c", "d"]);
        else answers[item.id] = item.scale.min + Math.floor(random() * (item.scale.max - item.scale.min + 1));
      }
    }
    // The web app reads answers back from one JSON document per response.
    return { respondent: `${prefix}${r}`, answers: JSON.parse(JSON.stringify(answers)) as Answers };
  });
}
