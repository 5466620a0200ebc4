/**
 * Union (union/unionByName): the inputs' outputs for the batch, concatenated. The
 * analyzer already aligned and cast the inputs to one schema. State: none. Cost: one
 * copy of every column (string dictionaries merged).
 */
import { ColumnBatch } from '../batch/column-batch';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator } from './operator';

export class UnionExec implements Operator {
  constructor(
    private readonly inputs: readonly Operator[],
    readonly schema: StructType,
  ) {}
  execute(ctx: ExecContext): ColumnBatch {
    return ColumnBatch.concat(
      this.schema,
      this.inputs.map((i) => i.execute(ctx).withSchema(this.schema)),
    );
  }
}
