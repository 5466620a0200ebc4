/**
 * Turns aggregated groups (key values + aggregate buffers) into the aggregate's output:
 * the buffer row (keys, then each aggregate's result) projected through the result
 * expressions (`sum(x) + 1`, aliases), as Spark's final HashAggregate + resultExpressions.
 * Cost: one append per group and column; only groups being emitted are touched.
 */
import { ColumnBatch } from '../../batch/column-batch';
import { makeBuilder } from '../../batch/vector-builder';
import type { EvalContext } from '../../expr/index';
import type { ProjectItem } from '../../plan/resolved-plan';
import type { StructType } from '../../types/struct-type';
import { projectBatch } from '../project';
import type { AggregateFunction } from './aggregate-function';

export interface GroupState {
  readonly key: readonly unknown[];
  readonly buffers: readonly unknown[];
}

export function groupsToBatch(
  groups: readonly GroupState[],
  functions: readonly AggregateFunction[],
  bufferSchema: StructType,
  results: readonly ProjectItem[],
  schema: StructType,
  ctx: EvalContext,
): ColumnBatch {
  const fields = bufferSchema.fields;
  const builders = fields.map((f) => makeBuilder(f.dataType));
  const numKeys = fields.length - functions.length;
  for (const r of groups) {
    for (let k = 0; k < numKeys; k++) builders[k].append(r.key[k]);
    for (let j = 0; j < functions.length; j++)
      builders[numKeys + j].append(functions[j].evaluate(r.buffers[j]));
  }
  const buffer = new ColumnBatch(
    bufferSchema,
    builders.map((b) => b.finish()),
    groups.length,
  );
  return projectBatch(buffer, results, schema, ctx);
}
