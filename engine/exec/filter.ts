/**
 * Filter (`filter`/`where`): keeps the rows whose condition is TRUE — NULL counts as not
 * true (SQL three-valued logic). State: none. Cost: one boolean vector and one gather.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { BoundExpr } from '../expr/index';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator } from './operator';

export class FilterExec implements Operator {
  constructor(
    private readonly input: Operator,
    private readonly condition: BoundExpr,
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    if (batch.numRows === 0) return batch;
    const v = this.condition.evaluate(batch, ctx.evalContext);
    if (v.storage !== 'bool')
      throw new Error(`filter condition evaluated to ${v.storage}, expected bool`);
    const n = batch.numRows;
    const mask = new Uint8Array(n);
    const values = v.values;
    const validity = v.validity;
    if (validity === null) for (let i = 0; i < n; i++) mask[i] = values[i];
    else for (let i = 0; i < n; i++) mask[i] = values[i] & validity[i];
    return batch.filter(mask).withSchema(this.schema);
  }
}
