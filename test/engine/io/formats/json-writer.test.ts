import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { makeBuilder } from '../../../../engine/batch/vector-builder';
import { valueAt } from '../../../../engine/batch/values';
import type { Vector } from '../../../../engine/batch/vector';
import type { ReaderConf } from '../../../../engine/io/formats/format';
import { JsonWriter } from '../../../../engine/io/formats/json-writer';
import { javaDoubleText } from '../../../../engine/io/formats/json-write-numbers';
import { compileDateTimePattern } from '../../../../engine/types/datetime';
import { javaDoubleToString, javaFloatToString } from '../../../../engine/types/java-number-format';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampType,
} from '../../../../engine/types/data-types';
import { StructField, StructType } from '../../../../engine/types/struct-type';

const conf = (timeZone: string): ReaderConf => ({ timeZone, columnNameOfCorruptRecord: '_corrupt_record' });

/**
 * The row-at-a-time writer this file's columnar one replaced (json-writer.ts before issue 8),
 * kept verbatim as the reference: the new writer must print the same bytes.
 */
function legacyEncode(batch: ColumnBatch, options: Record<string, string>, timeZoneConf: string): Uint8Array {
  const lower = new Map(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
  const timestampFormat = compileDateTimePattern(lower.get('timestampformat') ?? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", { forParsing: false });
  const dateFormat = compileDateTimePattern(lower.get('dateformat') ?? 'yyyy-MM-dd', { forParsing: false });
  const timeZone = lower.get('timezone') ?? timeZoneConf;
  const lineSep = lower.get('linesep') ?? '\n';
  const ignoreNullFields = (lower.get('ignorenullfields') ?? 'true') === 'true';
  const value = (v: unknown, t: DataType): string => {
    if (v === null || v === undefined) return 'null';
    if (t instanceof TimestampType) return quote(timestampFormat.format(v as number, timeZone));
    if (t instanceof DateType) return quote(dateFormat.formatDate(v as number));
    if (t instanceof DoubleType || t instanceof FloatType) {
      const d = v as number;
      const text = t instanceof FloatType ? javaFloatToString(d) : javaDoubleToString(d);
      return Number.isFinite(d) ? text : quote(text);
    }
    if (t instanceof DecimalType) return (v as number).toFixed(t.scale);
    if (t instanceof BooleanType) return v ? 'true' : 'false';
    if (t instanceof BinaryType) return quote(Buffer.from(v as Uint8Array).toString('base64'));
    if (t instanceof StructType) {
      const o = v as Record<string, unknown>;
      const members: string[] = [];
      for (const f of t.fields) {
        const fv = o[f.name];
        if ((fv === null || fv === undefined) && ignoreNullFields) continue;
        members.push(quote(f.name) + ':' + value(fv ?? null, f.dataType));
      }
      return '{' + members.join(',') + '}';
    }
    if (t instanceof ArrayType) return '[' + (v as unknown[]).map((e) => value(e, t.elementType)).join(',') + ']';
    if (t instanceof MapType) {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
      return '{' + entries.map(([k, e]) => quote(String(k)) + ':' + value(e, t.valueType)).join(',') + '}';
    }
    if (typeof v === 'number') return String(v);
    return quote(String(v));
  };
  const fields = batch.schema.fields;
  const parts: string[] = [];
  for (let r = 0; r < batch.numRows; r++) {
    let line = '{';
    let first = true;
    for (let c = 0; c < fields.length; c++) {
      const v = valueAt(batch.columns[c], r);
      if (v === null && ignoreNullFields) continue;
      line += (first ? '' : ',') + quote(fields[c].name) + ':' + value(v, fields[c].dataType);
      first = false;
    }
    parts.push(line + '}' + lineSep);
  }
  return new TextEncoder().encode(parts.join(''));
}

function quote(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    let e: string;
    if (c === 34) e = '\\"';
    else if (c === 92) e = '\\\\';
    else if (c === 10) e = '\\n';
    else if (c === 13) e = '\\r';
    else if (c === 9) e = '\\t';
    else if (c === 8) e = '\\b';
    else if (c === 12) e = '\\f';
    else e = '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    out += s.slice(last, i) + e;
    last = i + 1;
  }
  return out + s.slice(last) + '"';
}

function column(type: DataType, values: readonly unknown[]): Vector {
  const b = makeBuilder(type);
  for (const v of values) {
    if (v === null) b.appendNull();
    else b.append(v);
  }
  return b.finish();
}

function batchOf(fields: readonly StructField[], columns: readonly (readonly unknown[])[]): ColumnBatch {
  const n = columns.length === 0 ? 0 : columns[0].length;
  return new ColumnBatch(new StructType(fields), fields.map((f, c) => column(f.dataType, columns[c])), n);
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

describe('JsonWriter (JacksonGenerator output)', () => {
  it('prints Spark’s text for each type: field order, Double.toString, quoted NaN, ISO timestamps, nulls left out', () => {
    const fields = [
      new StructField('s', new StringType()),
      new StructField('d', new DoubleType()),
      new StructField('l', new LongType()),
      new StructField('t', new TimestampType()),
      new StructField('b', new BooleanType()),
      new StructField('dt', new DateType()),
    ];
    const batch = batchOf(fields, [
      ['a"b\\c\n\u0001é', null, 'x'],
      [1e10, Number.NaN, 5],
      [1, 2, null],
      [1_700_000_000_123_456, 0, null],
      [true, false, null],
      [19_000, null, 0],
    ]);
    expect(text(new JsonWriter({}, conf('UTC')).encode(batch))).toBe(
      '{"s":"a\\"b\\\\c\\n\\u0001é","d":1.0E10,"l":1,"t":"2023-11-14T22:13:20.123Z","b":true,"dt":"2022-01-08"}\n' +
        '{"d":"NaN","l":2,"t":"1970-01-01T00:00:00.000Z","b":false}\n' +
        '{"s":"x","d":5.0,"dt":"1970-01-01"}\n',
    );
  });

  it('writes nulls when ignoreNullFields is false, and the session zone’s offset', () => {
    const fields = [new StructField('t', new TimestampType()), new StructField('x', new DoubleType())];
    const batch = batchOf(fields, [[1_700_000_000_000_000, null], [null, -0.5]]);
    const out = new JsonWriter({ ignoreNullFields: 'false', lineSep: '\r\n' }, conf('America/New_York')).encode(batch);
    expect(text(out)).toBe('{"t":"2023-11-14T17:13:20.000-05:00","x":null}\r\n{"t":null,"x":-0.5}\r\n');
  });

  it('javaDoubleText is javaDoubleToString', () => {
    const edges = [0.001, 0.0009999999999999998, 1e7, 9999999.999999998, 1e-3 - 1e-19, -0, 0, 1, -1, 123, 0.1 + 0.2, 5e-324, 1.7976931348623157e308];
    for (const d of edges) expect(javaDoubleText(d)).toBe(javaDoubleToString(d));
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: -1e8, max: 1e8 }), fc.integer().map((i) => i / 1000)), (d) => {
        expect(javaDoubleText(d)).toBe(javaDoubleToString(d));
      }),
      { numRuns: 5000 },
    );
  });

  it('prints the same bytes as the row-at-a-time writer over random batches, options and zones', () => {
    fc.assert(
      fc.property(schemaAndRows(), writerOptions(), ({ fields, columns }, { options, zone }) => {
        const writer = new JsonWriter(options, conf(zone));
        const batch = batchOf(fields, columns);
        expect(text(writer.encode(batch))).toBe(text(legacyEncode(batch, options, zone)));
        // A second batch through the same writer: nothing cached from the first changes it.
        const half = batch.slice(Math.floor(batch.numRows / 2), batch.numRows);
        expect(writer.encode(half)).toEqual(legacyEncode(half, options, zone));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps dictionary-encoded strings of a filtered batch and sequential timestamps equal to the row writer', () => {
    const n = 5000;
    const fields = [new StructField('User', new StringType()), new StructField('x', new DoubleType()), new StructField('Creation_Time', new TimestampType())];
    const users = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `user-${i % 10}`));
    const xs = Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
    const ts = Array.from({ length: n }, (_, i) => 1_424_686_734_992_000 + i * 10_000 + (i % 3));
    const batch = batchOf(fields, [users, xs, ts]);
    const mask = new Uint8Array(n).map((_, i) => (xs[i] > 0 ? 1 : 0));
    const filtered = batch.filter(mask);
    for (const zone of ['UTC', 'Europe/Paris', '+05:30']) {
      expect(text(new JsonWriter({}, conf(zone)).encode(filtered))).toBe(text(legacyEncode(filtered, {}, zone)));
    }
  });
});

