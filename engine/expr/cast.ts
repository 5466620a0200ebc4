/**
 * CAST over whole vectors, following Spark's Cast.scala per target type:
 * - to integral: string trimmed and parsed (non-ANSI accepts and truncates a fraction);
 *   fractional truncated toward zero — out of range saturates like the JVM's d2i in
 *   non-ANSI mode; integral narrowing wraps; timestamp gives floor seconds.
 * - to float/double: strings as Double.parseDouble plus 'inf'/'nan'; timestamp gives
 *   fractional seconds; float values are rounded with Math.fround.
 * - to boolean: t/true/y/yes/1 and f/false/n/no/0; numbers are `!= 0`.
 * - to timestamp: strings by Spark's CAST rules (types/datetime), numbers are seconds,
 *   dates are midnight in the session time zone.
 * - to date: strings by Spark's rules, timestamps take their local date.
 * - to string: Spark's formats (Double.toString, 'yyyy-MM-dd HH:mm:ss[.ffffff]', {a, b}).
 * Malformed input: ANSI raises CAST_INVALID_INPUT, otherwise NULL. Overflow: ANSI raises
 * CAST_OVERFLOW, try_cast gives NULL, non-ANSI wraps/saturates.
 */
import { valueAt } from '../batch/values';
import { StringBuilder } from '../batch/vector-builder';
import { nullVector, type StringVector, type Vector } from '../batch/vector';
import type { ErrorContext } from '../errors';
import {
  BooleanType,
  ByteType,
  DateType,
  FloatType,
  IntegerType,
  LongType,
  NullType,
  ShortType,
  StringType,
  TimestampType,
  isIntegral,
  isNumeric,
  type DataType,
} from '../types/data-types';
import { daysToTimestamp, formatDate, formatTimestamp, stringToDate, stringToTimestamp, timestampToDays } from '../types/datetime';
import { parseBoolean, parseDouble, parseIntegral, type CastMode } from './cast-rules';
import { castInvalidInput, castOverflow } from './expr-errors';
import { javaDoubleToString, javaFloatToString } from '../types/java-number-format';
import { mapStringsToBools, mapStringsToNumbers } from './string-vectors';
import { allocNumbers, boolVector, compactValidity, numberVector, stringVector } from './vector-factory';

export interface CastOptions {
  readonly mode: CastMode;
  readonly timeZone: string;
  readonly context?: ErrorContext;
}

const MICROS_PER_SECOND = 1_000_000;
// BIGINT bounds as float64 (2^63 - 1 rounds to 2^63: bigint is float64-backed in Tidemark).
const LONG_MAX = 2 ** 63 - 1;
const LONG_MIN = -(2 ** 63);

function integralRange(t: DataType): readonly [number, number] {
  if (t instanceof ByteType) return [-128, 127];
  if (t instanceof ShortType) return [-32768, 32767];
  if (t instanceof IntegerType) return [-2147483648, 2147483647];
  return [LONG_MIN, LONG_MAX];
}

/** Wraps an integer into the two's-complement range of `t` (Scala's toInt/toShort/toByte). */
function wrapIntegral(x: number, t: DataType): number {
  if (t instanceof LongType) return Number(BigInt.asIntN(64, BigInt(x)));
  const i = x | 0;
  if (t instanceof ShortType) return (i << 16) >> 16;
  if (t instanceof ByteType) return (i << 24) >> 24;
  return i;
}

export function castVector(v: Vector, to: DataType, o: CastOptions): Vector {
  const from = v.type;
  if (from.equals(to)) return v;
  if (from instanceof NullType) return nullVector(to, v.length);
  if (to instanceof StringType) return castToString(v, o);
  if (v.storage === 'string') return castFromString(v, to, o);
  if (to instanceof BooleanType) return castToBoolean(v);
  if (to instanceof DateType) return castToDate(v, o);
  if (to instanceof TimestampType) return castToTimestamp(v, o);
  if (isNumeric(to)) return castToNumber(v, to, o);
  return nullVector(to, v.length);
}

// ---- from string ------------------------------------------------------------------

