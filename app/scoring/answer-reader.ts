// Reading a response's answers into slots (see AnswerReader).
import type { ItemPlan } from "./plan";
import type { Answers } from "./types";

/**
 * Reads a response's answers into their slots with a single for...in pass. Looking each item up by name instead
 * (answers[id] with a different id each time) is a megamorphic keyed load, a search of the object's property
 * names per item: the largest cost of scoring a JSON-parsed response. for...in walks the object's own fields in
 * order; the key -> slot lookups are cached by position, since responses from the same source list their keys in
 * the same order. The scan then goes through the slots in file order, so the likert pattern, the sums and the
 * first invalid answer do not depend on the order of the keys.
 *
 * Answers are plain data (JSON, CSV rows): for...in sees their enumerable properties, own or inherited, which is
 * what answers[id] read. (An object built key by key with many keys is a dictionary to V8, for which for...in is
 * slower than keyed loads; Object.fromEntries or JSON.parse build ones this reads fastest.)
 */
export class AnswerReader {
  /** The raw answer per slot; undefined when the last response read has none. */
  private readonly raw: unknown[];
  private readonly firstSlotOf = new Map<string, number>();
  /** The next slot with the same id (-1: none): ids are unique in a valid file, but nothing here relies on it. */
  private readonly nextWithId: Int32Array;
  /** The id is also a property of Object.prototype (e.g. "constructor"): only an own property is an answer. */
  readonly ownOnly: Uint8Array;
  /**
   * The last response's keys by position and their first slots (-1: not an item). "" until a key is seen, so the
   * comparison below only ever meets strings and stays a pointer compare.
   */
  readonly keyAt: string[];
  readonly slotAt: number[];

  constructor(items: readonly ItemPlan[]) {
    this.raw = items.map(() => undefined);
    this.nextWithId = new Int32Array(items.length).fill(-1);
    for (let slot = items.length - 1; slot >= 0; slot -= 1) {
      const next = this.firstSlotOf.get(items[slot].id);
      if (next !== undefined) this.nextWithId[slot] = next;
      this.firstSlotOf.set(items[slot].id, slot);
    }
    this.ownOnly = Uint8Array.from(items, (item) => (item.inherited ? 1 : 0));
    this.keyAt = items.map(() => "");
    this.slotAt = items.map(() => -1);
  }

  read(answers: Answers): void {
    // A keyed load would throw on a missing answers object; for...in would silently see no answers.
    if (answers === null || answers === undefined) throw new TypeError(`answers must be an object, got ${answers}`);
    const { raw } = this;
    for (let slot = 0; slot < raw.length; slot += 1) raw[slot] = undefined;
    let position = 0;
    for (const key in answers) {
      let slot = this.slotOf(position, key);
      position += 1;
      if (slot < 0 || (this.ownOnly[slot] === 1 && !Object.hasOwn(answers, key))) continue;
      const answer = answers[key];
      for (; slot >= 0; slot = this.nextWithId[slot]) raw[slot] = answer;
    }
  }

  /**
   * The first slot of the key at this position of a response's keys (-1: not an item); a pointer compare when the
   * response lists its keys as the last one did.
   */
  slotOf(position: number, key: string): number {
    return position < this.keyAt.length && this.keyAt[position] === key
      ? this.slotAt[position]
      : this.remember(position, key);
  }

  /** Whether an item id is used by more than one slot (an invalid file): the codes need one slot per id. */
  get hasDuplicateIds(): boolean {
    return this.nextWithId.some((next) => next >= 0);
  }

  /** The raw answer in a slot; undefined when the response has none. */
  get(slot: number): unknown {
    return this.raw[slot];
  }

  /** Looks a key up and caches it at its position. */
  private remember(position: number, key: string): number {
    const slot = this.firstSlotOf.get(key) ?? -1;
    if (position < this.keyAt.length) {
      this.keyAt[position] = key;
      this.slotAt[position] = slot;
    } else {
      this.keyAt.push(key);
      this.slotAt.push(slot);
    }
    return slot;
  }
}