const PATTERNS = [
  "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
  'yyyy-MM-dd HH:mm:ss',
  "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]XXX",
  'SSSSSSSSS|S|SS dd/MM/yyyy',
  "EEEE d MMM yyyy 'à' HH'h'mm z",
  'yyyy-MM-dd HH:mm:ss.SSS O xx',
];

function writerOptions(): fc.Arbitrary<{ options: Record<string, string>; zone: string }> {
  return fc.record({
    zone: fc.constantFrom('UTC', 'America/New_York', 'Europe/Paris', '+05:30', 'Asia/Kolkata'),
    options: fc.record(
      {
        timestampFormat: fc.constantFrom(...PATTERNS),
        dateFormat: fc.constantFrom('yyyy-MM-dd', 'dd.MM.yyyy', "EEE, d MMM yyyy 'ü'"),
        ignoreNullFields: fc.constantFrom('true', 'false'),
        lineSep: fc.constantFrom('\n', '\r\n', '|', 'é\n'),
      },
      { requiredKeys: [] },
    ),
  });
}

/** Strings that exercise every escape and encoding path: quotes, controls, non-ASCII, lone surrogates. */
const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'plain', 'a"b', 'back\\slash', 'tab\there', '\u0000\u001f\u007f', 'é€😀', '\ud800', 'x\udc00y', '\u2028'),
);

