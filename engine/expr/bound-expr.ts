/**
 * The contract between the expression binder and its callers (the planner's projections,
 * filters and aggregates): a bound expression knows its Spark result type and
 * nullability, and evaluates over a whole ColumnBatch at once.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { Vector } from '../batch/vector';
import type { DataType } from '../types/data-types';

/** The session settings expressions depend on (spark.sql.caseSensitive, spark.sql.ansi.enabled, spark.sql.session.timeZone). */
export interface ExprConf {
  caseSensitive: boolean;
  ansi: boolean;
  timeZone: string;
  /** The text the expression was parsed from, so runtime errors can quote the failing fragment. */
  sourceText?: string;
}

/** Per-batch values: current_timestamp() is the batch's timestamp, the same for every row (Spark's ComputeCurrentTime). */
export interface EvalContext {
  batchTimestampUs: number;
}

export interface BoundExpr {
  readonly dataType: DataType;
  readonly nullable: boolean;
  evaluate(batch: ColumnBatch, ctx: EvalContext): Vector;
}
