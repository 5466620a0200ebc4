/**
 * One Arrow column decoded for the grid: values in a typed array (or dictionary codes for
 * strings), a null mask, a formatter called only for cells on screen, and an ascending
 * comparator over the typed values. One decoder per Spark type family, as arrow-js keeps
 * one visitor per type rather than a switch in every operation.
 *
 * The layouts are the engine's (engine/service/arrow-types.ts): bigint and timestamp as
 * Int64/Timestamp(µs) over BigInt64Array, date as Date(DAY) days, decimal as Float64 with
 * the scale in `spark.type`, strings as Dictionary<Int32, Utf8>.
 *
 * Decoding is a generator (`decodeColumnSteps`) that pauses every DECODE_STEP_ROWS rows, so
 * the page can spread one column of a 1M-row table over several tasks: in one go a column
 * took 35–70 ms (issue 8: no main-thread task over 50 ms).
 */
import { Type, type Data, type Vector } from 'apache-arrow';
import {
  formatDateMillis,
  formatDouble,
  formatFloat,
  formatNested,
  formatTimestampMicros,
} from './cell-format';
import type { ColumnKind } from './result-table';

export interface DecodedColumn {
  readonly kind: ColumnKind;
  readonly sparkType: string;
  /** 1 where the cell is NULL. */
  readonly nulls: Uint8Array;
  text(row: number): string;
  /** Ascending order of two non-null cells. */
  compare(a: number, b: number): number;
}

const MS_PER_DAY = 86_400_000;

/** Rows (or dictionary entries) decoded between two pauses of `decodeColumnSteps`. */
export const DECODE_STEP_ROWS = 131_072;

