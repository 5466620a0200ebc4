/**
 * Sort (orderBy/sort): a stable sort of row indices by the order keys, then one gather.
 * Spark's order: ASC puts NULLs first, DESC last unless the SortOrder says otherwise; NaN
 * sorts above every number; strings by code point (a rank of the dictionary is computed
 * once, rows then compare integers). State: none (streaming sorts run after a complete-mode
 * aggregate on its whole output). Cost: O(n log n) comparisons.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import type { Vector } from '../batch/vector';
import type { SortKey } from '../plan/resolved-plan';
import type { StructType } from '../types/struct-type';
import { compareNumbers, compareValues, dictionaryRanks } from './compare-values';
import type { ExecContext, Operator } from './operator';

type RowCompare = (i: number, j: number) => number;

export class SortExec implements Operator {
  constructor(
    private readonly input: Operator,
    private readonly orders: readonly SortKey[],
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    const n = batch.numRows;
    if (n <= 1) return batch;
    const comparators = this.orders.map((o) =>
      keyComparator(o.expr.evaluate(batch, ctx.evalContext), o.ascending, o.nullsFirst),
    );
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => {
      for (const c of comparators) {
        const r = c(a, b);
        if (r !== 0) return r;
      }
      return 0;
    });
    return batch.take(Int32Array.from(idx));
  }
}

export function keyComparator(v: Vector, ascending: boolean, nullsFirst: boolean): RowCompare {
  const validity = v.validity;
  const sign = ascending ? 1 : -1;
  const nullOrder = nullsFirst ? -1 : 1;
  let values: RowCompare;
  if (v.storage === 'int32' || v.storage === 'float64' || v.storage === 'bool') {
    const x = v.values;
    values = (i, j) => compareNumbers(x[i], x[j]);
  } else if (v.storage === 'string') {
    const rank = dictionaryRanks(v.dict);
    const codes = v.codes;
    values = (i, j) => rank[codes[i]] - rank[codes[j]];
  } else {
    values = (i, j) => compareValues(valueAt(v, i), valueAt(v, j));
  }
  if (validity === null) return (i, j) => sign * values(i, j);
  return (i, j) => {
    const a = validity[i];
    const b = validity[j];
    if (a === 0 || b === 0) return a === b ? 0 : a === 0 ? nullOrder : -nullOrder;
    return sign * values(i, j);
  };
}
