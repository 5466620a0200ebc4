/**
 * Where two replayed variants' answers differ. A variant's answer for a key (the grouping
 * columns of the aggregation, e.g. the window and the user) is the last row the sink got for
 * it: in append mode the final row, in update mode the latest update, in complete mode the
 * last table. Keys one variant never emitted (a window still open, or wholly dropped) count
 * as differing too. Without key columns whole rows are matched as multisets.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { DROPPED, NO_EVENT_TIME } from '../exec/late-data-recorder';
import type { TraceRows } from './late-data-ipc';
import type { ReplayDifference, ReplayDifferenceRow } from './protocol';

/** Differing rows sent at most (the count is exact). */
const MAX_ROWS = 500;

interface Answer {
  readonly values: string;
  readonly windowStartUs: number | null;
  readonly windowEndUs: number | null;
}

export function replayDifference(
  keyColumns: readonly string[],
  outputs: readonly [Outputs, Outputs],
  rows: readonly [readonly TraceRows[], readonly TraceRows[]],
): ReplayDifference {
  const a = answers(keyColumns, outputs[0]);
  const b = answers(keyColumns, outputs[1]);
  const differing: ReplayDifferenceRow[] = [];
  let numDiffering = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (x?.values === y?.values) continue;
    numDiffering++;
    if (differing.length < MAX_ROWS) {
      const w = x ?? y!;
      differing.push({
        key,
        windowStartUs: w.windowStartUs,
        windowEndUs: w.windowEndUs,
        a: x?.values ?? null,
        b: y?.values ?? null,
      });
    }
  }
  differing.sort(
    (p, q) => (p.windowStartUs ?? 0) - (q.windowStartUs ?? 0) || p.key.localeCompare(q.key),
  );
  const kept = keptOnlyBy(rows[0], rows[1]);
  return {
    keyColumns,
    numDiffering,
    rows: differing,
    numKeptOnlyByA: kept.a,
    numKeptOnlyByB: kept.b,
  };
}

export interface Outputs {
  readonly mode: 'append' | 'update' | 'complete';
  readonly batches: readonly { batchId: number; output: ColumnBatch }[];
}

function answers(keyColumns: readonly string[], outputs: Outputs): Map<string, Answer> {
  const out = new Map<string, Answer>();
  const multiplicity = new Map<string, number>();
  for (const { output } of outputs.batches) {
    if (outputs.mode === 'complete') {
      out.clear();
      multiplicity.clear();
    }
    const names = output.schema.fields.map((f) => f.name);
    const keyIndex = keyColumns.map((k) => names.indexOf(k));
    const keyed = keyIndex.length > 0 && keyIndex.every((i) => i >= 0);
    for (const row of output.toArrays()) {
      const window = windowOf(keyed ? keyIndex.map((i) => row[i]) : row);
      if (keyed) {
        const key = keyIndex.map((i) => `${names[i]}=${text(row[i])}`).join(', ');
        const values = row
          .flatMap((v, i) => (keyIndex.includes(i) ? [] : [`${names[i]}=${text(v)}`]))
          .join(', ');
        out.set(key, { values, ...window });
      } else {
        const whole = row.map((v, i) => `${names[i]}=${text(v)}`).join(', ');
        const n = (multiplicity.get(whole) ?? 0) + 1;
        multiplicity.set(whole, n);
        out.set(n === 1 ? whole : `${whole} (#${n})`, { values: 'present', ...window });
      }
    }
  }
  return out;
}

function windowOf(values: readonly unknown[]): {
  windowStartUs: number | null;
  windowEndUs: number | null;
} {
  for (const v of values) {
    if (typeof v === 'object' && v !== null && 'start' in v && 'end' in v) {
      const { start, end } = v as { start: unknown; end: unknown };
      if (typeof start === 'number' && typeof end === 'number')
        return { windowStartUs: start, windowEndUs: end };
    }
  }
  return { windowStartUs: null, windowEndUs: null };
}

/** A value as the difference table shows it: windows and timestamps (µs) as ISO instants. */
function text(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object' && 'start' in v && 'end' in v) {
    const { start, end } = v as { start: unknown; end: unknown };
    if (typeof start === 'number' && typeof end === 'number') return `[${iso(start)}, ${iso(end)})`;
  }
  if (typeof v === 'object')
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

function iso(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().replace('.000Z', 'Z');
}

/** Rows with an event time kept (not dropped) by one variant and dropped by the other. */
function keptOnlyBy(a: readonly TraceRows[], b: readonly TraceRows[]): { a: number; b: number } {
  const byBatch = new Map(b.map((t) => [t.batchId, t]));
  let onlyA = 0;
  let onlyB = 0;
  for (const x of a) {
    const y = byBatch.get(x.batchId);
    if (y === undefined || y.fate.length !== x.fate.length) continue;
    for (let i = 0; i < x.fate.length; i++) {
      if (x.fate[i] === NO_EVENT_TIME) continue;
      const keptA = x.fate[i] !== DROPPED;
      const keptB = y.fate[i] !== DROPPED;
      if (keptA && !keptB) onlyA++;
      else if (keptB && !keptA) onlyB++;
    }
  }
  return { a: onlyA, b: onlyB };
}
