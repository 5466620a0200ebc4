/**
 * Session assignment for session_window(ts, gap), after Spark's SessionWindowing rule:
 * each row gets its own session [ts, ts + gap); sessions of a key are merged later
 * (SessionWindowAggregateExec). Rows with a NULL time, or whose gap (a dynamic gap given
 * as interval strings per row) is NULL or not positive, are filtered out. A dynamic gap
 * is parsed once per distinct string (dictionary entry), not per row.
 */
import { ColumnBatch } from '../../batch/column-batch';
import type { StringVector } from '../../batch/vector';
import type { EvalContext } from '../../expr/index';
import { intervalStringToUs } from '../../plan/resolve-window-duration';
import type { SessionWindowAssignment } from '../../plan/resolved-plan';
import type { StructType } from '../../types/struct-type';
import type { WindowedBatch } from './time-window-expand';
import { eventTimesOf, windowStructVector } from './window-vectors';

export function assignSessionWindows(
  batch: ColumnBatch,
  spec: SessionWindowAssignment,
  outSchema: StructType,
  ctx: EvalContext,
): WindowedBatch {
  const n = batch.numRows;
  const { values, valid } = eventTimesOf(batch, spec, ctx);
  const gaps = gapPerRow(batch, spec, ctx);
  const rows = new Int32Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let m = 0;
  for (let r = 0; r < n; r++) {
    if (valid !== null && valid[r] === 0) continue;
    const gap = gaps === null ? spec.gapUs! : gaps[r];
    if (!(gap > 0)) continue;
    rows[m] = r;
    starts[m] = values[r];
    ends[m] = values[r] + gap;
    m++;
  }
  const sourceRow = rows.slice(0, m);
  const windowStart = starts.slice(0, m);
  const base = m === n ? batch : batch.take(sourceRow);
  const out = new ColumnBatch(outSchema, [...base.columns, windowStructVector(windowStart, ends.slice(0, m))], m);
  return { batch: out, sourceRow, eventTime: windowStart };
}

/** NaN marks a NULL or unparseable gap (the row is dropped). */
function gapPerRow(batch: ColumnBatch, spec: SessionWindowAssignment, ctx: EvalContext): Float64Array | null {
  if (spec.gapExpr === undefined) return null;
  const v = spec.gapExpr.evaluate(batch, ctx) as StringVector;
  const perEntry = new Float64Array(v.dict.length);
  for (let d = 0; d < v.dict.length; d++) {
    const parsed = intervalStringToUs(v.dict[d]);
    perEntry[d] = parsed === null ? NaN : parsed.us + parsed.months * 31 * 86_400_000_000;
  }
  const out = new Float64Array(batch.numRows);
  for (let i = 0; i < batch.numRows; i++)
    out[i] = v.validity !== null && v.validity[i] === 0 ? NaN : perEntry[v.codes[i]];
  return out;
}
