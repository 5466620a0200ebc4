/**
 * JSON token → Spark value conversion, one plan per schema type, as JacksonParser.makeConverter:
 *
 * - BOOLEAN: `true` / `false` only; BYTE/SHORT/INT/BIGINT: integer literals that fit.
 * - FLOAT/DOUBLE: any number; strings only `NaN`, `Infinity`, `+Infinity`, `+INF`, `-Infinity`, `-INF`.
 * - STRING: a string's text; any other token's raw JSON text (exact, spark.sql.json.enableExactStringParsing).
 * - TIMESTAMP: a string (timestampFormat, else CAST rules with the legacy "GMT"-stripping
 *   fallback); an integer literal = seconds since the epoch × 1e6 with Java's wrap-around
 *   (or `timestampUnit`); floats are bad.
 * - DATE: a string (dateFormat, else CAST rules, legacy fallback, then a days-number string).
 * - `""` for any type but string/binary is bad (EMPTY_JSON_FIELD_VALUE).
 * - STRUCT / ARRAY / MAP recurse; failures inside keep partial results (spark.sql.json.enablePartialResults).
 *
 * readValue returns the value (null for JSON null) or CONVERSION_FAILED after consuming the
 * token; `partial` is raised when a nested value kept only part of its fields.
 */
import { ArrayType, BinaryType, BooleanType, ByteType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, ShortType, StringType, TimestampType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { JSON_SYNTAX, JsonCursor, NumberKind } from './json-cursor';
import type { JsonReadOptions } from './json-options';
import { parseDateText, parseTimestampText } from './text-datetime';
import { fitsInLong, integerToMicros, type TimestampUnit } from './timestamp-unit';

export const CONVERSION_FAILED = Symbol('conversion failed');

export const enum Kind {
  Bool, Int, Long, Float, Double, Decimal, String, Timestamp, Date, Binary, Struct, Array, Map, Null,
}

export interface ConvertPlan {
  readonly kind: Kind;
  readonly type: DataType;
  /** Int: inclusive range. */
  readonly min: number;
  readonly max: number;
  readonly unit: TimestampUnit;
  readonly fields: readonly ConvertPlan[];
  readonly fieldNames: readonly string[];
  readonly fieldIndex: ReadonlyMap<string, number> | null;
  readonly element: ConvertPlan | null;
}

export function planFor(type: DataType, unit: TimestampUnit): ConvertPlan {
  const base = { type, min: 0, max: 0, unit, fields: [], fieldNames: [], fieldIndex: null, element: null };
  if (type instanceof BooleanType) return { ...base, kind: Kind.Bool };
  if (type instanceof ByteType) return { ...base, kind: Kind.Int, min: -128, max: 127 };
  if (type instanceof ShortType) return { ...base, kind: Kind.Int, min: -32768, max: 32767 };
  if (type instanceof IntegerType) return { ...base, kind: Kind.Int, min: -2147483648, max: 2147483647 };
  if (type instanceof LongType) return { ...base, kind: Kind.Long };
  if (type instanceof FloatType) return { ...base, kind: Kind.Float };
  if (type instanceof DoubleType) return { ...base, kind: Kind.Double };
  if (type instanceof DecimalType) return { ...base, kind: Kind.Decimal };
  if (type instanceof StringType) return { ...base, kind: Kind.String };
  if (type instanceof TimestampType) return { ...base, kind: Kind.Timestamp };
  if (type instanceof DateType) return { ...base, kind: Kind.Date };
  if (type instanceof BinaryType) return { ...base, kind: Kind.Binary };
  if (type instanceof StructType) {
    const fieldIndex = new Map<string, number>();
    type.fields.forEach((f, i) => fieldIndex.set(f.name, i));
    return {
      ...base,
      kind: Kind.Struct,
      fields: type.fields.map((f) => planFor(f.dataType, unit)),
      fieldNames: type.fields.map((f) => f.name),
      fieldIndex,
    };
  }
  if (type instanceof ArrayType) return { ...base, kind: Kind.Array, element: planFor(type.elementType, unit) };
  if (type instanceof MapType) return { ...base, kind: Kind.Map, element: planFor(type.valueType, unit) };
  return { ...base, kind: Kind.Null };
}

const NON_NUMERIC_STRINGS: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['+Infinity', Infinity],
  ['+INF', Infinity],
  ['-Infinity', -Infinity],
  ['-INF', -Infinity],
]);

