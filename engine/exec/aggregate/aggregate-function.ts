/**
 * The contract every aggregate implements, in two phases as Spark's partial/final
 * aggregation: `accumulate` folds one batch's rows into per-group buffers with loops
 * over typed arrays (rows whose group id is -1 are skipped: duplicates of a DISTINCT
 * aggregate), `merge` combines a group's buffer from this batch with the one kept in
 * the state store, and `evaluate` turns a buffer into the result value. Buffers are
 * JSON-safe so state can be checkpointed.
 */
import type { Vector } from '../../batch/vector';

export interface AggregateFunction<B = unknown> {
  /** Accumulates a batch; returns the buffer of each group id. */
  accumulate(
    numGroups: number,
    gids: Int32Array,
    args: readonly Vector[],
    numRows: number,
  ): (group: number) => B;
  merge(stored: B | undefined, partial: B): B;
  /** The result in row form (as valueAt returns values); null for SQL NULL. */
  evaluate(buffer: B): unknown;
}

export interface AggregateConf {
  readonly ansi: boolean;
}

/** True when row i of `v` is non-null. */
export function isValid(v: Vector, i: number): boolean {
  return v.validity === null || v.validity[i] === 1;
}

/** The typed values of a numeric vector (int32 or float64 storage; bool as 0/1). */
export function numericValues(v: Vector): Int32Array | Float64Array | Uint8Array {
  if (v.storage === 'int32' || v.storage === 'float64' || v.storage === 'bool') return v.values;
  throw new Error(`numeric aggregate over ${v.storage} storage`);
}
