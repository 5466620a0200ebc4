/**
 * The JSON-lines fast path: one record's bytes straight into the column builders, without
 * decoding the file to a JS string or building any value the plan does not read.
 *
 * It scans the top-level object's keys as bytes, matches them against the required fields
 * (the key seen at the same position in the previous record is tried first), skips every
 * other value by its grammar, and converts required values from bytes exactly as
 * json-converters.ts does: integers and Clinger-exact decimals are accumulated in place,
 * anything longer goes through `Number` of the token's text; strings are looked up in a
 * per-column dictionary keyed by their bytes (json-fast-dictionary.ts).
 *
 * It accepts only the plain case: a record it is not sure about — a top-level array, a key or
 * kept string with an escape, a single quote, a non-string token for a string column, a
 * string for a number or timestamp, an out-of-range or non-numeric number, a duplicate
 * required key, a syntax error, invalid UTF-8, nesting deeper than MAX_SKIP_DEPTH — returns
 * FALLBACK before anything is appended, and the reader runs that record through the cursor
 * path (json-reader.ts), so both paths give identical rows, corrupt records and warnings.
 * Whatever follows the record's closing brace is ignored, as by the cursor path (Jackson
 * stops after the root value).
 */
import { isUtf8 } from 'node:buffer';
import type { BoolBuilder, NumericBuilder, StringBuilder, VectorBuilder } from '../../batch/vector-builder';
import { Kind, type ConvertPlan } from './json-converters';
import { ByteDictionary, FNV_OFFSET } from './json-fast-dictionary';
import { writeIntegerBytesAsMicros } from './json-fast-timestamps';
import { fitsInLong, isPlausibleMicros, type TimestampUnit } from './timestamp-unit';

export const enum ScanResult {
  /** The record's row was appended. */
  Row = 0,
  /** Whitespace only: no row (as the cursor path). */
  Blank = 1,
  /** Nothing appended: read this record with the cursor path. */
  Fallback = 2,
}

/** Kinds converted here; a required field of any other kind sends the whole file to the cursor path. */
const FAST_KINDS: ReadonlySet<Kind> = new Set([Kind.Bool, Kind.Int, Kind.Long, Kind.Float, Kind.Double, Kind.String, Kind.Timestamp]);

/** Skipped containers deeper than this go to the cursor path (which applies Jackson's 1000 limit). */
const MAX_SKIP_DEPTH = 64;
/** Returned by the scanning helpers instead of a position. */
const BAIL = -1;

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

interface FastField {
  /** Column index in the schema. */
  readonly index: number;
  readonly kind: Kind;
  readonly min: number;
  readonly max: number;
  readonly unit: TimestampUnit;
  readonly key: Buffer;
  readonly numbers: NumericBuilder | null;
  readonly strings: StringBuilder | null;
  readonly bools: BoolBuilder | null;
  readonly dictionary: ByteDictionary | null;
}

/** Where a record's key at one position pointed last time. */
interface KeySlot {
  readonly bytes: Uint8Array;
  readonly field: number;
  /** The key holds bytes ≥ 0x80, so a record using it needs the UTF-8 check. */
  readonly high: boolean;
}

export interface FastScanInit {
  readonly plans: readonly (ConvertPlan | null)[];
  /** Field name → schema index for the converted fields (the cursor path's lookup). */
  readonly index: ReadonlyMap<string, number>;
  readonly builders: readonly VectorBuilder[];
  /** The corrupt-record column that good records leave NULL, or -1. */
  readonly corruptIdx: number;
  /** Timestamp columns whose first implausible value per file becomes a warning. */
  readonly implausible: Map<number, [number, string | null]>;
  readonly onRow: () => void;
}

export class JsonFastScanner {
  private readonly fields: FastField[] = [];
  /** Per field: the record stamp when it was last set, its value and whether it was null. */
  private readonly seen: Int32Array;
  private readonly nums: Float64Array;
  private readonly isNull: Uint8Array;
  private readonly keySlots: (KeySlot | undefined)[] = [];
  private readonly corrupt: VectorBuilder | null;
  private stamp = 0;
  private buf: Buffer = Buffer.alloc(0);
  private lineStart = 0;
  private end = 0;
  /** The record holds a byte ≥ 0x80 (inside a string): checked as UTF-8 before the row is kept. */
  private high = false;
  /** Set by scanString for the string just read. */
  private strHash = 0;
  private strAscii = true;
  /** Set by scanNumber: value pieces of the token just scanned. */
  private numIsInt = true;
  private numDigits = 0;
  private numMantissa = 0;
  private numExp = 0;
  private numNeg = false;
  /** Implausible timestamps met in this record, in token order: field, µs, literal. */
  private readonly pending: [number, number, string][] = [];
  private numPending = 0;