export class JsonConverter {
  /** Raised when a nested struct/array/map kept a partial result (the record is bad). */
  partial = false;
  /** Set for integer timestamp tokens: the literal, for the plausibility check. */
  lastTimestampLiteral: string | null = null;

  constructor(
    private readonly cursor: JsonCursor,
    private readonly options: JsonReadOptions,
  ) {}

  /** Converts the value at the cursor (whitespace already skipped, `c` its first char). */
  readValue(plan: ConvertPlan, c: number): unknown {
    const cur = this.cursor;
    if (c === 110 /* n */) {
      cur.expectWord('null');
      return null;
    }
    if (plan.kind === Kind.String) return this.readString(c);
    if (cur.isQuote(c)) return this.fromString(plan, cur.readString());
    if (c === 123 /* { */) {
      if (plan.kind === Kind.Struct || plan.kind === Kind.Map) {
        cur.enter();
        const v = plan.kind === Kind.Struct ? this.readStruct(plan) : this.readMap(plan);
        cur.leave();
        return v;
      }
      cur.skipValue();
      return plan.kind === Kind.Null ? null : CONVERSION_FAILED;
    }
    if (c === 91 /* [ */) {
      if (plan.kind === Kind.Array) {
        cur.enter();
        const v = this.readArray(plan);
        cur.leave();
        return v;
      }
      cur.skipValue();
      return plan.kind === Kind.Null ? null : CONVERSION_FAILED;
    }
    if (c === 116 || c === 102) {
      cur.expectWord(c === 116 ? 'true' : 'false');
      if (plan.kind === Kind.Bool) return c === 116;
      return plan.kind === Kind.Null ? null : CONVERSION_FAILED;
    }
    cur.scanNumber();
    return this.fromNumber(plan);
  }

  private readString(c: number): string {
    const cur = this.cursor;
    if (cur.isQuote(c)) return cur.readString();
    // Any other token: its exact JSON text.
    const start = cur.pos;
    cur.skipValue();
    return cur.text.slice(start, cur.pos);
  }

  private fromNumber(plan: ConvertPlan): unknown {
    const cur = this.cursor;
    const kind = cur.numKind;
    switch (plan.kind) {
      case Kind.Int: {
        if (kind !== NumberKind.Int) return CONVERSION_FAILED;
        const v = cur.numberValue();
        return v >= plan.min && v <= plan.max ? v : CONVERSION_FAILED;
      }
      case Kind.Long: {
        if (kind !== NumberKind.Int) return CONVERSION_FAILED;
        if (cur.numEnd - cur.numStart >= 19 && !fitsInLong(cur.text.slice(cur.numStart, cur.numEnd))) return CONVERSION_FAILED;
        return cur.numberValue();
      }
      case Kind.Float:
        return Math.fround(cur.numberValue());
      case Kind.Double:
        return cur.numberValue();
      case Kind.Decimal:
        return kind === NumberKind.NonNumeric ? CONVERSION_FAILED : decimalValue(cur.numberValue(), plan.type as DecimalType);
      case Kind.Timestamp: {
        if (kind !== NumberKind.Int) return CONVERSION_FAILED;
        const literal = cur.text.slice(cur.numStart, cur.numEnd);
        this.lastTimestampLiteral = literal;
        return integerToMicros(literal, plan.unit) ?? CONVERSION_FAILED;
      }
      case Kind.Null:
        return null;
      default:
        return CONVERSION_FAILED;
    }
  }

