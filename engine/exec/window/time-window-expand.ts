/**
 * Window assignment for window(ts, windowDuration, slideDuration, startTime), after
 * Spark's TimeWindowing rule (ResolveTimeWindows.scala): a tumbling window is a
 * projection, a sliding one an Expand of ceil(window / slide) candidate windows per row
 * followed by a filter keeping those that contain the row. Windows are [start, end),
 * aligned to the epoch shifted by startTime; the start uses floor-mod (SPARK-39347), so
 * times before 1970 land in the right window. Rows with a NULL time fall in no window.
 *
 * Columnar: one pass over the time column writes, for the k candidate windows of each
 * row, the source row index and the window start into typed arrays; the batch is then
 * gathered once and the `window` struct column appended. No per-row objects.
 */
import { ColumnBatch } from '../../batch/column-batch';
import type { EvalContext } from '../../expr/index';
import type { TimeWindowAssignment } from '../../plan/resolved-plan';
import type { StructType } from '../../types/struct-type';
import { eventTimesOf, windowStructVector } from './window-vectors';

export interface WindowedBatch {
  /** Input rows (repeated once per window) with the window column last. */
  readonly batch: ColumnBatch;
  /** Input row of each output row. */
  readonly sourceRow: Int32Array;
  /** Event time (µs) of each output row. */
  readonly eventTime: Float64Array;
}

export function expandTimeWindows(
  batch: ColumnBatch,
  spec: TimeWindowAssignment,
  outSchema: StructType,
  ctx: EvalContext,
): WindowedBatch {
  const n = batch.numRows;
  const { values, valid } = eventTimesOf(batch, spec, ctx);
  const { windowUs, slideUs, startUs } = spec;
  const k = Math.ceil(windowUs / slideUs);
  const exact = windowUs % slideUs === 0;
  const rows = new Int32Array(n * k);
  const starts = new Float64Array(n * k);
  let m = 0;
  for (let r = 0; r < n; r++) {
    if (valid !== null && valid[r] === 0) continue;
    const ts = values[r];
    let remainder = (ts - startUs) % slideUs;
    if (remainder < 0) remainder += slideUs;
    const lastStart = ts - remainder;
    for (let i = 0; i < k; i++) {
      const start = lastStart - i * slideUs;
      if (!exact && !(start <= ts && ts < start + windowUs)) continue;
      rows[m] = r;
      starts[m] = start;
      m++;
    }
  }
  const sourceRow = m === rows.length ? rows : rows.slice(0, m);
  const windowStart = m === starts.length ? starts : starts.slice(0, m);
  const ends = new Float64Array(m);
  const eventTime = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    ends[j] = windowStart[j] + windowUs;
    eventTime[j] = values[sourceRow[j]];
  }
  const base = m === n && k === 1 ? batch : batch.take(sourceRow);
  const out = new ColumnBatch(outSchema, [...base.columns, windowStructVector(windowStart, ends)], m);
  return { batch: out, sourceRow, eventTime };
}