function castFromString(v: StringVector, to: DataType, o: CastOptions): Vector {
  const invalid = (s: string): null => {
    if (o.mode === 'ansi') throw castInvalidInput(s, v.type, to, o.context);
    return null;
  };
  if (to instanceof BooleanType) return mapStringsToBools(v, to, (s) => parseBoolean(s) ?? invalid(s));
  if (to instanceof TimestampType) return mapStringsToNumbers(v, to, (s) => stringToTimestamp(s, o.timeZone) ?? invalid(s));
  if (to instanceof DateType) return mapStringsToNumbers(v, to, (s) => stringToDate(s) ?? invalid(s));
  if (isIntegral(to)) {
    const [min, max] = integralRange(to);
    return mapStringsToNumbers(v, to, (s) => parseIntegral(s, min, max, o.mode === 'legacy') ?? invalid(s));
  }
  if (isNumeric(to)) {
    const isFloat = to instanceof FloatType;
    return mapStringsToNumbers(v, to, (s) => {
      const d = parseDouble(s);
      if (d === null) return invalid(s);
      return isFloat ? Math.fround(d) : d;
    });
  }
  return nullVector(to, v.length);
}

// ---- to string --------------------------------------------------------------------

function castToString(v: Vector, o: CastOptions): Vector {
  const to = new StringType();
  const n = v.length;
  if (v.storage === 'string') return { ...v, type: to };
  if (v.storage === 'bool') return stringVector(to, Int32Array.from(v.values), ['false', 'true'], v.validity);
  const b = new StringBuilder(to);
  if (v.storage === 'int32' || v.storage === 'float64') {
    // One formatter chosen per column, then a plain loop over the typed array.
    const format = numberFormatter(v.type, o.timeZone);
    const src = v.values;
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) b.appendNull();
      else b.appendString(format(src[i]));
    }
    return b.finish();
  }
  for (let i = 0; i < n; i++) {
    if (v.validity !== null && v.validity[i] === 0) b.appendNull();
    else b.appendString(valueToString(valueAt(v, i), v.type, o.timeZone));
  }
  return b.finish();
}

function numberFormatter(t: DataType, timeZone: string): (x: number) => string {
  if (t instanceof TimestampType) return (x) => formatTimestamp(x, timeZone);
  if (t instanceof DateType) return formatDate;
  if (t instanceof FloatType) return javaFloatToString;
  if (t.simpleString() === 'double') return javaDoubleToString;
  return String;
}

/** Spark's CAST(x AS STRING) text for one non-null value (ToStringBase). */
const UTF8_DECODER = new TextDecoder();

export function valueToString(value: unknown, t: DataType, timeZone: string): string {
  if (value === null || value === undefined) return 'null';
  if (t instanceof TimestampType) return formatTimestamp(Number(value), timeZone);
  if (t instanceof DateType) return formatDate(Number(value));
  if (t instanceof FloatType) return javaFloatToString(Number(value));
  if (t.simpleString() === 'double') return javaDoubleToString(Number(value));
  // Cast(BinaryType → StringType) is UTF8String.fromBytes: the bytes read as UTF-8 (Kafka's key/value).
  if (value instanceof Uint8Array) return UTF8_DECODER.decode(value);
  if (t.storage === 'struct') {
    const fields = (t as unknown as { fields: readonly { name: string; dataType: DataType }[] }).fields;
    const o = value as Record<string, unknown>;
    return '{' + fields.map((f) => valueToString(o[f.name], f.dataType, timeZone)).join(', ') + '}';
  }
  if (Array.isArray(value)) {
    const element = (t as unknown as { elementType?: DataType }).elementType ?? new StringType();
    return '[' + value.map((x) => valueToString(x, element, timeZone)).join(', ') + ']';
  }
  if (value instanceof Map) {
    const mt = t as unknown as { keyType: DataType; valueType: DataType };
    return '{' + [...value.entries()].map(([k, x]) => `${valueToString(k, mt.keyType, timeZone)} -> ${valueToString(x, mt.valueType, timeZone)}`).join(', ') + '}';
  }
  return String(value);
}

// ---- to boolean / date / timestamp ------------------------------------------------

function castToBoolean(v: Vector): Vector {
  const n = v.length;
  const out = new Uint8Array(n);
  if (v.storage === 'int32' || v.storage === 'float64') {
    // A date has no boolean value in Spark (castToBoolean: DateType => null).
    if (v.type instanceof DateType) return nullVector(new BooleanType(), n);
    const src = v.values;
    for (let i = 0; i < n; i++) out[i] = src[i] !== 0 ? 1 : 0;
    return boolVector(new BooleanType(), out, v.validity);
  }
  return nullVector(new BooleanType(), n);
}

function castToDate(v: Vector, o: CastOptions): Vector {
  const to = new DateType();
  const n = v.length;
  if (!(v.type instanceof TimestampType) || v.storage !== 'float64') return nullVector(to, n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (v.validity !== null && v.validity[i] === 0) continue;
    out[i] = localDays(v.values[i], o.timeZone);
  }
  return numberVector(to, out, v.validity);
}

