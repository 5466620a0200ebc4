/**
 * Day-time interval literals (Spark's AstBuilder.visitInterval, DayTimeIntervalType) and
 * timestamp ± interval arithmetic (TimestampAddInterval).
 */
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { bindExpr, exprName, exprToSQL, parseExpr } from '../../../engine/expr/index';
import { parseDDL } from '../../../engine/types/ddl';

const HOUR = 3_600_000_000;
const conf = { caseSensitive: false, ansi: true, timeZone: 'UTC' };

function micros(text: string): unknown {
  const e = parseExpr(text);
  expect(e.kind).toBe('literal');
  return (e as { value: unknown }).value;
}

describe('INTERVAL literals', () => {
  it('reads the unit forms Spark accepts', () => {
    expect(micros('INTERVAL 1 HOUR')).toBe(HOUR);
    expect(micros("INTERVAL '1' HOUR")).toBe(HOUR);
    expect(micros('interval 1 hour 30 minutes')).toBe(1.5 * HOUR);
    expect(micros("INTERVAL '1 hour 30 minutes'")).toBe(1.5 * HOUR);
    expect(micros('INTERVAL 2 DAYS')).toBe(48 * HOUR);
    expect(micros('INTERVAL 10 SECONDS')).toBe(10_000_000);
    expect(micros("INTERVAL '0 01:30:00' DAY TO SECOND")).toBe(1.5 * HOUR);
  });

  it('prints as a DAY TO SECOND literal that parses back to the same value', () => {
    const e = parseExpr('INTERVAL 1 HOUR 30 MINUTES');
    expect(exprToSQL(e)).toBe("INTERVAL '0 01:30:00' DAY TO SECOND");
    expect(parseExpr(exprToSQL(e))).toMatchObject({ kind: 'literal', value: 1.5 * HOUR });
  });

  it('rejects year-month intervals with a clear error', () => {
    expect(() => parseExpr('INTERVAL 1 MONTH')).toThrow(/UNSUPPORTED_FEATURE.INTERVAL/);
  });

  it('timestamp ± interval gives a timestamp; NULL stays NULL', () => {
    const schema = parseDDL('t TIMESTAMP');
    const batch = ColumnBatch.fromRows(schema, [{ t: 10 * HOUR }, { t: null }]);
    const plus = bindExpr(parseExpr('t + INTERVAL 1 HOUR'), schema, conf);
    expect(plus.dataType.simpleString()).toBe('timestamp');
    const v = plus.evaluate(batch, { batchTimestampUs: 0 });
    expect([v.validity === null || v.validity[0] === 1, (v as { values: Float64Array }).values[0]]).toEqual([true, 11 * HOUR]);
    expect(v.validity?.[1]).toBe(0);
    const minus = bindExpr(parseExpr("t - INTERVAL '30 minutes'"), schema, conf).evaluate(batch, { batchTimestampUs: 0 });
    expect((minus as { values: Float64Array }).values[0]).toBe(9.5 * HOUR);
    expect(exprName(parseExpr('t + INTERVAL 1 HOUR'))).toBe("(t + INTERVAL '0 01:00:00' DAY TO SECOND)");
  });

  it('compares timestamps against timestamp ± interval (the join range condition)', () => {
    const schema = parseDDL('a TIMESTAMP, b TIMESTAMP');
    const batch = ColumnBatch.fromRows(schema, [{ a: 0, b: HOUR / 2 }, { a: 0, b: 2 * HOUR }]);
    const cond = bindExpr(parseExpr('b >= a AND b <= a + interval 1 hour'), schema, conf).evaluate(batch, { batchTimestampUs: 0 });
    expect(Array.from((cond as { values: Uint8Array }).values)).toEqual([1, 0]);
  });
});