  private fromString(plan: ConvertPlan, s: string): unknown {
    if (s.length === 0) return plan.kind === Kind.Binary || plan.kind === Kind.Null ? (plan.kind === Kind.Null ? null : new Uint8Array(0)) : CONVERSION_FAILED;
    switch (plan.kind) {
      case Kind.Float:
      case Kind.Double: {
        const v = this.options.allowNonNumericNumbers ? NON_NUMERIC_STRINGS.get(s) : undefined;
        if (v === undefined) return CONVERSION_FAILED;
        return plan.kind === Kind.Float ? Math.fround(v) : v;
      }
      case Kind.Decimal: {
        const v = Number(s.trim());
        return Number.isFinite(v) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())
          ? decimalValue(v, plan.type as DecimalType)
          : CONVERSION_FAILED;
      }
      case Kind.Timestamp:
        return this.timestampFromString(s);
      case Kind.Date:
        return this.dateFromString(s);
      case Kind.Binary:
        return base64(s);
      case Kind.Null:
        return null;
      default:
        return CONVERSION_FAILED;
    }
  }

  timestampFromString(s: string): unknown {
    return parseTimestampText(s, this.options.timestampFormat, this.options.timeZone) ?? CONVERSION_FAILED;
  }

  dateFromString(s: string): unknown {
    const days = parseDateText(s, this.options.dateFormat);
    if (days !== null) return days;
    // JSON only: Spark 1.5 stored dates as a days-since-epoch number in a string.
    if (this.options.dateFormat !== null) return CONVERSION_FAILED;
    return /^[+-]?\d{1,10}$/.test(s) && Math.abs(Number(s)) <= 2147483647 ? Number(s) : CONVERSION_FAILED;
  }

  private readStruct(plan: ConvertPlan): unknown {
    const cur = this.cursor;
    const out: Record<string, unknown> = {};
    for (const name of plan.fieldNames) out[name] = null;
    let failed = false;
    cur.pos++;
    let c = cur.skipWs();
    if (c === 125) {
      cur.pos++;
      return out;
    }
    for (;;) {
      const key = cur.readKey();
      const idx = plan.fieldIndex!.get(key);
      c = cur.skipWs();
      if (idx === undefined) cur.skipValue();
      else {
        const v = this.readValue(plan.fields[idx], c);
        if (v === CONVERSION_FAILED) {
          failed = true;
          out[plan.fieldNames[idx]] = null;
        } else out[plan.fieldNames[idx]] = v;
      }
      c = cur.skipWs();
      cur.pos++;
      if (c === 125) break;
      if (c !== 44) throw JSON_SYNTAX;
      cur.skipWs();
    }
    if (failed) this.partial = true;
    return out;
  }

  private readArray(plan: ConvertPlan): unknown {
    const cur = this.cursor;
    const out: unknown[] = [];
    let failed = false;
    cur.pos++;
    let c = cur.skipWs();
    if (c === 93) {
      cur.pos++;
      return out;
    }
    for (;;) {
      const v = this.readValue(plan.element!, c);
      // A plain element failure voids the whole array; partial structs inside are kept.
      if (v === CONVERSION_FAILED) failed = true;
      else out.push(v);
      c = cur.skipWs();
      cur.pos++;
      if (c === 93) break;
      if (c !== 44) throw JSON_SYNTAX;
      c = cur.skipWs();
    }
    return failed ? CONVERSION_FAILED : out;
  }

  private readMap(plan: ConvertPlan): unknown {
    const cur = this.cursor;
    const out = new Map<string, unknown>();
    let failed = false;
    cur.pos++;
    let c = cur.skipWs();
    if (c === 125) {
      cur.pos++;
      return out;
    }
    for (;;) {
      const key = cur.readKey();
      c = cur.skipWs();
      const v = this.readValue(plan.element!, c);
      if (v === CONVERSION_FAILED) failed = true;
      else out.set(key, v);
      c = cur.skipWs();
      cur.pos++;
      if (c === 125) break;
      if (c !== 44) throw JSON_SYNTAX;
      cur.skipWs();
    }
    return failed ? CONVERSION_FAILED : out;
  }
}

/** Decimal(p, s) as a double: rounded HALF_UP to the scale; too many integer digits is bad. */
function decimalValue(v: number, t: DecimalType): unknown {
  if (!Number.isFinite(v)) return CONVERSION_FAILED;
  const factor = 10 ** t.scale;
  const rounded = Math.sign(v) * Math.round(Math.abs(v) * factor) / factor;
  return Math.abs(rounded) < 10 ** (t.precision - t.scale) ? rounded : CONVERSION_FAILED;
}

function base64(s: string): unknown {
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(s)) return CONVERSION_FAILED;
  return new Uint8Array(Buffer.from(s, 'base64'));
}
