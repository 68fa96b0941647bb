// An open-addressing hash map from a double to a value: a Map keyed by doubles boxes every lookup.

const INITIAL_CAPACITY = 64;

/**
 * Spreads a double over 32 bits: the integer part of key * an odd constant (ToInt32 keeps its low bits), so keys
 * that differ only in their fraction (value scores such as 62.5 and 62.51) land apart. Plain arithmetic: reading
 * the key's bits through a typed-array view was a measurable part of every lookup. Keys are still compared exactly.
 */
function hashOf(key: number): number {
  const h = (key * 2654435761) | 0;
  return h ^ (h >>> 16);
}

export class FloatKeyCache<T> {
  private keys = new Float64Array(INITIAL_CAPACITY);
  private used = new Uint8Array(INITIAL_CAPACITY);
  private values: (T | undefined)[] = new Array<T | undefined>(INITIAL_CAPACITY);
  private size = 0;

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = hashOf(key) & mask;
    while (this.used[slot] === 1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  /** The number of keys held. */
  get count(): number {
    return this.size;
  }

  get(key: number): T | undefined {
    const slot = this.slotOf(key);
    return this.used[slot] === 1 ? this.values[slot] : undefined;
  }

  set(key: number, value: T): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.put(key, value);
  }

  private put(key: number, value: T): void {
    const slot = this.slotOf(key);
    if (this.used[slot] === 0) this.size += 1;
    this.keys[slot] = key;
    this.used[slot] = 1;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, used, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.used = new Uint8Array(keys.length * 2);
    this.values = new Array<T | undefined>(keys.length * 2);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot += 1) {
      if (used[slot] === 1) this.put(keys[slot], values[slot] as T);
    }
  }
}
