/**
 * na.drop: Spark's AtLeastNNonNulls(n, cols) — a row stays when at least `n` of the
 * chosen columns are non-null and, for float/double columns, not NaN.
 * State: none. Cost: one pass over each chosen column's validity/values.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { FloatType, DoubleType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator } from './operator';

export class NaDropExec implements Operator {
  constructor(
    private readonly input: Operator,
    private readonly columns: readonly number[],
    private readonly minNonNulls: number,
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    const n = batch.numRows;
    if (n === 0 || this.minNonNulls <= 0) return batch;
    const present = new Int32Array(n);
    for (const c of this.columns) {
      const v = batch.columns[c];
      const validity = v.validity;
      const nanAware =
        v.storage === 'float64' && (v.type instanceof DoubleType || v.type instanceof FloatType);
      if (nanAware) {
        const values = (v as { values: Float64Array }).values;
        for (let i = 0; i < n; i++)
          if ((validity === null || validity[i] === 1) && values[i] === values[i]) present[i]++;
      } else if (validity === null) {
        for (let i = 0; i < n; i++) present[i]++;
      } else {
        for (let i = 0; i < n; i++) present[i] += validity[i];
      }
    }
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = present[i] >= this.minNonNulls ? 1 : 0;
    return batch.filter(mask);
  }
}
