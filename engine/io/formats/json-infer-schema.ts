/**
 * Spark's JsonInferSchema — the lab's "quick way" of getting a schema, which is only as
 * complete as the sampled files: every record's type is inferred (integers → bigint, other
 * numbers → double, strings → string (timestamp only with `inferTimestamp`), booleans,
 * objects → struct with fields sorted by name, arrays → array of the merged element type),
 * records are merged with the widening rules of compatibleType, and unknown (all-null)
 * types become string. Malformed records add the corrupt-record column in PERMISSIVE mode,
 * are skipped in DROPMALFORMED, and fail in FAILFAST.
 */
import { SparkRuntimeException } from '../../errors';
import { ArrayType, BooleanType, DataType, DecimalType, DoubleType, LongType, NullType, StringType, TimestampType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { stringToTimestamp } from '../../types/datetime';
import type { ReaderConf } from './format';
import { JSON_SYNTAX, JsonCursor, NumberKind } from './json-cursor';
import { jsonReadOptions, type JsonReadOptions } from './json-options';
import { LineSplitter } from './line-splitter';
import { decodeUtf8Checked } from './utf8-records';
import { canonicalizeType, compatibleType } from './type-widening';

export function inferJsonSchema(
  samples: readonly { path: string; data: Uint8Array }[],
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): StructType {
  const o = jsonReadOptions(options, conf);
  let root: DataType = new NullType();
  for (const sample of samples) {
    const { text, invalidLines } = decodeUtf8Checked(sample.data, o.multiLine ? null : o.lineSep, sample.path);
    const cursor = new JsonCursor(text, o);
    const inferer = new JsonTypeInferer(cursor, o);
    const visit = (start: number, end: number, notUtf8: boolean): void => {
      cursor.reset(start, end);
      const t = inferer.inferRecord(notUtf8);
      if (t !== null) root = compatibleRootType(root, t, o);
    };
    if (o.multiLine) visit(0, text.length, invalidLines.size > 0);
    else {
      const lines = new LineSplitter(text, o.lineSep);
      while (lines.next()) visit(lines.start, lines.end, invalidLines.has(lines.lineNumber));
    }
  }
  const canonical = canonicalizeType(root, o.dropFieldIfAllNull);
  return canonical instanceof StructType ? canonical : new StructType();
}

class JsonTypeInferer {
  constructor(
    private readonly cursor: JsonCursor,
    private readonly o: JsonReadOptions,
  ) {}

  /** The record's type; a corrupt-record struct for malformed ones; null when dropped. */
  inferRecord(notUtf8: boolean): DataType | null {
    try {
      const c = this.cursor.skipWs();
      if (c === -1) return new NullType();
      if (notUtf8) throw JSON_SYNTAX; // Jackson's byte parser rejects invalid UTF-8
      return this.inferValue(c);
    } catch (e) {
      if (e !== JSON_SYNTAX) throw e;
      if (this.o.mode === 'DROPMALFORMED') return null;
      if (this.o.mode === 'FAILFAST') {
        throw new SparkRuntimeException(
          'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION',
          "Malformed records are detected in schema inference. Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.",
          { messageParameters: { failFastMode: 'FAILFAST' }, sqlState: '22023' },
        );
      }
      return new StructType([new StructField(this.o.columnNameOfCorruptRecord, new StringType())]);
    }
  }

  private inferValue(c: number): DataType {
    const cur = this.cursor;
    if (c === 123 || c === 91) {
      cur.enter();
      const t = c === 123 ? this.inferObject() : this.inferArray();
      cur.leave();
      return t;
    }
    if (cur.isQuote(c)) {
      const s = cur.readString();
      if (this.o.inferTimestamp && !this.o.primitivesAsString && this.isTimestamp(s)) return new TimestampType();
      return new StringType();
    }
    if (c === 110) {
      cur.expectWord('null');
      return new NullType();
    }
    if (c === 116 || c === 102) {
      cur.expectWord(c === 116 ? 'true' : 'false');
      return this.o.primitivesAsString ? new StringType() : new BooleanType();
    }
    cur.scanNumber();
    if (this.o.primitivesAsString) return new StringType();
    if (cur.numKind === NumberKind.Int) {
      const digits = cur.numEnd - cur.numStart - (cur.text.charCodeAt(cur.numStart) === 45 ? 1 : 0);
      if (digits < 19 || (digits === 19 && isLong(cur.text.slice(cur.numStart, cur.numEnd)))) return new LongType();
      // BIG_INTEGER: a decimal when it fits 38 digits, else double.
      return digits <= 38 ? new DecimalType(digits, 0) : new DoubleType();
    }
    if (cur.numKind === NumberKind.Float && this.o.prefersDecimal) {
      const d = decimalOf(cur.text.slice(cur.numStart, cur.numEnd));
      if (d !== null) return d;
    }
    return new DoubleType();
  }

  private inferArray(): DataType {
    const cur = this.cursor;
    cur.pos++;
    let element: DataType = new NullType();
    let d = cur.skipWs();
    if (d === 93) {
      cur.pos++;
      return new ArrayType(element);
    }
    for (;;) {
      element = compatibleType(element, this.inferValue(d));
      d = cur.skipWs();
      cur.pos++;
      if (d === 93) return new ArrayType(element);
      if (d !== 44) throw JSON_SYNTAX;
      d = cur.skipWs();
    }
  }

  private inferObject(): DataType {
    const cur = this.cursor;
    const fields = new Map<string, DataType>();
    cur.pos++;
    let c = cur.skipWs();
    if (c !== 125) {
      for (;;) {
        const key = cur.readKey();
        fields.set(key, this.inferValue(cur.skipWs()));
        c = cur.skipWs();
        cur.pos++;
        if (c === 125) break;
        if (c !== 44) throw JSON_SYNTAX;
        cur.skipWs();
      }
    } else cur.pos++;
    const sorted = [...fields.keys()].sort(compareNames);
    return new StructType(sorted.map((k) => new StructField(k, fields.get(k)!, true)));
  }

  private isTimestamp(s: string): boolean {
    const f = this.o.timestampFormat;
    return f !== null ? f.parse(s, this.o.timeZone) !== null : stringToTimestamp(s, this.o.timeZone) !== null;
  }
}

/** Java's String.compareTo (UTF-16 code units), Spark's structFieldComparator. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isLong(text: string): boolean {
  const neg = text.startsWith('-');
  return (neg ? text.slice(1) : text) <= (neg ? '9223372036854775808' : '9223372036854775807');
}

/** prefersDecimal: a float literal as DecimalType(precision, scale) when it fits 38 digits. */
function decimalOf(text: string): DataType | null {
  if (/[eE]/.test(text)) return null;
  const unsigned = text.replace(/^-/, '');
  const [int, frac = ''] = unsigned.split('.');
  const intDigits = int.replace(/^0+/, '').length;
  const precision = Math.max(intDigits + frac.length, frac.length, 1);
  return precision <= 38 ? new DecimalType(precision, frac.length) : null;
}

/** JsonInferSchema.compatibleRootType: arrays at the root unwrap; non-struct records are corrupt. */
function compatibleRootType(a: DataType, b: DataType, o: JsonReadOptions): DataType {
  if (a instanceof ArrayType) return compatibleRootType(a.elementType, b, o);
  if (b instanceof ArrayType) return compatibleRootType(a, b.elementType, o);
  if (a instanceof StructType && b instanceof NullType) return a;
  if (a instanceof NullType && b instanceof StructType) return b;
  if (a instanceof StructType && !(b instanceof StructType)) return withCorruptField(a, o);
  if (b instanceof StructType && !(a instanceof StructType) && !(a instanceof NullType)) return withCorruptField(b, o);
  if (a instanceof NullType && !(b instanceof StructType)) return b instanceof NullType ? a : withCorruptField(new StructType(), o);
  return compatibleType(a, b);
}

function withCorruptField(struct: StructType, o: JsonReadOptions): DataType {
  if (o.mode !== 'PERMISSIVE' || struct.fieldIndex(o.columnNameOfCorruptRecord) >= 0) return struct;
  const fields = [...struct.fields, new StructField(o.columnNameOfCorruptRecord, new StringType(), true)];
  return new StructType(fields.sort((x, y) => compareNames(x.name, y.name)));
}
