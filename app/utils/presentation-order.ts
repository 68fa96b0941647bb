import type { AttentionItem, Item, Questionnaire } from "~/questionnaire/types";

export type PresentedItem = { kind: "item"; valueId: string; item: Item } | { kind: "attention"; item: AttentionItem };

/**
 * The order a respondent sees: values interleaved round-robin (first item of each value, then the second, ...),
 * and attention item k of A placed after value item round((k + 1) * N / (A + 1)) of N, so they spread evenly.
 */
export function presentationOrder(q: Pick<Questionnaire, "values" | "attention">): PresentedItem[] {
  const interleaved: PresentedItem[] = [];
  const longest = Math.max(0, ...q.values.map((v) => v.items.length));
  for (let i = 0; i < longest; i++) {
    for (const value of q.values) {
      const item = value.items[i];
      if (item) interleaved.push({ kind: "item", valueId: value.id, item });
    }
  }
  const n = interleaved.length;
  const a = q.attention.length;
  const slots = q.attention.map((_, k) => Math.round(((k + 1) * n) / (a + 1)));
  const out: PresentedItem[] = [];
  let next = 0;
  for (let i = 0; i <= n; i++) {
    while (next < a && slots[next] === i) {
      out.push({ kind: "attention", item: q.attention[next] });
      next += 1;
    }
    if (i < n) out.push(interleaved[i]);
  }
  return out;
}

/** Seconds we budget per item: likert, rating and attention 8 s, scenario 25 s. */
export const SECONDS_PER_ITEM = { likert: 8, rating: 8, attention: 8, scenario: 25 } as const;

export function estimatedSeconds(q: Pick<Questionnaire, "values" | "attention">): number {
  let seconds = q.attention.length * SECONDS_PER_ITEM.attention;
  for (const value of q.values) for (const item of value.items) seconds += SECONDS_PER_ITEM[item.type];
  return seconds;
}