  /** A scanner for these plans, or null when a required field's type is not handled here. */
  static create(init: FastScanInit): JsonFastScanner | null {
    for (const idx of init.index.values()) if (!FAST_KINDS.has(init.plans[idx]!.kind)) return null;
    return new JsonFastScanner(init);
  }

  private constructor(private readonly init: FastScanInit) {
    for (const [name, idx] of init.index) {
      const plan = init.plans[idx]!;
      const b = init.builders[idx];
      const strings = plan.kind === Kind.String ? (b as StringBuilder) : null;
      this.fields.push({
        index: idx,
        kind: plan.kind,
        min: plan.min,
        max: plan.max,
        unit: plan.unit,
        key: Buffer.from(name, 'utf8'),
        numbers: plan.kind === Kind.String || plan.kind === Kind.Bool ? null : (b as NumericBuilder),
        strings,
        bools: plan.kind === Kind.Bool ? (b as BoolBuilder) : null,
        dictionary: strings === null ? null : new ByteDictionary(strings),
      });
    }
    const n = this.fields.length;
    this.seen = new Int32Array(n);
    this.nums = new Float64Array(n);
    this.isNull = new Uint8Array(n);
    this.corrupt = init.corruptIdx >= 0 ? init.builders[init.corruptIdx] : null;
  }

