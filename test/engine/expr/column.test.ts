import { describe, expect, it } from 'vitest';
import { Column, literalExpr } from '../../../engine/expr/column';
import { exprName } from '../../../engine/expr/expr-sql';
import { col, lit, when } from '../../../engine/functions';
import { ANSI, SCHEMA, errorOf } from './expr-harness';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { valueAt } from '../../../engine/batch/values';
import { bindExpr } from '../../../engine/expr/index';
import { parseDDL } from '../../../engine/types/ddl';

const name = (c: Column): string => exprName(c.expr);
function run(c: Column, rows: Record<string, unknown>[]): unknown[] {
  const schema = parseDDL(SCHEMA);
  const batch = ColumnBatch.fromRows(schema, rows);
  const v = bindExpr(c.expr, schema, ANSI).evaluate(batch, { batchTimestampUs: 0 });
  return rows.map((_, i) => valueAt(v, i));
}

describe("Column: PySpark's methods build the same expressions and names", () => {
  it('arithmetic and comparison methods', () => {
    expect(name(col('x').plus(1))).toBe('(x + 1)');
    expect(name(col('x').minus(col('y')).multiply(2))).toBe('((x - y) * 2)');
    expect(name(col('x').divide(2).mod(3))).toBe('((x / 2) % 3)');
    expect(name(col('gt').eq('sit'))).toBe('(gt = sit)');
    expect(name(col('x').ne(1))).toBe('(NOT (x = 1))');
    expect(name(col('x').ge(1).and(col('x').lt(5)))).toBe('((x >= 1) AND (x < 5))');
    expect(name(col('x').eqNullSafe(null))).toBe('(x <=> NULL)');
  });
  it('predicates', () => {
    expect(name(col('gt').like('%stairs%'))).toBe('gt LIKE %stairs%');
    expect(name(col('gt').rlike('^s'))).toBe('RLIKE(gt, ^s)');
    expect(name(col('x').isNull())).toBe('(x IS NULL)');
    expect(name(col('x').isin(1, 2))).toBe('(x IN (1, 2))');
    expect(name(col('x').isin([1, 2]))).toBe('(x IN (1, 2))');
    expect(name(col('x').between(1, 5))).toBe('((x >= 1) AND (x <= 5))');
    expect(name(col('x').not())).toBe('(NOT x)');
  });
  it('alias, cast, access, sort order', () => {
    expect(col('x').alias('y').expr).toEqual({ kind: 'alias', arg: { kind: 'column', name: ['x'] }, name: 'y' });
    // Spark 4.1 names a top-level cast after its child (pyspark 4.1.4: col("s").cast("int") → "s").
    expect(name(col('x').cast('int'))).toBe('x');
    expect(name(col('x').cast('int').plus(1))).toBe('(CAST(x AS INT) + 1)');
    expect(name(col('window').getField('start'))).toBe('window.start');
    expect(name(col('s').substr(1, 3))).toBe('substr(s, 1, 3)');
    expect(col('x').desc().expr).toEqual({ kind: 'sortOrder', arg: { kind: 'column', name: ['x'] }, ascending: false, nullsFirst: false });
    expect(col('x').asc().expr).toMatchObject({ ascending: true, nullsFirst: true });
  });
  it('when/otherwise builds a CASE', () => {
    const c = when(col('x').gt(1), 'big').when(col('x').gt(0), 'small').otherwise('none');
    expect(name(c)).toBe('CASE WHEN (x > 1) THEN big WHEN (x > 0) THEN small ELSE none END');
    expect(errorOf(() => col('x').when(col('x').gt(1), 1)).message).toContain('INVALID_WHEN_USAGE');
    expect(errorOf(() => c.otherwise(1)).message).toContain('INVALID_OTHERWISE_USAGE');
  });
  it('evaluates', () => {
    expect(run(col('i').plus(1).multiply(col('j')), [{ i: 1, j: 3 }, { i: null, j: 1 }])).toEqual([6, null]);
    expect(run(col('s').contains('it'), [{ s: 'sit' }, { s: 'walk' }])).toEqual([true, false]);
    expect(run(when(col('i').gt(1), lit('big')).otherwise('small'), [{ i: 5 }, { i: 0 }])).toEqual(['big', 'small']);
  });
  it("types literals as PySpark's lit does", () => {
    expect(literalExpr(1)).toEqual({ kind: 'literal', value: 1, dataType: 'int' });
    expect(literalExpr(2 ** 40)).toEqual({ kind: 'literal', value: 2 ** 40, dataType: 'bigint' });
    expect(literalExpr(1.5)).toEqual({ kind: 'literal', value: 1.5, dataType: 'double' });
    expect(literalExpr(null)).toEqual({ kind: 'literal', value: null, dataType: 'void' });
    expect(String(col('x').plus(1))).toBe("Column<'(x + 1)'>");
  });
});
