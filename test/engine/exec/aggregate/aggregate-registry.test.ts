import { describe, expect, it } from 'vitest';
import { makeBuilder } from '../../../../engine/batch/vector-builder';
import { aggregateFunctionFor } from '../../../../engine/exec/aggregate/aggregate-registry';
import type { AggregateCall } from '../../../../engine/plan/resolved-plan';
import { T, type DataType } from '../../../../engine/types/data-types';

function vec(type: DataType, values: unknown[]) {
  const b = makeBuilder(type);
  for (const v of values) b.append(v);
  return b.finish();
}
const call = (fn: string, dataType: DataType, options: unknown[] = []): AggregateCall =>
  ({ fn, args: [], distinct: false, options, dataType, nullable: true }) as AggregateCall;

/** Accumulates two batches into one group each time, merges, evaluates. */
function run(
  fn: string,
  type: DataType,
  batches: unknown[][],
  dataType: DataType = type,
  options: unknown[] = [],
): unknown {
  const f = aggregateFunctionFor(call(fn, dataType, options), { ansi: true });
  let state: unknown;
  for (const rows of batches) {
    const partial = f.accumulate(1, new Int32Array(rows.length), [vec(type, rows)], rows.length)(0);
    state = f.merge(state, partial);
  }
  return f.evaluate(state);
}

describe('aggregate accumulators (Spark expressions/aggregate)', () => {
  it('count(col) skips nulls; sum is NULL without non-null input', () => {
    expect(run('count', T.int, [[1, null], [3]], T.long)).toBe(2);
    expect(run('sum', T.long, [[1, null], [3]])).toBe(4);
    expect(run('sum', T.long, [[null], []])).toBeNull();
  });

  it('avg is sum/count of non-null values, NULL for none', () => {
    expect(
      run('avg', T.double, [
        [1, 2],
        [null, 6],
      ]),
    ).toBe(3);
    expect(run('avg', T.double, [[null]])).toBeNull();
  });

  it('min/max ignore nulls; NaN is the largest double (pyspark: max → nan, min → 1.0)', () => {
    expect(run('max', T.double, [[1, NaN], [null]])).toBeNaN();
    expect(run('min', T.double, [[1, NaN], [null]])).toBe(1);
    expect(
      run('min', T.string, [
        ['b', 'B'],
        ['é', 'a'],
      ]),
    ).toBe('B');
    expect(
      run('max', T.string, [
        ['b', 'B'],
        ['é', 'a'],
      ]),
    ).toBe('é');
    expect(run('max', T.boolean, [[false, true]])).toBe(true);
  });

  it('first keeps the earliest, last the latest value across batches (SPARK-22230)', () => {
    expect(run('first', T.int, [[null, 2], [3]])).toBeNull();
    expect(run('first', T.int, [[null, 2], [3]], T.int, [true])).toBe(2);
    expect(run('last', T.int, [[1, 2], [3]])).toBe(3);
  });

  it('collect_list keeps order, collect_set keeps each value once; nulls are skipped', () => {
    expect(run('collect_list', T.string, [['a', null, 'a'], ['b']])).toEqual(['a', 'a', 'b']);
    expect(
      run('collect_set', T.string, [
        ['a', null, 'a'],
        ['b', 'a'],
      ]),
    ).toEqual(['a', 'b']);
  });

  it('sample variance/stddev merge across batches; one value gives NULL', () => {
    expect(run('var_samp', T.double, [[1, 2], [3]])).toBeCloseTo(1, 12);
    expect(
      run('stddev_samp', T.double, [
        [2, 4],
        [4, 4, 5, 5, 7, 9],
      ]),
    ).toBeCloseTo(2.138089935299395, 12);
    expect(run('var_pop', T.double, [[2, 4, 4, 4, 5, 5, 7, 9]])).toBe(4);
    expect(run('var_samp', T.double, [[5]])).toBeNull();
  });

  it('a bigint sum beyond 64 bits is ARITHMETIC_OVERFLOW under ANSI', () => {
    expect(() => run('sum', T.long, [[2 ** 62], [2 ** 62]])).toThrow(
      '[ARITHMETIC_OVERFLOW] long overflow.',
    );
  });
});
