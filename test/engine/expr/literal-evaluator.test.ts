/**
 * A literal's column is made once, for the largest batch so far, and smaller batches get views
 * of its first rows: every batch must still read the literal in exactly its own rows.
 */
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { valueAt } from '../../../engine/batch/values';
import { literalEvaluator } from '../../../engine/expr/evaluator';
import { ArrayType, T } from '../../../engine/types/data-types';
import { StructType } from '../../../engine/types/struct-type';

const rows = (n: number): ColumnBatch => new ColumnBatch(new StructType([]), [], n);
const ctx = { batchTimestampUs: 0 };
const read = (e: ReturnType<typeof literalEvaluator>, n: number): unknown[] => {
  const v = e.evaluate(rows(n), ctx);
  expect(v.length).toBe(n);
  return Array.from({ length: n }, (_, i) => valueAt(v, i));
};

describe('literalEvaluator', () => {
  it('gives each batch the literal in exactly its rows, larger and smaller batches alike', () => {
    for (const [value, type] of [
      [1, T.int],
      [2.5, T.double],
      [true, T.boolean],
      ['x', T.string],
    ] as const) {
      const e = literalEvaluator(value, type);
      for (const n of [4, 2, 0, 7, 3, 7]) expect(read(e, n)).toEqual(new Array(n).fill(value));
    }
  });

  it('shares the column between batches of any size up to the largest', () => {
    const e = literalEvaluator(1, T.int);
    const big = e.evaluate(rows(8), ctx) as { values: Int32Array };
    const small = e.evaluate(rows(3), ctx) as { values: Int32Array };
    expect(small.values.buffer).toBe(big.values.buffer);
    expect(e.evaluate(rows(8), ctx)).toBe(big);
  });

  it('reads NULL literals and nested ones in every row too (those are made per batch)', () => {
    expect(read(literalEvaluator(null, T.string), 3)).toEqual([null, null, null]);
    const arrays = literalEvaluator([1, 2], new ArrayType(T.int, false));
    for (const n of [3, 1, 4]) expect(read(arrays, n)).toEqual(new Array(n).fill([1, 2]));
  });
});