  /** Scans the record in `buf[start, end)` (one line, no line separator in it). */
  scan(buf: Buffer, start: number, end: number): ScanResult {
    this.buf = buf;
    this.lineStart = start;
    this.end = end;
    this.high = false;
    this.numPending = 0;
    if (++this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    let p = this.ws(start);
    if (p === end) return ScanResult.Blank;
    if (buf[p] !== 123 /* { */) return ScanResult.Fallback;
    p = this.ws(p + 1);
    if (p < end && buf[p] === 125 /* } */) return this.commit(p + 1);
    for (let k = 0; ; k++) {
      if (p >= end || buf[p] !== 34) return ScanResult.Fallback;
      const field = this.matchKey(p, k);
      if (field === -2) return ScanResult.Fallback;
      p = this.ws(this.keyEnd);
      if (p >= end || buf[p] !== 58 /* : */) return ScanResult.Fallback;
      p = this.ws(p + 1);
      if (p >= end) return ScanResult.Fallback;
      if (field < 0) p = this.skipValue(p, 1);
      else {
        if (this.seen[field] === this.stamp) return ScanResult.Fallback; // last one wins: let the cursor path decide
        this.seen[field] = this.stamp;
        p = this.readField(field, p);
      }
      if (p === BAIL) return ScanResult.Fallback;
      p = this.ws(p);
      if (p >= end) return ScanResult.Fallback;
      const c = buf[p];
      if (c === 125) return this.commit(p + 1);
      if (c !== 44 /* , */) return ScanResult.Fallback;
      p = this.ws(p + 1);
    }
  }

  /** Appends the staged row; `p` is just after the closing brace (the rest of the line is ignored). */
  private commit(p: number): ScanResult {
    // Ignored text still makes the line bad when it is not UTF-8 (Jackson decodes the record first).
    for (let q = p; q < this.end && !this.high; q++) if (this.buf[q] >= 128) this.high = true;
    if (this.high && !isUtf8(this.buf.subarray(this.lineStart, this.end))) return ScanResult.Fallback;
    const fields = this.fields;
    for (let f = 0; f < fields.length; f++) {
      const fd = fields[f];
      if (this.seen[f] !== this.stamp || this.isNull[f] === 1) {
        (fd.numbers ?? fd.strings ?? fd.bools)!.appendNull();
      } else if (fd.numbers !== null) fd.numbers.appendNumber(this.nums[f]);
      else if (fd.strings !== null) fd.strings.appendCode(this.nums[f]);
      else fd.bools!.appendBool(this.nums[f] !== 0);
    }
    if (this.corrupt !== null) this.corrupt.appendNull();
    for (let i = 0; i < this.numPending; i++) {
      const [idx, us, literal] = this.pending[i];
      if (!this.init.implausible.has(idx)) this.init.implausible.set(idx, [us, literal]);
    }
    this.init.onRow();
    return ScanResult.Row;
  }

  private ws(p: number): number {
    const b = this.buf;
    // Compact JSON has no whitespace between tokens: one test answers most calls. (At or past
    // `end` this returns p as the loop would; a read past the buffer is undefined, not > 32.)
    if (b[p] > 32) return p;
    const end = this.end;
    while (p < end) {
      const c = b[p];
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return p;
      p++;
    }
    return p;
  }

  /** Position after the key matched last (its closing quote). */
  private keyEnd = 0;

  /** The field index of the quoted key at `p` (-1 = not required, -2 = bail); sets keyEnd. */
  private matchKey(p: number, k: number): number {
    const b = this.buf;
    const slot = this.keySlots[k];
    if (slot !== undefined) {
      const key = slot.bytes;
      const len = key.length;
      const close = p + 1 + len;
      if (close < this.end && b[close] === 34) {
        let j = 0;
        while (j < len && key[j] === b[p + 1 + j]) j++;
        if (j === len) {
          this.keyEnd = close + 1;
          if (slot.high) this.high = true;
          return slot.field;
        }
      }
    }
    const start = p + 1;
    let q = start;
    let high = false;
    for (;;) {
      if (q >= this.end) return -2;
      const c = b[q];
      if (c === 34) break;
      if (c === 92 || c < 32) return -2;
      if (c >= 128) high = true;
      q++;
    }
    if (high) this.high = true;
    this.keyEnd = q + 1;
    const bytes = b.subarray(start, q);
    let field = -1;
    for (let f = 0; f < this.fields.length; f++) {
      if (this.fields[f].key.equals(bytes)) {
        field = f;
        break;
      }
    }
    this.keySlots[k] = { bytes: new Uint8Array(bytes), field, high };
    return field;
  }

  /** Converts the required field's value at `p`; returns the position after it, or BAIL. */
  private readField(f: number, p: number): number {
    const b = this.buf;
    const fd = this.fields[f];
    const c = b[p];
    if (c === 110 /* n */) {
      const q = this.word(p, 0x6c6c756e /* null */);
      if (q !== BAIL) this.isNull[f] = 1;
      return q;
    }
    this.isNull[f] = 0;
    switch (fd.kind) {
      case Kind.String: {
        if (c !== 34) return BAIL;
        const q = this.scanString(p);
        if (q === BAIL) return BAIL;
        if (!this.strAscii && !isUtf8(b.subarray(this.lineStart, this.end))) return BAIL;
        this.nums[f] = fd.dictionary!.codeOf(b, p + 1, q - 1, this.strHash, this.strAscii);
        return q;
      }
      case Kind.Bool: {
        if (c === 116) {
          this.nums[f] = 1;
          return this.word(p, 0x65757274 /* true */);
        }
        if (c === 102) {
          this.nums[f] = 0;
          return this.word5False(p);
        }
        return BAIL;
      }
      default: {
        if (c !== 45 && (c < 48 || c > 57)) return BAIL;
        const q = this.scanNumber(p);
        if (q === BAIL) return BAIL;
        if (fd.kind === Kind.Timestamp) return this.timestampValue(fd, f, p, q) ? q : BAIL;
        const v = this.numberValue(fd, p, q);
        if (Number.isNaN(v)) return BAIL;
        this.nums[f] = v;
        return q;
      }
    }
  }

  /** The converted value of the number token [s, e) for the field, or NaN to bail. */
  private numberValue(fd: FastField, s: number, e: number): number {
    const isInt = this.numIsInt;
    switch (fd.kind) {
      case Kind.Int: {
        if (!isInt || this.numDigits > 15) return NaN;
        const v = this.numNeg ? -this.numMantissa : this.numMantissa;
        return v >= fd.min && v <= fd.max ? v : NaN;
      }
      case Kind.Long:
        if (!isInt) return NaN;
        if (this.numDigits <= 15) return this.numNeg ? -this.numMantissa : this.numMantissa;
        if (this.numDigits >= 19 && !fitsInLong(this.buf.toString('latin1', s, e))) return NaN;
        return Number(this.buf.toString('latin1', s, e));
      case Kind.Double:
        return this.doubleValue(s, e);
      case Kind.Float:
        return Math.fround(this.doubleValue(s, e));
      default:
        return NaN;
    }
  }

  /**
   * The integer timestamp token [s, e) as µs, written straight into `nums[f]` (returning the
   * double would box it per row); false to bail.
   */
  private timestampValue(fd: FastField, f: number, s: number, e: number): boolean {
    if (!this.numIsInt || !writeIntegerBytesAsMicros(this.nums, f, this.buf, s, e, fd.unit)) return false;
    const us = this.nums[f];
    if (!isPlausibleMicros(us) && !this.init.implausible.has(fd.index)) {
      this.pending[this.numPending++] = [fd.index, us, this.buf.toString('latin1', s, e)];
    }
    return true;
  }

  /** A double equal to `Number(text)`: exact accumulations first (Clinger's fast path). */
  private doubleValue(s: number, e: number): number {
    const m = this.numMantissa;
    if (this.numDigits <= 15) {
      const exp = this.numExp;
      let v: number;
      if (exp === 0) v = m;
      else if (exp < 0 && exp >= -22) v = m / POWERS_OF_TEN[-exp];
      else if (exp > 0 && exp <= 22) v = m * POWERS_OF_TEN[exp];
      else return Number(this.buf.toString('latin1', s, e));
      return this.numNeg ? -v : v;
    }
    return Number(this.buf.toString('latin1', s, e));
  }

  /**
   * A number token in Jackson's strict grammar (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`, not
   * followed by a name character); sets the num* fields. BAIL for anything else (a leading
   * `+`, leading zeros, NaN/Infinity), which the cursor path judges.
   */
  private scanNumber(p: number): number {
    const b = this.buf;
    const end = this.end;
    let neg = false;
    if (b[p] === 45) {
      neg = true;
      p++;
    }
    if (p >= end) return BAIL;
    let c = b[p];
    let mantissa = 0;
    let digits = 0;
    let exp = 0;
    let isInt = true;
    if (c === 48) {
      p++;
      if (p < end && (c = b[p]) >= 48 && c <= 57) return BAIL;
    } else if (c >= 49 && c <= 57) {
      while (p < end && (c = b[p]) >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        p++;
      }
    } else return BAIL;
    if (p < end && b[p] === 46) {
      isInt = false;
      p++;
      const f = p;
      while (p < end && (c = b[p]) >= 48 && c <= 57) {
        // Leading zeros after the point are not significant digits (fastFloat counts the same way).
        if (digits > 0 || c !== 48) digits++;
        mantissa = mantissa * 10 + (c - 48);
        exp--;
        p++;
      }
      if (p === f) return BAIL;
    }
    if (p < end && ((c = b[p]) === 101 || c === 69)) {
      isInt = false;
      p++;
      let sign = 1;
      if (p < end && ((c = b[p]) === 43 || c === 45)) {
        sign = c === 45 ? -1 : 1;
        p++;
      }
      const e = p;
      let ev = 0;
      while (p < end && (c = b[p]) >= 48 && c <= 57) {
        if (ev < 100000) ev = ev * 10 + (c - 48);
        p++;
      }
      if (p === e) return BAIL;
      // A huge exponent only has to fall outside Clinger's range, sending the value to Number.
      exp += sign * (ev >= 100000 ? 1e9 : ev);
    }
    if (p < end && isNamePart(b[p])) return BAIL;
    this.numIsInt = isInt;
    this.numDigits = digits;
    this.numMantissa = mantissa;
    this.numExp = exp;
    this.numNeg = neg;
    return p;
  }

  /** scanNumber's grammar without computing the value (a skipped field). */
  private skipNumber(p: number): number {
    const b = this.buf;
    const end = this.end;
    if (b[p] === 45) p++;
    if (p >= end) return BAIL;
    let c = b[p];
    if (c === 48) {
      p++;
      if (p < end && (c = b[p]) >= 48 && c <= 57) return BAIL;
    } else if (c >= 49 && c <= 57) {
      p++;
      while (p < end && (c = b[p]) >= 48 && c <= 57) p++;
    } else return BAIL;
    if (p < end && b[p] === 46) {
      const f = ++p;
      while (p < end && (c = b[p]) >= 48 && c <= 57) p++;
      if (p === f) return BAIL;
    }
    if (p < end && ((c = b[p]) === 101 || c === 69)) {
      p++;
      if (p < end && ((c = b[p]) === 43 || c === 45)) p++;
      const e = p;
      while (p < end && (c = b[p]) >= 48 && c <= 57) p++;
      if (p === e) return BAIL;
    }
    return p < end && isNamePart(b[p]) ? BAIL : p;
  }

  /**
   * A kept (required) double-quoted string at `p`; returns the position after its closing
   * quote. Its bytes are hashed for the dictionary; an escape bails (its decoded text would
   * differ from the bytes).
   */
  private scanString(p: number): number {
    const b = this.buf;
    const end = this.end;
    let h = FNV_OFFSET;
    let ascii = true;
    p++;
    for (;;) {
      if (p >= end) return BAIL;
      const c = b[p];
      if (c === 34) break;
      if (c < 32 || c === 92) return BAIL;
      if (c >= 128) ascii = false;
      h = Math.imul(h ^ c, 0x01000193);
      p++;
    }
    if (!ascii) this.high = true;
    this.strHash = h;
    this.strAscii = ascii;
    return p + 1;
  }

  /**
   * scanString for a skipped value: an escape skips the next unit as the cursor's skipString
   * does, nothing is hashed, and the common bytes (above the backslash) take one test.
   */
  private skipString(p: number): number {
    const b = this.buf;
    const end = this.end;
    let ascii = true;
    p++;
    for (;;) {
      if (p >= end) return BAIL;
      const c = b[p];
      if (c > 92) {
        if (c >= 128) ascii = false;
        p++;
        continue;
      }
      if (c === 34) break;
      if (c === 92) p += 2;
      else if (c < 32) return BAIL;
      else p++;
    }
    if (!ascii) this.high = true;
    return p + 1;
  }

  /** A four-letter literal (`true`, `null`) packed little-endian in `word`. */
  private word(p: number, word: number): number {
    const b = this.buf;
    if (p + 4 > this.end) return BAIL;
    if ((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) !== (word | 0)) return BAIL;
    p += 4;
    return p < this.end && isNamePart(b[p]) ? BAIL : p;
  }

  private word5False(p: number): number {
    const b = this.buf;
    if (p + 5 > this.end) return BAIL;
    if (b[p + 1] !== 97 || b[p + 2] !== 108 || b[p + 3] !== 115 || b[p + 4] !== 101) return BAIL;
    p += 5;
    return p < this.end && isNamePart(b[p]) ? BAIL : p;
  }

  /** Skips any value at `p` (whitespace already skipped), checking its syntax; BAIL when unsure. */
  private skipValue(p: number, depth: number): number {
    const b = this.buf;
    const c = b[p];
    if (c === 34) return this.skipString(p);
    if (c === 45 || (c >= 48 && c <= 57)) return this.skipNumber(p);
    if (c === 116) return this.word(p, 0x65757274);
    if (c === 110) return this.word(p, 0x6c6c756e);
    if (c === 102) return this.word5False(p);
    if (c !== 123 && c !== 91) return BAIL;
    if (depth >= MAX_SKIP_DEPTH) return BAIL;
    const isObject = c === 123;
    const close = isObject ? 125 : 93;
    const end = this.end;
    p = this.ws(p + 1);
    if (p < end && b[p] === close) return p + 1;
    for (;;) {
      if (p >= end) return BAIL;
      if (isObject) {
        if (b[p] !== 34) return BAIL;
        p = this.skipString(p);
        if (p === BAIL) return BAIL;
        p = this.ws(p);
        if (p >= end || b[p] !== 58) return BAIL;
        p = this.ws(p + 1);
        if (p >= end) return BAIL;
      }
      p = this.skipValue(p, depth + 1);
      if (p === BAIL) return BAIL;
      p = this.ws(p);
      if (p >= end) return BAIL;
      const d = b[p];
      if (d === close) return p + 1;
      if (d !== 44) return BAIL;
      p = this.ws(p + 1);
    }
  }
}

function isNamePart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c >= 48 && c <= 57);
}
