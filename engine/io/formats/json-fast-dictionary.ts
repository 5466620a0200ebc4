/**
 * A string column's dictionary keyed by UTF-8 bytes, for the JSON fast path: a value already
 * seen costs a hash and a byte compare, and only a new value becomes a JS string (handed to the
 * StringBuilder, whose codes it then reuses). Open addressing over an Int32Array of entry
 * numbers; the table doubles at half full.
 */
import type { StringBuilder } from '../../batch/vector-builder';

const EMPTY = 0;

/** FNV-1a step; the scanner folds it into its string loop so the bytes are read once. */
export const FNV_OFFSET = 0x811c9dc5;
export function fnvStep(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193);
}

export class ByteDictionary {
  private slots = new Int32Array(64);
  private mask = 63;
  private readonly keys: Uint8Array[] = [];
  private readonly hashes: number[] = [];
  private readonly codes: number[] = [];

  constructor(private readonly builder: StringBuilder) {}

  /**
   * The code of the string in `buf[start, end)` (valid UTF-8; `ascii` when no byte is ≥ 0x80),
   * whose FNV-1a hash is `hash`.
   */
  codeOf(buf: Buffer, start: number, end: number, hash: number, ascii: boolean): number {
    const len = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const e = this.slots[slot];
      if (e === EMPTY) break;
      const i = e - 1;
      if (this.hashes[i] === hash) {
        const key = this.keys[i];
        if (key.length === len) {
          let j = 0;
          while (j < len && key[j] === buf[start + j]) j++;
          if (j === len) return this.codes[i];
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const text = buf.toString(ascii ? 'latin1' : 'utf8', start, end);
    const code = this.builder.codeOf(text);
    this.keys.push(new Uint8Array(buf.subarray(start, end)));
    this.hashes.push(hash);
    this.codes.push(code);
    this.slots[slot] = this.keys.length;
    if (this.keys.length * 2 > this.mask) this.grow();
    return code;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < this.keys.length; i++) {
      let slot = this.hashes[i] & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
    }
  }
}
