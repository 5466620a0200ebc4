/**
 * Vectors shared by window assignment: the event time of each row in µs (a timestamp
 * column, or window_time of an earlier window = its end − 1 µs, as Spark's WindowTime),
 * and the `window` struct column built from start/end arrays.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import type { Float64Vector, StructVector, Vector } from '../../batch/vector';
import type { EvalContext } from '../../expr/index';
import { WINDOW_STRUCT } from '../../plan/resolve-time-window';
import type { WindowTimeSource } from '../../plan/resolved-plan';
import { T } from '../../types/data-types';

export interface EventTimes {
  readonly values: Float64Array;
  /** 1 where the row has an event time (Spark filters the others out: IsNotNull). */
  readonly valid: Uint8Array | null;
}

export function eventTimesOf(batch: ColumnBatch, source: WindowTimeSource, ctx: EvalContext): EventTimes {
  const v = source.timeColumn.evaluate(batch, ctx);
  if (!source.fromWindowEnd) {
    const f = v as Float64Vector;
    return { values: f.values, valid: f.validity };
  }
  const s = v as StructVector;
  const end = s.children[1] as Float64Vector;
  const n = batch.numRows;
  const values = new Float64Array(n);
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) values[i] = end.values[i] - 1;
  if (s.validity !== null || end.validity !== null) {
    valid = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      valid[i] = (s.validity === null ? 1 : s.validity[i]) & (end.validity === null ? 1 : end.validity[i]);
  }
  return { values, valid };
}

/** struct<start: timestamp, end: timestamp> from start and end µs (never null). */
export function windowStructVector(starts: Float64Array, ends: Float64Array): StructVector {
  const length = starts.length;
  const child = (values: Float64Array): Vector => ({ storage: 'float64', type: T.timestamp, length, validity: null, values });
  return { storage: 'struct', type: WINDOW_STRUCT, length, validity: null, children: [child(starts), child(ends)] };
}

/** The `end` of each row of a window struct vector. */
export function windowEnds(v: Vector): Float64Array {
  return ((v as StructVector).children[1] as Float64Vector).values;
}
export function windowStarts(v: Vector): Float64Array {
  return ((v as StructVector).children[0] as Float64Vector).values;
}
