/**
 * Projection: select, withColumns, withColumnsRenamed, drop, and the result step of an
 * aggregate. Pass-through columns are shared, not copied; computed ones are evaluated
 * once per batch over whole columns. State: none. Cost: one vector per computed column.
 */
import { ColumnBatch } from '../batch/column-batch';
import type { Vector } from '../batch/vector';
import type { EvalContext } from '../expr/index';
import type { ProjectItem } from '../plan/resolved-plan';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator } from './operator';

export class ProjectExec implements Operator {
  constructor(
    private readonly input: Operator,
    private readonly items: readonly ProjectItem[],
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    return projectBatch(this.input.execute(ctx), this.items, this.schema, ctx.evalContext);
  }
}

export function projectBatch(
  batch: ColumnBatch,
  items: readonly ProjectItem[],
  schema: StructType,
  evalContext: EvalContext,
): ColumnBatch {
  const columns: Vector[] = items.map((it) =>
    it.kind === 'column' ? batch.columns[it.index] : it.expr.evaluate(batch, evalContext),
  );
  return new ColumnBatch(schema, columns, batch.numRows);
}
