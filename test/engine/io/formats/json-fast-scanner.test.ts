/**
 * The JSON reader's byte fast path (json-fast-scanner.ts): plain records are converted from
 * bytes without the cursor, only the required columns are filled, and every record it is not
 * sure about is handed to the cursor path with the same outcome (test/fuzz/json-fast-scanner
 * checks that equality on random files).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparkRuntimeException } from '../../../../engine/errors';
import { writeIntegerBytesAsMicros } from '../../../../engine/io/formats/json-fast-timestamps';
import { JsonReader } from '../../../../engine/io/formats/json-reader';
import type { TimestampUnit } from '../../../../engine/io/formats/timestamp-unit';
import { parseDDL } from '../../../../engine/types/index';
import type { StructType } from '../../../../engine/types/struct-type';
import { javaMicros } from '../../../fixtures/java-long-micros';
import { labSchema } from '../../../fixtures/lab-schema';

/** The µs of the literal in `b[start, end)`, or null when it does not fit a long. */
function integerBytesToMicros(b: Uint8Array, start: number, end: number, unit: TimestampUnit): number | null {
  const out = new Float64Array(1);
  return writeIntegerBytesAsMicros(out, 0, b, start, end, unit) ? out[0] : null;
}

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function read(text: string | Uint8Array, ddl: string | StructType, options: Record<string, string> = {}, required?: string[]) {
  const schema = typeof ddl === 'string' ? parseDDL(ddl) : ddl;
  const reader = new JsonReader(options, conf);
  const data = typeof text === 'string' ? bytes(text) : text;
  const r = reader.read('/data/in.json', data, schema, required);
  const slow = reader.readWithCursor('/data/in.json', data, schema, required);
  // Whatever path each record took, the file's result is the cursor path's.
  expect(r.batch.toRows()).toEqual(slow.batch.toRows());
  expect(r.numCorruptRecords).toBe(slow.numCorruptRecords);
  expect(r.warnings).toEqual(slow.warnings);
  return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords, warnings: r.warnings, batch: r.batch, stats: { ...reader.stats } };
}

const LAB_LINES = [
  '{"Arrival_Time":1424686735175,"Creation_Time":1424686733176178965,"Device":"nexus4_1","Index":35,"Model":"nexus4","User":"g","gt":"stand","x":0.0014038086,"y":5.0354E-4,"z":-0.0124053955}',
  '{"Arrival_Time":1424686735176,"Creation_Time":1424686733177178965,"Device":"s3_2","Index":36,"Model":"s3","User":"b","gt":"sit","x":-1.5,"y":2,"z":1e-3}',
  '{"Arrival_Time":1424686735177,"Creation_Time":1424686733178178965,"Device":"nexus4_1","Index":37,"Model":"nexus4","User":"g","gt":"stand","x":null,"y":0,"z":-0}',
];

