import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../engine/expr/ast';
import { pyColName, pyColumn } from '../../../engine/export/python-column';
import { col, lit } from './lab-queries';

const batch = { streaming: false, notes: [] as string[] };
const py = (e: Expr): string => pyColumn(e, batch);
const x = col('x');

describe('pyColumn: Column code where PySpark names the result as Spark SQL does', () => {
  it("keeps natural literals as Python values on the right of an operator, with PySpark's types", () => {
    expect(py({ kind: 'binary', op: '>', left: x, right: lit(0.5, 'double') })).toBe(
      'F.col("x") > 0.5',
    );
    expect(py({ kind: 'binary', op: '*', left: x, right: lit(2, 'double') })).toBe(
      'F.col("x") * 2.0',
    );
    expect(py({ kind: 'binary', op: '+', left: lit(1, 'int'), right: x })).toBe(
      'F.lit(1) + F.col("x")',
    );
    // A small BIGINT literal would be an INT in Python: the SQL spelling keeps its type.
    expect(py({ kind: 'binary', op: '+', left: x, right: lit(1, 'bigint') })).toBe(
      'F.col("x") + F.expr("1L")',
    );
  });

  it("parenthesises by Python's precedence: & binds tighter than ==, chained comparisons are avoided", () => {
    const gt = (c: string): Expr => ({
      kind: 'binary',
      op: '>',
      left: col(c),
      right: lit(0, 'int'),
    });
    expect(py({ kind: 'binary', op: 'AND', left: gt('x'), right: gt('y') })).toBe(
      '(F.col("x") > 0) & (F.col("y") > 0)',
    );
    expect(
      py({
        kind: 'binary',
        op: '=',
        left: { kind: 'binary', op: '=', left: x, right: col('y') },
        right: lit(true, 'boolean'),
      }),
    ).toBe('(F.col("x") == F.col("y")) == True');
    expect(
      py({
        kind: 'binary',
        op: '-',
        left: x,
        right: { kind: 'binary', op: '-', left: col('y'), right: col('z') },
      }),
    ).toBe('F.col("x") - (F.col("y") - F.col("z"))');
    expect(py({ kind: 'unary', op: 'NOT', arg: { kind: 'isNull', arg: x, negated: false } })).toBe(
      '~F.col("x").isNull()',
    );
  });

  it('uses Column methods for LIKE, RLIKE, IN, CAST, <=>, CASE WHEN and sort orders', () => {
    expect(
      py({ kind: 'like', arg: col('gt'), pattern: lit('%stairs%', 'string'), negated: true }),
    ).toBe('~F.col("gt").like("%stairs%")');
    expect(
      py({ kind: 'rlike', arg: col('gt'), pattern: lit('^s', 'string'), negated: false }),
    ).toBe('F.col("gt").rlike("^s")');
    expect(
      py({
        kind: 'in',
        arg: col('gt'),
        list: [lit('sit', 'string'), lit('stand', 'string')],
        negated: false,
      }),
    ).toBe('F.col("gt").isin("sit", "stand")');
    expect(py({ kind: 'cast', arg: x, to: 'int' })).toBe('F.col("x").cast("int")');
    expect(py({ kind: 'binary', op: '<=>', left: x, right: lit(null, 'void') })).toBe(
      'F.col("x").eqNullSafe(F.lit(None))',
    );
    expect(
      py({
        kind: 'case',
        branches: [
          { when: { kind: 'isNull', arg: x, negated: false }, then: lit('none', 'string') },
        ],
        otherwise: x,
      }),
    ).toBe('F.when(F.col("x").isNull(), "none").otherwise(F.col("x"))');
    expect(py({ kind: 'sortOrder', arg: x, ascending: true, nullsFirst: false })).toBe(
      'F.col("x").asc_nulls_last()',
    );
    expect(py({ kind: 'sortOrder', arg: x, ascending: false, nullsFirst: false })).toBe(
      'F.col("x").desc()',
    );
  });

  it('writes BETWEEN as Column.between (the same (x >= a) AND (x <= b) tree) and falls back to F.expr where PySpark has no form', () => {
    expect(
      py({ kind: 'between', arg: x, low: lit(1, 'int'), high: lit(2, 'int'), negated: true }),
    ).toBe('~F.col("x").between(1, 2)');
    expect(
      py({ kind: 'between', arg: x, low: lit(1, 'bigint'), high: lit(2, 'int'), negated: false }),
    ).toBe('F.expr("(x BETWEEN 1L AND 2)")');
    expect(py({ kind: 'call', name: 'percentile_approx', args: [x, lit(0.5, 'double')] })).toBe(
      'F.expr("percentile_approx(x, 0.5D)")',
    );
    expect(py({ kind: 'cast', arg: x, to: 'int', try: true })).toBe('F.expr("TRY_CAST(x AS INT)")');
  });

  it("writes the lab's functions: count(1), window, avg, aliases and struct fields", () => {
    expect(py({ kind: 'call', name: 'count', args: [lit(1, 'int')] })).toBe('F.count(F.lit(1))');
    expect(py({ kind: 'call', name: 'count', args: [{ kind: 'star' }] })).toBe('F.count("*")');
    expect(
      py({
        kind: 'call',
        name: 'window',
        args: [col('Creation_Time'), lit('10 seconds', 'string'), lit('5 seconds', 'string')],
      }),
    ).toBe('F.window(F.col("Creation_Time"), "10 seconds", "5 seconds")');
    expect(
      py({ kind: 'alias', arg: { kind: 'call', name: 'avg', args: [x] }, name: 'avg_x' }),
    ).toBe('F.avg(F.col("x")).alias("avg_x")');
    expect(py({ kind: 'field', arg: col('window'), field: 'start' })).toBe('F.col("window.start")');
    expect(py({ kind: 'call', name: 'round', args: [x, lit(2, 'int')] })).toBe(
      'F.round(F.col("x"), 2)',
    );
    expect(py({ kind: 'call', name: 'round', args: [x, x] })).toBe('F.expr("round(x, x)")');
  });

  it('rewrites an exact distinct count on a stream and leaves a note for the script', () => {
    const stream = { streaming: true, notes: [] as string[] };
    expect(
      pyColumn({ kind: 'call', name: 'count', distinct: true, args: [col('User')] }, stream),
    ).toBe('F.approx_count_distinct(F.col("User")).alias("count(DISTINCT User)")');
    expect(stream.notes).toHaveLength(1);
    expect(stream.notes[0]).toMatch(/^Tidemark: exact count\(DISTINCT User\) on a stream/);
  });
});

describe('pyColName', () => {
  it('back-quotes parts containing dots so col() does not read them as struct fields', () => {
    expect(pyColName(['a.b'])).toBe('`a.b`');
    expect(pyColName(['window', 'start'])).toBe('window.start');
  });
});
