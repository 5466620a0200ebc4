/**
 * Dense codes 0, 1, 2, … for the distinct numbers of a key column, by open addressing over
 * typed arrays. A `Map<number, number>` boxes every non-small-integer key it is asked about
 * (a heap number per row of a window's start and end), which made grouping one of the
 * largest allocators of a streaming aggregation; this table allocates only when it grows,
 * and is reused batch after batch (`reset`).
 *
 * Equality is SameValueZero, as Spark groups doubles after NormalizeFloatingNumbers: NaN
 * meets NaN, -0.0 meets 0.0. NULL has its own code, drawn from the same counter.
 */
const EMPTY = -1;
const INITIAL_CAPACITY = 1024;

export class Float64CodeTable {
  private keys = new Float64Array(INITIAL_CAPACITY);
  private codes = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  private mask = INITIAL_CAPACITY - 1;
  private used = 0;
  private nanCode = EMPTY;
  private nullCodeValue = EMPTY;
  /** Codes handed out since the last reset: the column's cardinality. */
  size = 0;
  /** The bits of the number being hashed. */
  private readonly scratch = new Float64Array(1);
  private readonly scratchWords = new Uint32Array(this.scratch.buffer);

  /** Forgets every code (keeps the capacity, so a steady stream of batches allocates nothing). */
  reset(): void {
    if (this.used > 0) this.codes.fill(EMPTY);
    this.used = 0;
    this.nanCode = EMPTY;
    this.nullCodeValue = EMPTY;
    this.size = 0;
  }

  nullCode(): number {
    if (this.nullCodeValue === EMPTY) this.nullCodeValue = this.size++;
    return this.nullCodeValue;
  }

  codeOf(value: number): number {
    if (value !== value) {
      if (this.nanCode === EMPTY) this.nanCode = this.size++;
      return this.nanCode;
    }
    const x = value + 0; // -0 + 0 is +0
    this.scratch[0] = x;
    const w = this.scratchWords;
    let slot = mix(w[0], w[1]) & this.mask;
    for (;;) {
      const c = this.codes[slot];
      if (c === EMPTY) break;
      if (this.keys[slot] === x) return c;
      slot = (slot + 1) & this.mask;
    }
    const code = this.size++;
    this.keys[slot] = x;
    this.codes[slot] = code;
    if (++this.used * 2 > this.mask) this.grow();
    return code;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCodes = this.codes;
    const capacity = oldCodes.length * 2;
    this.keys = new Float64Array(capacity);
    this.codes = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    const w = this.scratchWords;
    for (let i = 0; i < oldCodes.length; i++) {
      const c = oldCodes[i];
      if (c === EMPTY) continue;
      const x = oldKeys[i];
      this.scratch[0] = x;
      let slot = mix(w[0], w[1]) & this.mask;
      while (this.codes[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = x;
      this.codes[slot] = c;
    }
  }
}

/**
 * murmur3's 32-bit finaliser over both words of the double: every input bit reaches the low
 * bits the table indexes with (window bounds in µs share many trailing zero bits).
 */
function mix(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
