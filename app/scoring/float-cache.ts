// An open-addressing hash map from a double to a value: a Map keyed by doubles boxes every lookup.

const INITIAL_CAPACITY = 64;

export class FloatKeyCache<T> {
  private keys = new Float64Array(INITIAL_CAPACITY);
  private used = new Uint8Array(INITIAL_CAPACITY);
  private values: (T | undefined)[] = new Array<T | undefined>(INITIAL_CAPACITY);
  private size = 0;
  private readonly bits = new Float64Array(1);
  private readonly words = new Int32Array(this.bits.buffer);

  private slotOf(key: number): number {
    this.bits[0] = key;
    const hash = Math.imul(this.words[0] ^ Math.imul(this.words[1], 0x9e3779b1), 0x85ebca6b);
    const mask = this.keys.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (this.used[slot] === 1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  get(key: number): T | undefined {
    const slot = this.slotOf(key);
    return this.used[slot] === 1 ? this.values[slot] : undefined;
  }

  set(key: number, value: T): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
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
      if (used[slot] === 1) this.set(keys[slot], values[slot] as T);
    }
  }
}
