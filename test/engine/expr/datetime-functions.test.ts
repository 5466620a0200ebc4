import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { valueAt } from '../../../engine/batch/values';
import { bindExpr, parseExpr } from '../../../engine/expr/index';
import { parseDDL } from '../../../engine/types/ddl';
import { ANSI, LEGACY, errorOf, evalOne, evalRows, typeOf } from './expr-harness';

const ts = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s) * 1000;

describe('parsing and formatting (datetimeExpressions.scala)', () => {
  it('to_timestamp without a pattern is CAST AS TIMESTAMP', () => {
    expect(evalOne("to_timestamp('2024-03-01 12:30:00')")).toBe(ts(2024, 3, 1, 12, 30));
    expect(typeOf("to_timestamp('x')").simpleString()).toBe('timestamp');
  });
  it('to_timestamp with a pattern: NULL when unparsable (non-ANSI), CANNOT_PARSE_TIMESTAMP under ANSI', () => {
    expect(evalOne("to_timestamp('01/03/2024 08', 'dd/MM/yyyy HH')")).toBe(ts(2024, 3, 1, 8));
    expect(evalOne("to_timestamp('garbage', 'dd/MM/yyyy')", LEGACY)).toBe(null);
    expect(errorOf(() => evalOne("to_timestamp('garbage', 'dd/MM/yyyy')")).errorClass).toBe('CANNOT_PARSE_TIMESTAMP');
    expect(evalOne("try_to_timestamp('garbage', 'dd/MM/yyyy')")).toBe(null);
  });
  it('to_date', () => {
    expect(evalOne("to_date('2024-03-01')")).toBe(19783);
    expect(evalOne("to_date('01.03.2024', 'dd.MM.yyyy')")).toBe(19783);
  });
  it("from_unixtime defaults to 'yyyy-MM-dd HH:mm:ss' in the session zone", () => {
    expect(evalOne('from_unixtime(0)')).toBe('1970-01-01 00:00:00');
    expect(evalOne('from_unixtime(0)', { ...ANSI, timeZone: 'Asia/Tokyo' })).toBe('1970-01-01 09:00:00');
    expect(evalOne("from_unixtime(86400, 'yyyy/MM/dd')")).toBe('1970/01/02');
  });
  it('unix_timestamp parses with the default pattern, and takes timestamps', () => {
    expect(evalOne("unix_timestamp('1970-01-02 00:00:00')")).toBe(86400);
    expect(evalRows('unix_timestamp(ts)', [{ ts: 1_500_000 }])).toEqual([1]);
  });
  it('date_format', () => {
    expect(evalRows("date_format(ts, 'yyyy-MM-dd HH:mm')", [{ ts: ts(2024, 1, 2, 3, 4) }])).toEqual(['2024-01-02 03:04']);
  });
});

describe('fields', () => {
  const row = [{ ts: ts(2024, 3, 10, 13, 45, 30) }];
  it('year, month, day, hour, minute, second', () => {
    expect(evalRows('year(ts)', row)).toEqual([2024]);
    expect(evalRows('month(ts)', row)).toEqual([3]);
    expect(evalRows('dayofmonth(ts)', row)).toEqual([10]);
    expect(evalRows('day(ts)', row)).toEqual([10]);
    expect(evalRows('hour(ts)', row)).toEqual([13]);
    expect(evalRows('minute(ts)', row)).toEqual([45]);
    expect(evalRows('second(ts)', row)).toEqual([30]);
  });
  it('dayofweek is Sunday = 1; dayofyear; weekofyear is ISO', () => {
    expect(evalRows('dayofweek(ts)', row)).toEqual([1]);
    expect(evalRows('dayofyear(ts)', row)).toEqual([70]);
    expect(evalOne("weekofyear(DATE '2024-01-01')")).toBe(1);
    expect(evalOne("weekofyear(DATE '2023-01-01')")).toBe(52);
  });
  it('hour follows the session time zone', () => {
    expect(evalRows('hour(ts)', row, { ...ANSI, timeZone: 'America/New_York' })).toEqual([9]);
  });
});

describe('current time and epoch conversions', () => {
  it('current_timestamp() is the batch timestamp on every row, never folded', () => {
    const schema = parseDDL('x INT');
    const bound = bindExpr(parseExpr('current_timestamp()'), schema, ANSI);
    const batch = ColumnBatch.fromRows(schema, [{ x: 1 }, { x: 2 }]);
    const a = bound.evaluate(batch, { batchTimestampUs: 5_000_000 });
    const b = bound.evaluate(batch, { batchTimestampUs: 7_000_000 });
    expect([valueAt(a, 0), valueAt(a, 1), valueAt(b, 0)]).toEqual([5_000_000, 5_000_000, 7_000_000]);
    expect(evalOne('current_date()')).toBe(Math.floor(1_700_000_000 / 86400));
  });
  it('timestamp_seconds/millis/micros and unix_seconds/millis/micros', () => {
    expect(evalOne('timestamp_seconds(1)')).toBe(1_000_000);
    expect(evalOne('timestamp_seconds(1.5)')).toBe(1_500_000);
    expect(evalOne('timestamp_millis(1)')).toBe(1000);
    expect(evalOne('timestamp_micros(7)')).toBe(7);
    expect(evalRows('unix_seconds(ts)', [{ ts: -1 }])).toEqual([-1]);
    expect(evalRows('unix_millis(ts)', [{ ts: 2500 }])).toEqual([2]);
    expect(evalRows('unix_micros(ts)', [{ ts: 2500 }])).toEqual([2500]);
  });
  it('date_add, date_sub, datediff', () => {
    expect(evalOne("date_add(DATE '2024-02-28', 2)")).toBe(19783);
    expect(evalOne("date_sub('2024-03-01', 1)")).toBe(19782);
    expect(evalOne("datediff(DATE '2024-03-01', DATE '2024-02-01')")).toBe(29);
  });
});
