import { describe, expect, it } from 'vitest';
import { exprName } from '../../engine/expr/expr-sql';
import * as F from '../../engine/functions';
import type { Column } from '../../engine/expr/column';

const name = (c: Column): string => exprName(c.expr);

describe("functions: PySpark's pyspark.sql.functions names and generated column names", () => {
  it('col parses dotted names, back-quotes and stars', () => {
    expect(F.col('window.start').expr).toEqual({ kind: 'column', name: ['window', 'start'] });
    expect(F.col('`a.b`').expr).toEqual({ kind: 'column', name: ['a.b'] });
    expect(F.col('*').expr).toEqual({ kind: 'star' });
    expect(F.col('s.*').expr).toEqual({ kind: 'star', qualifier: 's' });
  });
  it('aggregates', () => {
    expect(name(F.count('*'))).toBe('count(1)');
    expect(name(F.count('gt'))).toBe('count(gt)');
    expect(name(F.avg('x'))).toBe('avg(x)');
    expect(name(F.countDistinct('gt'))).toBe('count(DISTINCT gt)');
    expect(name(F.sum(F.col('x')))).toBe('sum(x)');
    expect(name(F.first('x'))).toBe('first(x)');
    expect(name(F.first('x', true))).toBe('first(x)');
  });
  it('window and session_window', () => {
    expect(F.window('ts', '10 minutes', '5 minutes').expr).toEqual({
      kind: 'call',
      name: 'window',
      args: [{ kind: 'column', name: ['ts'] }, { kind: 'literal', value: '10 minutes', dataType: 'string' }, { kind: 'literal', value: '5 minutes', dataType: 'string' }],
    });
    expect(name(F.window('ts', '10 minutes'))).toBe('window');
    expect(name(F.session_window('ts', '5 seconds'))).toBe('session_window');
  });
  it('scalar functions', () => {
    expect(name(F.upper('gt'))).toBe('upper(gt)');
    expect(name(F.round('x'))).toBe('round(x, 0)');
    expect(name(F.split('s', ','))).toBe('split(s, ,, -1)');
    expect(name(F.concat_ws('-', 'a', 'b'))).toBe('concat_ws(-, a, b)');
    expect(name(F.regexp_replace('s', '\\d', 'x'))).toBe('regexp_replace(s, \\d, x)');
    expect(name(F.ceil('x'))).toBe('CEIL(x)');
    expect(name(F.pow('x', 2))).toBe('POWER(x, 2)');
    expect(name(F.log('x'))).toBe('ln(x)');
    expect(name(F.to_timestamp('s', 'yyyy-MM-dd'))).toBe('to_timestamp(s, yyyy-MM-dd)');
    expect(name(F.from_unixtime('t'))).toBe('from_unixtime(t, yyyy-MM-dd HH:mm:ss)');
    expect(name(F.current_timestamp())).toBe('current_timestamp()');
    expect(name(F.coalesce('a', F.lit(0)))).toBe('coalesce(a, 0)');
    expect(name(F.not_(F.col('a')))).toBe('(NOT a)');
    expect(name(F.expr('x + 1'))).toBe('(x + 1)');
    expect(name(F.lit('x'))).toBe('x');
  });
  it('when builds CASE', () => {
    expect(name(F.when(F.col('x').gt(1), 1).otherwise(0))).toBe('CASE WHEN (x > 1) THEN 1 ELSE 0 END');
  });
});
