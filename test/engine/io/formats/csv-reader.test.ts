import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../../../engine/io/formats/csv-reader';
import { SparkRuntimeException } from '../../../../engine/errors';
import { formatTimestamp } from '../../../../engine/types/datetime';
import { parseDDL } from '../../../../engine/types/index';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };

function read(text: string, ddl: string, options: Record<string, string> = {}, required?: string[]) {
  const r = new CsvReader(options, conf).read('/data/in.csv', new TextEncoder().encode(text), parseDDL(ddl), required);
  return { rows: r.batch.toRows(), corrupt: r.numCorruptRecords };
}

describe('CSV records (CSVSuite, UnivocityParser)', () => {
  it('maps tokens by position, skips the header line and blank lines', () => {
    const { rows } = read('name,age\r\nann,30\n\nbob,41\n', 'who STRING, years INT', { header: 'true' });
    expect(rows).toEqual([
      { who: 'ann', years: 30 },
      { who: 'bob', years: 41 },
    ]);
  });

  it('without header the first line is data', () => {
    expect(read('a,1\n', 's STRING, i INT').rows).toEqual([{ s: 'a', i: 1 }]);
  });

  it('sep/delimiter, quote and escape', () => {
    expect(read('a;"x;y";"say \\"hi\\""\n', 'a STRING, b STRING, c STRING', { sep: ';' }).rows).toEqual([
      { a: 'a', b: 'x;y', c: 'say "hi"' },
    ]);
    expect(read("a\t'b\tc'\n", 'a STRING, b STRING', { delimiter: '\\t', quote: "'" }).rows).toEqual([{ a: 'a', b: 'b\tc' }]);
    expect(read('"a""b"\n', 'a STRING').rows).toEqual([{ a: 'a"b' }]);
  });

  it('empty unquoted and quoted values are NULL by default (nullValue = emptyValue = "")', () => {
    expect(read('a,,""\n', 'a STRING, b STRING, c STRING').rows).toEqual([{ a: 'a', b: null, c: null }]);
  });

  it('nullValue makes matching text NULL for every type; a quoted empty string then stays empty', () => {
    expect(read('NA,NA,""\n', 's STRING, i INT, e STRING', { nullValue: 'NA' }).rows).toEqual([{ s: null, i: null, e: '' }]);
  });

  it('comment lines are skipped only when the option is set', () => {
    expect(read('#x,1\na,2\n', 's STRING, i INT', { comment: '#' }).rows).toEqual([{ s: 'a', i: 2 }]);
    expect(read('#x,1\n', 's STRING, i INT').rows).toEqual([{ s: '#x', i: 1 }]);
  });

  it('whitespace is kept unless ignoreLeading/TrailingWhiteSpace', () => {
    expect(read(' a , b \n', 'x STRING, y STRING').rows).toEqual([{ x: ' a ', y: ' b ' }]);
    expect(read(' a , b \n', 'x STRING, y STRING', { ignoreLeadingWhiteSpace: 'true', ignoreTrailingWhiteSpace: 'true' }).rows).toEqual([
      { x: 'a', y: 'b' },
    ]);
  });

  it('multiLine allows line breaks inside quoted values', () => {
    expect(read('"line1\nline2",2\n3,4\n', 's STRING, i INT', { multiLine: 'true' }).rows).toEqual([
      { s: 'line1\nline2', i: 2 },
      { s: '3', i: 4 },
    ]);
  });

  it('lineSep splits records', () => {
    expect(read('a,1|b,2', 's STRING, i INT', { lineSep: '|' }).rows).toEqual([
      { s: 'a', i: 1 },
      { s: 'b', i: 2 },
    ]);
  });
});

describe('CSV per-type conversion (UnivocityParser.makeConverter)', () => {
  it('integers as Java parseInt/parseLong, doubles with NaN/Inf/-Inf, booleans in any case', () => {
    const { rows, corrupt } = read('+7,9007199254740993,1.5e3,NaN,TRUE\n1.0,x,Inf,-Inf,yes\n', 'i INT, l BIGINT, d DOUBLE, n DOUBLE, b BOOLEAN');
    expect(rows[0]).toEqual({ i: 7, l: 2 ** 53 /* 9007199254740993 read into float64-backed bigint */, d: 1500, n: NaN, b: true });
    expect(rows[1]).toEqual({ i: null, l: null, d: Infinity, n: -Infinity, b: null });
    expect(corrupt).toBe(1);
  });

  it('int overflow is a bad record', () => {
    expect(read('3000000000\n', 'i INT').corrupt).toBe(1);
  });

  it('timestamps and dates: CAST rules by default, patterns when given', () => {
    const r = read('2015-02-23 10:18:55,2015-02-23\n', 't TIMESTAMP, d DATE').rows[0];
    expect(formatTimestamp(r.t as number, 'UTC')).toBe('2015-02-23 10:18:55');
    expect(r.d).toBe(16489);
    const p = read('23/02/2015 10:18,23/02/2015\n', 't TIMESTAMP, d DATE', { timestampFormat: 'dd/MM/yyyy HH:mm', dateFormat: 'dd/MM/yyyy' }).rows[0];
    expect(formatTimestamp(p.t as number, 'UTC')).toBe('2015-02-23 10:18:00');
    expect(p.d).toBe(16489);
  });

  it('nested types are not supported', () => {
    expect(() => read('a\n', 's STRUCT<a: INT>')).toThrow(/UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE/);
  });
});

describe('CSV malformed records (too few / too many tokens, FailureSafeParser)', () => {
  const text = 'a,1\nb\nc,3,extra\nd,x\n';

  it('PERMISSIVE keeps partial rows and fills the corrupt column', () => {
    const { rows, corrupt } = read(text, 's STRING, i INT, _corrupt_record STRING');
    expect(rows).toEqual([
      { s: 'a', i: 1, _corrupt_record: null },
      { s: 'b', i: null, _corrupt_record: 'b' },
      { s: 'c', i: 3, _corrupt_record: 'c,3,extra' },
      { s: 'd', i: null, _corrupt_record: 'd,x' },
    ]);
    expect(corrupt).toBe(3);
  });

  it('DROPMALFORMED drops them', () => {
    expect(read(text, 's STRING, i INT', { mode: 'DROPMALFORMED' }).rows).toEqual([{ s: 'a', i: 1 }]);
  });

  it('FAILFAST throws with the line', () => {
    try {
      read(text, 's STRING, i INT', { mode: 'failfast' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SparkRuntimeException);
      expect((e as SparkRuntimeException).errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
      expect((e as SparkRuntimeException).message).toContain('record parsing: b.');
      expect((e as SparkRuntimeException).context).toEqual({ file: '/data/in.csv', line: 2 });
    }
  });

  it('unread columns are not converted', () => {
    expect(read('x,1\n', 'a INT, b INT', {}, ['b'])).toEqual({ rows: [{ a: null, b: 1 }], corrupt: 0 });
  });
});