describe('JSON fast path', () => {
  it('reads the lab records from bytes, every value as the cursor path converts it', () => {
    const { rows, corrupt, stats } = read(LAB_LINES.join('\n') + '\n', labSchema(), { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms' });
    expect(stats).toEqual({ fastRecords: 3, cursorRecords: 0 });
    expect(corrupt).toBe(0);
    expect(rows[1]).toEqual({
      Arrival_Time: 1424686735176000,
      Creation_Time: 1424686733177178,
      Device: 's3_2',
      Index: 36,
      Model: 's3',
      User: 'b',
      _corrupt_reccord: null,
      gt: 'sit',
      x: -1.5,
      y: 2,
      z: 1e-3,
    });
    expect(Object.is(rows[2].z, -0)).toBe(true);
    expect(rows[2].x).toBeNull();
  });

  it('fills only the required columns; a wrong type in an unread field is no bad record', () => {
    const text = LAB_LINES[0] + '\n' + '{"gt":"walk","Index":"not a number","x":[1,{"deep":[true,null]}]}\n';
    const { rows, corrupt, stats, batch } = read(text, labSchema(), {}, ['gt']);
    expect(corrupt).toBe(0);
    expect(stats.cursorRecords).toBe(0);
    expect(rows.map((r) => r.gt)).toEqual(['stand', 'walk']);
    expect(rows.every((r) => Object.entries(r).every(([k, v]) => k === 'gt' || v === null))).toBe(true);
    // Strings are dictionary-encoded by their bytes: one entry per distinct value.
    const gt = batch.columns[labSchema().fieldIndex('gt')];
    expect(gt.storage === 'string' ? gt.dict : null).toEqual(['stand', 'walk']);
  });

  it('hands escapes, single quotes, duplicate keys and non-string tokens for strings to the cursor path', () => {
    const text = [
      '{"b":"tab\\there","a":1}',
      "{'b':'single','a':2}",
      '{"a":3,"a":4,"b":"last wins"}',
      '{"b":17,"a":5}',
      '{"b":"caf\u00e9","a":6}',
    ].join('\n');
    const { rows, corrupt, stats } = read(text, 'a INT, b STRING');
    expect(corrupt).toBe(0);
    expect(rows).toEqual([
      { a: 1, b: 'tab\there' },
      { a: 2, b: 'single' },
      { a: 4, b: 'last wins' },
      { a: 5, b: '17' },
      { a: 6, b: 'café' },
    ]);
    expect(stats).toEqual({ fastRecords: 1, cursorRecords: 4 });
  });

  it('keeps corrupt-record text, DROPMALFORMED and FAILFAST file and line as the cursor path has them', () => {
    const text = '\ufeff{"a":1}\r\n{"a":2,\r\n\r\n{"a":"x"}\n[{"a":3},{"a":4}]\n';
    const permissive = read(text, 'a INT, _corrupt_record STRING');
    expect(permissive.rows).toEqual([
      { a: 1, _corrupt_record: null },
      { a: null, _corrupt_record: '{"a":2,' },
      { a: null, _corrupt_record: '{"a":"x"}' },
      { a: 3, _corrupt_record: null },
      { a: 4, _corrupt_record: null },
    ]);
    expect(read(text, 'a INT', { mode: 'DROPMALFORMED' }).rows).toEqual([{ a: 1 }, { a: 3 }, { a: 4 }]);
    let error: unknown;
    try {
      new JsonReader({ mode: 'FAILFAST' }, conf).read('/data/in.json', bytes(text), parseDDL('a INT'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SparkRuntimeException);
    expect((error as SparkRuntimeException).context).toEqual({ file: '/data/in.json', line: 2 });
  });

  it('makes a line with invalid UTF-8 a bad record, even after the closing brace', () => {
    const data = new Uint8Array([...bytes('{"a":1}\n{"a":2} '), 0xff, ...bytes('\n{"s":"'), 0xc3, ...bytes('"}\n{"s":"\u00e9"}')]);
    const { rows, corrupt } = read(data, 'a INT, s STRING, _corrupt_record STRING');
    expect(corrupt).toBe(2);
    expect(rows.map((r) => r._corrupt_record === null)).toEqual([true, false, false, true]);
    expect(rows[3].s).toBe('é');
  });

  it('warns once per column for implausible integer timestamps, with the literal', () => {
    const { warnings, stats } = read(LAB_LINES.join('\n'), labSchema(), {}, ['Creation_Time', 'Arrival_Time']);
    expect(stats.cursorRecords).toBe(0);
    expect(warnings.map((w) => [w.code, w.column])).toEqual([
      ['IMPLAUSIBLE_TIMESTAMP', 'Arrival_Time'],
      ['IMPLAUSIBLE_TIMESTAMP', 'Creation_Time'],
    ]);
    expect(warnings[1].message).toContain('nanoseconds');
  });

  it('converts numbers at the edges of each type exactly (range, long overflow, float rounding)', () => {
    const text = [
      '{"i":2147483647,"l":9223372036854775807,"d":0.1,"f":0.1,"s":127}',
      '{"i":2147483648,"l":1,"d":1,"f":1,"s":1}',
      '{"i":1,"l":9223372036854775808,"d":1,"f":1,"s":1}',
      '{"i":1,"l":12345678901234567,"d":123456789012345678901234567890,"f":3.4e38,"s":128}',
      '{"i":-0,"l":-0,"d":1.7976931348623157e308,"f":1e-50,"s":-128}',
    ].join('\n');
    const { rows } = read(text, 'i INT, l BIGINT, d DOUBLE, f FLOAT, s TINYINT, _corrupt_record STRING');
    expect(rows[0]).toEqual({ i: 2147483647, l: Number('9223372036854775807'), d: 0.1, f: Math.fround(0.1), s: 127, _corrupt_record: null });
    expect(rows[1]._corrupt_record).not.toBeNull();
    expect(rows[2]._corrupt_record).not.toBeNull();
    expect(rows[3].l).toBe(Number('12345678901234567'));
    expect(rows[3].d).toBe(1.2345678901234568e29);
    expect(rows[3].s).toBeNull();
    expect(rows[4].d).toBe(Number.MAX_VALUE);
    expect(Object.is(rows[4].l, -0)).toBe(true);
  });
});

describe('integer timestamps from bytes', () => {
  it("equal Java's long arithmetic for every unit, across and beyond the 64-bit range", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: -(2n ** 66n), max: 2n ** 66n }), fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer().map(BigInt)),
        fc.constantFrom<TimestampUnit>('s', 'ms', 'us', 'ns'),
        (n, unit) => {
          const text = String(n);
          const got = integerBytesToMicros(bytes(` ${text} `), 1, text.length + 1, unit);
          expect(got).toBe(javaMicros(n, unit));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('at the edges: the long range, 15/16 digits (one double or two limbs), -0', () => {
    const at = (text: string, unit: TimestampUnit): number | null => integerBytesToMicros(bytes(text), 0, text.length, unit);
    for (const text of ['9223372036854775807', '-9223372036854775808', '999999999999999', '1000000000000000', '-999999999999999', '9007199254740993']) {
      for (const unit of ['s', 'ms', 'us', 'ns'] as const) expect(at(text, unit)).toBe(javaMicros(BigInt(text), unit));
    }
    expect(at('9223372036854775808', 'us')).toBeNull();
    expect(at('-9223372036854775809', 'ns')).toBeNull();
    expect(at('12345678901234567890', 's')).toBeNull();
    expect(Object.is(at('-0', 's'), -0)).toBe(true);
  });
});