/** The local calendar date of a timestamp, as days since the epoch. */
export function localDays(us: number, timeZone: string): number {
  return timestampToDays(us, timeZone);
}

/** Midnight of a date in the session time zone, as µs (Spark's daysToMicros). */
export function dateToMicros(days: number, timeZone: string): number {
  return daysToTimestamp(days, timeZone);
}

function castToTimestamp(v: Vector, o: CastOptions): Vector {
  const to = new TimestampType();
  const n = v.length;
  const out = new Float64Array(n);
  const validity = new Uint8Array(n);
  if (v.storage === 'bool') {
    for (let i = 0; i < n; i++) out[i] = v.values[i];
    return numberVector(to, out, v.validity);
  }
  if (v.storage !== 'int32' && v.storage !== 'float64') return nullVector(to, n);
  const src = v.values;
  const fromDate = v.type instanceof DateType;
  const fractional = !isIntegral(v.type) && !fromDate;
  for (let i = 0; i < n; i++) {
    if (v.validity !== null && v.validity[i] === 0) continue;
    const x = src[i];
    if (fromDate) {
      out[i] = dateToMicros(x, o.timeZone);
    } else if (fractional) {
      // Cast.doubleToTimestamp: NaN/Infinity have no timestamp.
      if (!Number.isFinite(x)) {
        if (o.mode === 'ansi') throw castOverflow(x, v.type, to, o.context);
        continue;
      }
      out[i] = Math.trunc(x * MICROS_PER_SECOND);
    } else {
      const us = x * MICROS_PER_SECOND;
      if (Math.abs(us) > LONG_MAX) {
        if (o.mode === 'ansi') throw castOverflow(x, v.type, to, o.context);
        if (o.mode === 'try') continue;
        out[i] = us < 0 ? LONG_MIN : LONG_MAX;
      } else {
        out[i] = us;
      }
    }
    validity[i] = 1;
  }
  return numberVector(to, out, compactValidity(validity, n));
}

// ---- to numbers -------------------------------------------------------------------

function castToNumber(v: Vector, to: DataType, o: CastOptions): Vector {
  const n = v.length;
  const out = allocNumbers(to, n);
  const validity = new Uint8Array(n);
  if (v.storage === 'bool') {
    for (let i = 0; i < n; i++) out[i] = v.values[i];
    return numberVector(to, out, v.validity);
  }
  if (v.storage !== 'int32' && v.storage !== 'float64') return nullVector(to, n);
  const src = v.values;
  const fromTimestamp = v.type instanceof TimestampType;
  if (v.type instanceof DateType) return nullVector(to, n);
  const integralTarget = isIntegral(to);
  const [min, max] = integralTarget ? integralRange(to) : [0, 0];
  const fromIntegral = isIntegral(v.type);
  const isFloat = to instanceof FloatType;
  for (let i = 0; i < n; i++) {
    if (v.validity !== null && v.validity[i] === 0) continue;
    let x = src[i];
    if (fromTimestamp) x = integralTarget ? Math.floor(x / MICROS_PER_SECOND) : x / MICROS_PER_SECOND;
    if (integralTarget) {
      if (!fromIntegral && !fromTimestamp) {
        // Fractional → integral: Spark checks floor/ceil against the range, then truncates.
        if (Number.isNaN(x) || Math.floor(x) > max || Math.ceil(x) < min) {
          if (o.mode === 'ansi') throw castOverflow(src[i], v.type, to, o.context);
          if (o.mode === 'try') continue;
          out[i] = Number.isNaN(x) ? 0 : saturate(x, to, min, max);
          validity[i] = 1;
          continue;
        }
        x = Math.trunc(x);
      } else if (x < min || x > max) {
        if (o.mode === 'ansi') throw castOverflow(src[i], fromTimestamp ? new LongType() : v.type, to, o.context);
        if (o.mode === 'try') continue;
        x = wrapIntegral(x, to);
      }
      out[i] = x === 0 ? 0 : x;
    } else {
      out[i] = isFloat ? Math.fround(x) : x;
    }
    validity[i] = 1;
  }
  return numberVector(to, out, compactValidity(validity, n));
}

/** The JVM's d2i / d2l: out-of-range doubles clamp to the bounds (narrower types then wrap). */
function saturate(x: number, to: DataType, min: number, max: number): number {
  if (to instanceof LongType || to instanceof IntegerType) return x > 0 ? max : min;
  const asInt = x > 0 ? 2147483647 : -2147483648;
  return wrapIntegral(asInt, to);
}
