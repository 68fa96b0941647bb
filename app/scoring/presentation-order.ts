// The order a respondent sees the items in (SCORING.md section 6). One function for the web flow and the engine.
import type { AttentionItem, Item, Questionnaire, VirtueItem } from "../questionnaire/types";

export type PresentedItem =
  | { kind: "item"; valueId: string; item: Item }
  | { kind: "attention"; item: AttentionItem }
  | { kind: "virtue"; item: VirtueItem };

type Check = Extract<PresentedItem, { kind: "attention" | "virtue" }>;

/** The value items interleaved round robin in file order: the first item of each value, then the second, ... */
export function valueItemsInPresentationOrder(
  q: Pick<Questionnaire, "values">,
): Extract<PresentedItem, { kind: "item" }>[] {
  const interleaved: Extract<PresentedItem, { kind: "item" }>[] = [];
  const longest = Math.max(0, ...q.values.map((v) => v.items.length));
  for (let i = 0; i < longest; i++) {
    for (const value of q.values) {
      const item = value.items[i];
      if (item) interleaved.push({ kind: "item", valueId: value.id, item });
    }
  }
  return interleaved;
}

/**
 * The checks (attention and virtue items) in the order they are placed: attention and virtue items alternate
 * (first attention item, first virtue item, second attention item, ...), the longer list's rest at the end.
 * Without virtue items this is the attention list, so orders from before virtue items existed are unchanged.
 */
function checksInOrder(attention: readonly AttentionItem[], virtues: readonly VirtueItem[]): Check[] {
  const checks: Check[] = [];
  for (let k = 0; k < Math.max(attention.length, virtues.length); k++) {
    if (k < attention.length) checks.push({ kind: "attention", item: attention[k] });
    if (k < virtues.length) checks.push({ kind: "virtue", item: virtues[k] });
  }
  return checks;
}

/**
 * The order a respondent sees: value items interleaved round robin, and check j of the C checks (attention and
 * virtue items, see checksInOrder) placed after value item round((j + 1) * N / (C + 1)) of N, so they spread
 * evenly. Deterministic: a function of the questionnaire only.
 */
export function presentationOrder(
  q: Pick<Questionnaire, "values" | "attention"> & { virtues?: readonly VirtueItem[] },
): PresentedItem[] {
  const interleaved = valueItemsInPresentationOrder(q);
  const checks = checksInOrder(q.attention, q.virtues ?? []);
  const n = interleaved.length;
  const c = checks.length;
  const slots = checks.map((_, j) => Math.round(((j + 1) * n) / (c + 1)));
  const out: PresentedItem[] = [];
  let next = 0;
  for (let i = 0; i <= n; i++) {
    while (next < c && slots[next] === i) {
      out.push(checks[next]);
      next += 1;
    }
    if (i < n) out.push(interleaved[i]);
  }
  return out;
}