/** Decodes a column at once. */
export function decodeColumn(
  chunks: readonly Data[],
  typeId: Type,
  sparkType: string,
  numRows: number,
  vector: Vector | null,
): DecodedColumn {
  const steps = decodeColumnSteps(chunks, typeId, sparkType, numRows, vector);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/** Decodes a column, yielding after each `stepRows` rows; returns the decoded column. */
export function* decodeColumnSteps(
  chunks: readonly Data[],
  typeId: Type,
  sparkType: string,
  numRows: number,
  vector: Vector | null,
  stepRows: number = DECODE_STEP_ROWS,
): Generator<void, DecodedColumn, void> {
  const nulls = yield* nullMask(chunks, numRows, typeId, stepRows);
  const withNulls = (text: (row: number) => string) => (row: number) =>
    nulls[row] === 1 ? 'NULL' : text(row);
  switch (typeId) {
    case Type.Int: {
      if (chunks.some((d) => d.values instanceof BigInt64Array)) {
        const values = yield* bigints(chunks, numRows, stepRows);
        return { kind: 'long', sparkType, nulls, text: withNulls((r) => values[r].toString()), compare: (a, b) => order(values[a], values[b]) };
      }
      const values = yield* numbers(chunks, numRows, stepRows);
      return { kind: 'integer', sparkType, nulls, text: withNulls((r) => String(values[r])), compare: (a, b) => order(values[a], values[b]) };
    }
    case Type.Float: {
      const values = yield* numbers(chunks, numRows, stepRows);
      const scale = /^decimal\(\d+,\s*(\d+)\)$/.exec(sparkType);
      // Decimals travel as doubles but print with their scale, as BigDecimal.toString does.
      if (scale !== null) {
        const digits = Number(scale[1]);
        return { kind: 'decimal', sparkType, nulls, text: withNulls((r) => values[r].toFixed(digits)), compare: (a, b) => numberOrder(values[a], values[b]) };
      }
      const single = chunks.some((d) => d.values instanceof Float32Array);
      const format = single ? formatFloat : formatDouble;
      return { kind: 'fractional', sparkType, nulls, text: withNulls((r) => format(values[r])), compare: (a, b) => numberOrder(values[a], values[b]) };
    }
    case Type.Timestamp: {
      // The raw int64 keeps every microsecond; vector.get() would round through milliseconds.
      const values = yield* bigints(chunks, numRows, stepRows);
      return { kind: 'timestamp', sparkType, nulls, text: withNulls((r) => formatTimestampMicros(values[r])), compare: (a, b) => order(values[a], values[b]) };
    }
    case Type.Date: {
      const values = yield* numbers(chunks, numRows, stepRows);
      return { kind: 'date', sparkType, nulls, text: withNulls((r) => formatDateMillis(values[r] * MS_PER_DAY)), compare: (a, b) => order(values[a], values[b]) };
    }
    case Type.Bool: {
      const values = yield* booleans(chunks, numRows, stepRows);
      return { kind: 'boolean', sparkType, nulls, text: withNulls((r) => (values[r] === 1 ? 'true' : 'false')), compare: (a, b) => values[a] - values[b] };
    }
    case Type.Dictionary:
    case Type.Utf8:
    case Type.LargeUtf8: {
      const { codes, dictionary } = yield* strings(chunks, numRows, vector, stepRows);
      let ranks: Int32Array | null = null;
      return {
        kind: 'string',
        sparkType,
        nulls,
        text: withNulls((r) => dictionary[codes[r]]),
        compare: (a, b) => {
          ranks ??= rankStrings(dictionary);
          return ranks[codes[a]] - ranks[codes[b]];
        },
      };
    }
    default: {
      // Nested, binary, void: read through arrow-js only for the cells asked for.
      const text = withNulls((r) => formatNested(vector?.get(r)));
      return { kind: 'other', sparkType, nulls, text, compare: (a, b) => compareCodePoints(text(a), text(b)) };
    }
  }
}

function order<T extends number | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Spark's NaN semantics: NaN equals NaN and is greater than any other value. */
function numberOrder(a: number, b: number): number {
  const nanA = Number.isNaN(a);
  const nanB = Number.isNaN(b);
  if (nanA || nanB) return nanA === nanB ? 0 : nanA ? 1 : -1;
  return order(a, b);
}

/**
 * Code-point order, which is UTF-8 byte order (Spark's UTF8String.binaryCompare). JS `<`
 * compares UTF-16 units, which differs only when a surrogate pair meets U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff && y >= 0xd800 && y <= 0xdfff) return x - y;
    if (x >= 0xd800 && x <= 0xdfff) return y >= 0xe000 ? 1 : x - y;
    if (y >= 0xd800 && y <= 0xdfff) return x >= 0xe000 ? -1 : x - y;
    return x - y;
  }
  return a.length - b.length;
}

function rankStrings(dictionary: readonly string[]): Int32Array {
  const order = Array.from(dictionary.keys()).sort((i, j) =>
    compareCodePoints(dictionary[i], dictionary[j]),
  );
  const ranks = new Int32Array(dictionary.length);
  let rank = 0;
  order.forEach((entry, k) => {
    if (k > 0 && dictionary[entry] !== dictionary[order[k - 1]]) rank = k;
    ranks[entry] = rank;
  });
  return ranks;
}

type Steps<T> = Generator<void, T, void>;

function* nullMask(chunks: readonly Data[], numRows: number, typeId: Type, stepRows: number): Steps<Uint8Array> {
  const nulls = new Uint8Array(numRows);
  if (typeId === Type.Null) return nulls.fill(1);
  let row = 0;
  for (const data of chunks) {
    if (data.nullCount === 0) {
      row += data.length;
      continue;
    }
    for (let start = 0; start < data.length; start += stepRows) {
      const end = Math.min(data.length, start + stepRows);
      for (let i = start; i < end; i++, row++) if (!data.getValid(i)) nulls[row] = 1;
      yield;
    }
  }
  return nulls;
}

function* numbers(chunks: readonly Data[], numRows: number, stepRows: number): Steps<Float64Array> {
  const out = new Float64Array(numRows);
  let row = 0;
  for (const data of chunks) {
    const values = data.values as ArrayLike<number>;
    for (let start = 0; start < data.length; start += stepRows) {
      const end = Math.min(data.length, start + stepRows);
      for (let i = start; i < end; i++) out[row++] = values[data.offset + i];
      yield;
    }
  }
  return out;
}

function* bigints(chunks: readonly Data[], numRows: number, stepRows: number): Steps<BigInt64Array> {
  const out = new BigInt64Array(numRows);
  let row = 0;
  for (const data of chunks) {
    const values = data.values as BigInt64Array;
    for (let start = 0; start < data.length; start += stepRows) {
      const end = Math.min(data.length, start + stepRows);
      out.set(values.subarray(data.offset + start, data.offset + end), row);
      row += end - start;
      yield;
    }
  }
  return out;
}

function* booleans(chunks: readonly Data[], numRows: number, stepRows: number): Steps<Uint8Array> {
  const out = new Uint8Array(numRows);
  let row = 0;
  for (const data of chunks) {
    const bits = data.values as Uint8Array;
    for (let start = 0; start < data.length; start += stepRows) {
      const end = Math.min(data.length, start + stepRows);
      for (let i = start; i < end; i++, row++) {
        const bit = data.offset + i;
        out[row] = (bits[bit >> 3] >> (bit & 7)) & 1;
      }
      yield;
    }
  }
  return out;
}

/** Dictionary codes per row over one dictionary (chunk dictionaries appended, codes shifted). */
function* strings(
  chunks: readonly Data[],
  numRows: number,
  vector: Vector | null,
  stepRows: number,
): Steps<{ codes: Int32Array; dictionary: string[] }> {
  const codes = new Int32Array(numRows);
  const dictionary: string[] = [];
  let row = 0;
  for (const data of chunks) {
    const dict = data.dictionary;
    if (dict !== undefined) {
      const base = dictionary.length;
      for (const s of dict) {
        dictionary.push(String(s));
        if ((dictionary.length - base) % stepRows === 0) yield;
      }
      const values = data.values as Int32Array;
      for (let start = 0; start < data.length; start += stepRows) {
        const end = Math.min(data.length, start + stepRows);
        for (let i = start; i < end; i++) codes[row++] = base + values[data.offset + i];
        yield;
      }
    } else {
      for (let start = 0; start < data.length; start += stepRows) {
        const end = Math.min(data.length, start + stepRows);
        for (let i = start; i < end; i++, row++) {
          codes[row] = dictionary.length;
          dictionary.push(String(vector?.get(row) ?? ''));
        }
        yield;
      }
    }
  }
  return { codes, dictionary };
}
