/**
 * Which rows of a result table are new since the previous trigger: the rows the UI
 * highlights. A row counts as changed when no identical row (every column equal) was in the
 * previous table — compared as multisets, so of two identical rows where one existed before,
 * one is changed. For a complete-mode aggregation that is exactly the groups whose
 * aggregates moved plus the new groups, which is what Spark's Update mode would have
 * emitted (InternalOutputModes.Update: "rows that were updated since the last trigger").
 *
 * Row keys are built per row; result tables shown in the UI are small (an aggregation's
 * groups), and the operator is run once per trigger off the query's hot path.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import type { Vector } from '../batch/vector';

/** Indices (ascending) of rows in `current` that have no identical row left in `previous`. */
export function changedRows(current: ColumnBatch, previous: ColumnBatch | null): number[] {
  const all = (): number[] => Array.from({ length: current.numRows }, (_, i) => i);
  if (previous === null || previous.schema.simpleString() !== current.schema.simpleString())
    return all();
  const before = new Map<string, number>();
  for (let r = 0; r < previous.numRows; r++) {
    const key = rowKey(previous.columns, r);
    before.set(key, (before.get(key) ?? 0) + 1);
  }
  const out: number[] = [];
  for (let r = 0; r < current.numRows; r++) {
    const key = rowKey(current.columns, r);
    const left = before.get(key) ?? 0;
    if (left > 0) before.set(key, left - 1);
    else out.push(r);
  }
  return out;
}

/** A string equal for two rows exactly when all their values are equal (NULL equals NULL here). */
function rowKey(columns: readonly Vector[], r: number): string {
  let key = '';
  for (let c = 0; c < columns.length; c++) key += valueKey(valueAt(columns[c], r)) + '\u001f';
  return key;
}

function valueKey(v: unknown): string {
  if (v === null || v === undefined) return '\u2400';
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'number') return 'n' + (Object.is(v, -0) ? '0' : String(v));
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'bigint') return 'n' + v.toString();
  return (
    'j' +
    JSON.stringify(v, (_k, x: unknown) =>
      x instanceof Map ? [...x] : x instanceof Uint8Array ? [...x] : x,
    )
  );
}
