import { describe, expect, it } from 'vitest';
import { JsonReader } from '../../../../engine/io/formats/json-reader';
import { SparkRuntimeException } from '../../../../engine/errors';
import { formatTimestamp } from '../../../../engine/types/datetime';
import { parseDDL } from '../../../../engine/types/index';
import type { StructType } from '../../../../engine/types/struct-type';
import { labSchema } from '../../../fixtures/lab-schema';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function read(text: string, ddl: string | StructType, options: Record<string, string> = {}, required?: string[]) {
  const schema = typeof ddl === 'string' ? parseDDL(ddl) : ddl;
  const r = new JsonReader(options, conf).read('/data/in.json', bytes(text), schema, required);
  return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords, warnings: r.warnings };
}

// The lab's sample record (Hand-on 1), on one line.
const LAB_RECORD =
  '{"Arrival_Time":1424686735175,"Creation_Time":1424686733176178965,"Device":"nexus4_1","Index":35,"Model":"nexus4","User":"g","gt":"stand","x":0.0014038086,"y":5.0354E-4,"z":-0.0124053955}';

describe('JSON records and lines (JsonSuite)', () => {
  it('reads one record per line with \\n, \\r\\n and \\r, skipping blank lines', () => {
    const { rows, corrupt } = read('{"a":1}\r\n\n   \n{"a":2}\r{"a":3}\n', 'a BIGINT');
    expect(rows).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(corrupt).toBe(0);
  });

  it('strips a UTF-8 BOM', () => {
    const data = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":"x"}\n')]);
    const r = new JsonReader({}, conf).read('f', data, parseDDL('a STRING'));
    expect(r.batch.toRows()).toEqual([{ a: 'x' }]);
  });

  it('SPARK-3308: a top-level array gives one row per element; an empty array none', () => {
    expect(read('[{"a":1},{"a":2}]\n[]\n{"a":3}', 'a INT').rows).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('matches keys exactly and case-sensitively; unknown keys skipped; last duplicate wins', () => {
    const { rows } = read('{"Name":"x","name":"y","other":{"deep":[1,2,{"k":null}]},"name":"z"}', 'name STRING, Other INT');
    expect(rows).toEqual([{ name: 'z', Other: null }]);
  });

  it('honours a custom lineSep', () => {
    expect(read('{"a":1}|{"a":2}', 'a INT', { lineSep: '|' }).rows).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('multiLine reads the whole file as one document or array', () => {
    expect(read('[\n {"a": 1},\n {"a": 2}\n]\n', 'a INT', { multiLine: 'true' }).rows).toEqual([{ a: 1 }, { a: 2 }]);
    expect(read('{\n "a": {\n  "b": "x"\n }\n}', 'a STRUCT<b: STRING>', { multiline: 'TRUE' }).rows).toEqual([{ a: { b: 'x' } }]);
  });

  it('multiLine: a malformed file is one corrupt record holding the whole text', () => {
    const text = '{\n "a": 1,\n "b": \n';
    const { rows, corrupt } = read(text, 'a INT, _corrupt_record STRING', { multiLine: 'true' });
    expect(rows).toEqual([{ a: null, _corrupt_record: text }]);
    expect(corrupt).toBe(1);
  });
});

describe('JSON token conversions (JacksonParser.makeConverter)', () => {
  it('boolean accepts only true/false tokens', () => {
    const { rows, corrupt } = read('{"b":true}\n{"b":"true"}\n{"b":1}', 'b BOOLEAN');
    expect(rows.map((r) => r.b)).toEqual([true, null, null]);
    expect(corrupt).toBe(2);
  });

  it('int must be an integer literal that fits; bigint to 64 bits', () => {
    const { rows, corrupt } = read(
      '{"i":5,"l":9223372036854775807}\n{"i":3000000000}\n{"i":1.0}\n{"i":"5"}\n{"l":9223372036854775808}',
      'i INT, l BIGINT',
    );
    expect(rows[0]).toEqual({ i: 5, l: 2 ** 63 } /* Long.MaxValue as the nearest double: bigint is stored as float64 */);
    expect(rows.slice(1).every((r) => r.i === null && r.l === null)).toBe(true);
    expect(corrupt).toBe(4);
  });

  it('double takes numbers and the NaN/Infinity strings only', () => {
    const { rows, corrupt } = read(
      '{"d":1}\n{"d":-2.5e3}\n{"d":"NaN"}\n{"d":"-INF"}\n{"d":"+Infinity"}\n{"d":NaN}\n{"d":"0.31"}',
      'd DOUBLE',
    );
    expect(rows.map((r) => r.d)).toEqual([1, -2500, NaN, -Infinity, Infinity, NaN, null]);
    expect(corrupt).toBe(1);
  });

  it('float rounds to 32 bits', () => {
    expect(read('{"f":0.1}', 'f FLOAT').rows[0].f).toBe(Math.fround(0.1));
  });

  it('string takes the exact raw text of non-string tokens (spark.sql.json.enableExactStringParsing)', () => {
    const { rows } = read('{"s":12.50}\n{"s":true}\n{"s":{"a": [1, 2]}}\n{"s":"x\\ty\\u00e9"}\n{"s":\'single\'}', 's STRING');
    expect(rows.map((r) => r.s)).toEqual(['12.50', 'true', '{"a": [1, 2]}', 'x\tyé', 'single']);
  });

  it('empty string for a non-string type is a bad record (EMPTY_JSON_FIELD_VALUE)', () => {
    const { rows, corrupt } = read('{"i":"","s":""}', 'i INT, s STRING');
    expect(rows).toEqual([{ i: null, s: '' }]);
    expect(corrupt).toBe(1);
  });

  it('timestamp: an integer literal is seconds since the epoch; strings use the CAST rules', () => {
    const { rows, corrupt } = read(
      '{"t":1424686735}\n{"t":"2015-02-23T10:18:55.175Z"}\n{"t":"2015-02-23 11:18:55 GMT+01:00"}\n{"t":1.5}\n{"t":"1424686735"}',
      't TIMESTAMP',
    );
    expect(rows.map((r) => (r.t === null ? null : formatTimestamp(r.t as number, 'UTC')))).toEqual([
      '2015-02-23 10:18:55',
      '2015-02-23 10:18:55.175',
      '2015-02-23 10:18:55',
      null,
      null,
    ]);
    expect(corrupt).toBe(2);
  });

  it('timestamp strings without a zone are in the session time zone', () => {
    const r = new JsonReader({}, { timeZone: 'Europe/Paris', columnNameOfCorruptRecord: '_corrupt_record' });
    const row = r.read('f', bytes('{"t":"2015-02-23 11:18:55"}'), parseDDL('t TIMESTAMP')).batch.toRows()[0];
    expect(formatTimestamp(row.t as number, 'UTC')).toBe('2015-02-23 10:18:55');
  });

  it('timestampFormat replaces the default parsing (no fallback)', () => {
    const { rows } = read('{"t":"23/02/2015 10:18"}\n{"t":"2015-02-23T10:18:00Z"}', 't TIMESTAMP', { timestampFormat: 'dd/MM/yyyy HH:mm' });
    expect(rows.map((r) => (r.t === null ? null : formatTimestamp(r.t as number, 'UTC')))).toEqual(['2015-02-23 10:18:00', null]);
  });

  it('date: CAST rules, dateFormat, and the 1.5 days-number string', () => {
    // "16489" has 5 digits: a valid year for stringToDate, so it is 16489-01-01, not a day count;
    // only text the CAST rules reject (e.g. 3 digits) falls back to days since the epoch.
    expect(read('{"d":"2015-02-23"}\n{"d":"2015-02-23T10:00"}\n{"d":"16489"}\n{"d":"123"}', 'd DATE').rows.map((r) => r.d)).toEqual([
      16489, 16489, 5302957, 123,
    ]);
    expect(read('{"d":"23.02.2015"}', 'd DATE', { dateFormat: 'dd.MM.yyyy' }).rows[0].d).toBe(16489);
  });

  it('nested struct, array and map; JSON null is NULL for every type', () => {
    const { rows } = read(
      '{"s":{"a":1,"b":"x"},"arr":[1,null,3],"m":{"k":1.5}}\n{"s":null,"arr":null,"m":null}',
      's STRUCT<a: INT, b: STRING>, arr ARRAY<INT>, m MAP<STRING, DOUBLE>',
    );
    expect(rows[0]).toEqual({ s: { a: 1, b: 'x' }, arr: [1, null, 3], m: new Map([['k', 1.5]]) });
    expect(rows[1]).toEqual({ s: null, arr: null, m: null });
  });

  it('nested failures keep partial results (spark.sql.json.enablePartialResults)', () => {
    const { rows, corrupt } = read('{"s":{"a":"bad","b":"x"},"arr":[1,"two"],"n":7}', 's STRUCT<a: INT, b: STRING>, arr ARRAY<INT>, n INT');
    expect(rows).toEqual([{ s: { a: null, b: 'x' }, arr: null, n: 7 }]);
    expect(corrupt).toBe(1);
  });

  it('only required columns are converted: a type error in an unread field is not a bad record', () => {
    const { rows, corrupt } = read('{"a":"not a number","b":"ok"}', 'a INT, b STRING', {}, ['b']);
    expect(rows).toEqual([{ a: null, b: 'ok' }]);
    expect(corrupt).toBe(0);
  });
});

describe('JSON parse modes and the corrupt-record column (FailureSafeParser, JsonSuite "Corrupt records")', () => {
  const text = '{"a":1,"b":"x"}\n{"a":"oops","b":"y"}\n{"a":2,\n[1]\n';

  it('PERMISSIVE with the corrupt column: partial values for conversion errors, all NULL for syntax errors', () => {
    const { rows, corrupt } = read(text, 'a INT, b STRING, _corrupt_record STRING');
    expect(rows).toEqual([
      { a: 1, b: 'x', _corrupt_record: null },
      { a: null, b: 'y', _corrupt_record: '{"a":"oops","b":"y"}' },
      { a: null, b: null, _corrupt_record: '{"a":2,' },
      { a: null, b: null, _corrupt_record: '[1]' },
    ]);
    expect(corrupt).toBe(3);
  });

  it('PERMISSIVE without the corrupt column keeps the rows and loses the text', () => {
    expect(read(text, 'a INT, b STRING').rows).toEqual([
      { a: 1, b: 'x' },
      { a: null, b: 'y' },
      { a: null, b: null },
      { a: null, b: null },
    ]);
  });

  it("the columnNameOfCorruptRecord option names the column; a misspelled one is an ordinary field (the lab's _corrupt_reccord)", () => {
    expect(read('{"a":"oops"}', 'a INT, bad STRING', { columnNameOfCorruptRecord: 'bad' }).rows).toEqual([{ a: null, bad: '{"a":"oops"}' }]);
    expect(read('{"a":"oops"}', 'a INT, _corrupt_reccord STRING').rows).toEqual([{ a: null, _corrupt_reccord: null }]);
  });

  it('a JSON key named like the corrupt column does not fill it', () => {
    expect(read('{"a":1,"_corrupt_record":"x"}', 'a INT, _corrupt_record STRING').rows).toEqual([{ a: 1, _corrupt_record: null }]);
  });

  it('a corrupt column that is not a string is an analysis error', () => {
    expect(() => read('{"a":1}', 'a INT, _corrupt_record INT')).toThrow(/INVALID_CORRUPT_RECORD_TYPE/);
  });

  it('DROPMALFORMED drops bad records but counts them', () => {
    const { rows, corrupt } = read(text, 'a INT, b STRING', { mode: 'dropmalformed' });
    expect(rows).toEqual([{ a: 1, b: 'x' }]);
    expect(corrupt).toBe(3);
  });

  it('FAILFAST throws MALFORMED_RECORD_IN_PARSING naming the record, file and line', () => {
    try {
      read(text, 'a INT, b STRING', { mode: 'FAILFAST' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SparkRuntimeException);
      const err = e as SparkRuntimeException;
      expect(err.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
      expect(err.message).toContain('Malformed records are detected in record parsing: {"a":"oops","b":"y"}.');
      expect(err.message).toContain("Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.");
      expect(err.context).toEqual({ file: '/data/in.json', line: 2 });
    }
  });
});

describe("the lab's IoT record (Hand-on 1) with the lab's schema", () => {
  it('reads Arrival_Time (milliseconds) as Spark does: seconds, so year 47116', () => {
    const { rows, warnings } = read(LAB_RECORD, labSchema());
    const row = rows[0];
    // Spark: 1424686735175 * 1000000 = 1424686735175000000 µs (exact in Java's long; our long is
    // the nearest double, which formats the same).
    expect(row.Arrival_Time).toBe(1424686735175 * 1_000_000);
    expect(formatTimestamp(row.Arrival_Time as number, 'UTC')).toBe('+47116-07-11 19:19:35');
    // Creation_Time (nanoseconds) × 1e6 overflows Java's long and wraps: 7794875442874593088 µs.
    expect(row.Creation_Time).toBe(Number(BigInt.asIntN(64, 1424686733176178965n * 1_000_000n)));
    expect(formatTimestamp(row.Creation_Time as number, 'UTC').startsWith('+248979-10-08 18:34:34.59')).toBe(true);
    expect(row).toMatchObject({ Device: 'nexus4_1', Index: 35, Model: 'nexus4', User: 'g', gt: 'stand', _corrupt_reccord: null });
    expect(row.x).toBe(0.0014038086);
    expect(row.y).toBe(5.0354e-4);
    expect(row.z).toBe(-0.0124053955);

    expect(warnings.map((w) => [w.code, w.column, w.file])).toEqual([
      ['IMPLAUSIBLE_TIMESTAMP', 'Arrival_Time', '/data/in.json'],
      ['IMPLAUSIBLE_TIMESTAMP', 'Creation_Time', '/data/in.json'],
    ]);
    expect(warnings[0].message).toContain('Arrival_Time looks like milliseconds: set option timestampUnit=ms');
    expect(warnings[1].message).toContain('Creation_Time looks like nanoseconds: set option timestampUnit=ns');
  });

  it('timestampUnit=ms fixes Arrival_Time; per-column units fix both (2015-02-23)', () => {
    const ms = read(LAB_RECORD, labSchema(), { timestampUnit: 'ms' });
    expect(formatTimestamp(ms.rows[0].Arrival_Time as number, 'UTC')).toBe('2015-02-23 10:18:55.175');
    expect(ms.warnings.map((w) => w.column)).toEqual(['Creation_Time']);

    const both = read(LAB_RECORD, labSchema(), { timestampUnit: 'Arrival_Time:ms,Creation_Time:ns' });
    expect(formatTimestamp(both.rows[0].Arrival_Time as number, 'UTC')).toBe('2015-02-23 10:18:55.175');
    expect(formatTimestamp(both.rows[0].Creation_Time as number, 'UTC')).toBe('2015-02-23 10:18:53.176178');
    expect(both.warnings).toEqual([]);
  });

  it('timestampUnit=ns reads Creation_Time exactly (truncated to µs)', () => {
    const ns = read(LAB_RECORD, labSchema(), { timestampUnit: 'ns' });
    expect(ns.rows[0].Creation_Time).toBe(1424686733176178);
    expect(formatTimestamp(ns.rows[0].Creation_Time as number, 'UTC')).toBe('2015-02-23 10:18:53.176178');
  });

  it('rejects an unknown timestampUnit', () => {
    expect(() => read(LAB_RECORD, labSchema(), { timestampUnit: 'minutes' })).toThrow(/timestampUnit/);
  });
});