const anyDouble = fc.oneof(fc.double(), fc.double({ min: -1e4, max: 1e4 }), fc.integer().map((i) => i / 100), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0));
/** µs: around now in runs 10 ms apart, DST edges, far past and future. */
const anyTimestamp = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((i) => 1_711_846_800_000_000 + i * 10_000),
  fc.integer({ min: -1000, max: 1000 }).map((i) => 1_699_164_000_000_000 + i * 997_001),
  fc.integer({ min: -62_135_596_800, max: 253_402_300_799 }).chain((s) => fc.integer({ min: 0, max: 999_999 }).map((us) => s * 1_000_000 + us)),
);

interface Gen {
  readonly type: DataType;
  readonly value: fc.Arbitrary<unknown>;
}

function nullable(g: Gen): fc.Arbitrary<unknown> {
  return fc.option(g.value, { nil: null, freq: 4 });
}

const atomic: readonly Gen[] = [
  { type: new StringType(), value: awkwardString },
  { type: new StringType(), value: fc.constantFrom('walk', 'bike', 'stand', 'sit', 'é') },
  { type: new BooleanType(), value: fc.boolean() },
  { type: new ByteType(), value: fc.integer({ min: -128, max: 127 }) },
  { type: new ShortType(), value: fc.integer({ min: -32768, max: 32767 }) },
  { type: new IntegerType(), value: fc.integer() },
  { type: new LongType(), value: fc.maxSafeInteger() },
  { type: new FloatType(), value: fc.float().map((f) => Math.fround(f)) },
  { type: new DoubleType(), value: anyDouble },
  { type: new DecimalType(10, 2), value: fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 100) },
  { type: new TimestampType(), value: anyTimestamp },
  { type: new DateType(), value: fc.integer({ min: -719_162, max: 2_932_896 }) },
  { type: new BinaryType(), value: fc.uint8Array({ maxLength: 8 }) },
];

function nested(): fc.Arbitrary<Gen> {
  const leaf = fc.constantFrom(...atomic);
  return fc.oneof(
    leaf,
    leaf.map((e) => ({ type: new ArrayType(e.type), value: fc.array(nullable(e), { maxLength: 4 }) })),
    leaf.map((e) => ({
      type: new MapType(new StringType(), e.type),
      value: fc.array(fc.tuple(awkwardString, nullable(e)), { maxLength: 3 }).map((kv) => new Map(kv)),
    })),
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((members) => {
      const type = new StructType(members.map((m, i) => new StructField(i === 0 ? 'a"é' : `f${i}`, m.type)));
      const value = fc.tuple(...members.map((m) => nullable(m))).map((vs) => Object.fromEntries(vs.map((v, i) => [type.fields[i].name, v])));
      return { type, value };
    }),
  );
}

function schemaAndRows(): fc.Arbitrary<{ fields: StructField[]; columns: unknown[][] }> {
  return fc
    .tuple(fc.array(nested(), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 40 }))
    .chain(([gens, rows]) =>
      fc.tuple(...gens.map((g) => fc.array(nullable(g), { minLength: rows, maxLength: rows }))).map((columns) => ({
        fields: gens.map((g, i) => new StructField(i === 1 ? 'quote"d\nname' : `c${i}`, g.type)),
        columns,
      })),
    );
}

it('NullType columns print as the row writer did', () => {
  const batch = batchOf([new StructField('n', new NullType()), new StructField('s', new StringType())], [[null, null], ['a', null]]);
  for (const ignoreNullFields of ['true', 'false']) {
    const options = { ignoreNullFields };
    expect(text(new JsonWriter(options, conf('UTC')).encode(batch))).toBe(text(legacyEncode(batch, options, 'UTC')));
  }
});
