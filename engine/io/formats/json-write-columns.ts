/**
 * One writer per top-level column, chosen once per batch from the column's type and vector
 * layout, that appends row r's value as JSON bytes: it reads the typed array directly (no
 * row object, no per-value type test). Strings are quoted and encoded once per dictionary
 * entry, timestamps and dates reuse their text while the second or day repeats, doubles take
 * the plain-decimal fast path of javaDoubleText. A column whose vector does not have its
 * type's storage falls back to valueAt and the per-type text functions (json-write-values),
 * the same text by a slower road.
 */
import type { Vector } from '../../batch/vector';
import { valueAt } from '../../batch/values';
import { javaFloatToString } from '../../types/java-number-format';
import { BinaryType, BooleanType, DateType, DecimalType, DoubleType, FloatType, TimestampType, type DataType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { JsonByteBuffer, quotedBytes } from './json-write-buffer';
import { javaDoubleText } from './json-write-numbers';
import { DateJsonText, TimestampJsonText } from './json-write-timestamps';
import { valueText, type ValueTextOptions } from './json-write-values';

export interface ColumnJsonWriter {
  /** `"name":` as bytes. */
  readonly key: Uint8Array;
  /** 0 where the row's value is NULL (left out, or `null`); null when no row is. */
  readonly nulls: Uint8Array | null;
  /** Appends row r's value (never called for a NULL row). */
  write(out: JsonByteBuffer, r: number): void;
}

export interface ColumnWriterContext extends ValueTextOptions {
  /** Per writer (a writer's batches share one zone and patterns): reused across batches. */
  readonly timestamps: TimestampJsonText;
  readonly dates: DateJsonText;
}

const TRUE = new TextEncoder().encode('true');
const FALSE = new TextEncoder().encode('false');
const NULL = new TextEncoder().encode('null');

export function columnWriter(name: string, type: DataType, v: Vector, ctx: ColumnWriterContext): ColumnJsonWriter {
  const key = withColon(quotedBytes(name));
  // valueAt's NULLs: beyond the validity mask, a JS null among an object column's values or
  // in a dictionary (which the row-at-a-time writer also left out).
  const odd = v.storage === 'object' || (v.storage === 'string' && !v.dict.every((s) => typeof s === 'string'));
  if (odd) return { key, nulls: rowNulls(v), write: genericWriter(type, v, ctx) };
  return { key, nulls: v.validity, write: valueWriter(type, v, ctx) };
}

function withColon(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  out[b.length] = 58;
  return out;
}

function rowNulls(v: Vector): Uint8Array | null {
  let mask: Uint8Array | null = null;
  for (let i = 0; i < v.length; i++) {
    if (valueAt(v, i) !== null) continue;
    mask ??= new Uint8Array(v.length).fill(1);
    mask[i] = 0;
  }
  return mask;
}

type Write = (out: JsonByteBuffer, r: number) => void;

function valueWriter(t: DataType, v: Vector, ctx: ColumnWriterContext): Write {
  if (t instanceof TimestampType) {
    if (v.storage === 'float64') {
      const values = v.values;
      const ts = ctx.timestamps;
      return (out, r) => ts.write(out, values[r]);
    }
  } else if (t instanceof DateType) {
    if (v.storage === 'int32') {
      const values = v.values;
      const dates = ctx.dates;
      return (out, r) => dates.write(out, values[r]);
    }
  } else if (t instanceof FloatType || t instanceof DoubleType) {
    if (v.storage === 'float64') {
      const values = v.values;
      const text = t instanceof FloatType ? javaFloatToString : javaDoubleText;
      return (out, r) => {
        const d = values[r];
        if (Number.isFinite(d)) out.text(text(d));
        else out.quoted(text(d));
      };
    }
  } else if (t instanceof DecimalType) {
    if (v.storage === 'float64') {
      const values = v.values;
      const scale = t.scale;
      return (out, r) => out.text(values[r].toFixed(scale));
    }
  } else if (t instanceof BooleanType) {
    if (v.storage === 'bool') {
      const values = v.values;
      return (out, r) => out.raw(values[r] === 1 ? TRUE : FALSE);
    }
  } else if (!(t instanceof BinaryType) && !(t instanceof StructType) && t.storage === v.storage) {
    // Every other type prints as the old fallback did: numbers bare, strings quoted.
    switch (v.storage) {
      case 'int32':
      case 'float64': {
        const values = v.values;
        return (out, r) => out.text(String(values[r]));
      }
      case 'string':
        return dictionaryWriter(v.codes, v.dict);
    }
  }
  return genericWriter(t, v, ctx);
}

/** Each dictionary entry (all strings: columnWriter checked) quoted and encoded the first time a row uses it. */
function dictionaryWriter(codes: Int32Array, dict: readonly string[]): Write {
  const encoded: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(dict.length);
  return (out, r) => {
    const code = codes[r];
    let b = encoded[code];
    if (b === undefined) {
      // A code past the dictionary reads as undefined, which the row writer printed as null.
      const s = dict[code] as string | undefined;
      b = s === undefined ? NULL : quotedBytes(s);
      encoded[code] = b;
    }
    out.raw(b);
  };
}

/** valueAt plus the type's text function: nested values, binary, odd layouts. */
function genericWriter(t: DataType, v: Vector, ctx: ColumnWriterContext): Write {
  const text = valueText(t, ctx);
  return (out, r) => out.text(text(valueAt(v, r)));
}
