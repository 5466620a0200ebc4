/**
 * The late-data trace as the lens holds it: the engine's Arrow IPC columns (LateDataTrace in
 * engine/service/protocol.ts) decoded into typed arrays, never one object per row, so a
 * million traced rows stay a few megabytes. Incremental traces (`sinceBatch`) are appended;
 * a trigger sent again (its progress arrived later) replaces the one held.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { LateDataTrace, LateDataTriggerInfo } from '../../../engine/service/protocol';

/** Fates as the engine numbers them (engine/exec/late-data-recorder.ts). */
export const ON_TIME = 0;
export const LATE_ACCEPTED = 1;
export const DROPPED = 2;
export const NO_EVENT_TIME = 3;

export interface LensRows {
  readonly batchId: Int32Array;
  /** The row's index within its trigger (what explainLateRow takes). */
  readonly row: Int32Array;
  readonly eventTimeUs: Float64Array;
  readonly fate: Uint8Array;
  readonly windowStartUs: Float64Array;
  readonly windowEndUs: Float64Array;
}

export interface LensWindows {
  readonly batchId: Int32Array;
  readonly startUs: Float64Array;
  readonly endUs: Float64Array;
  readonly accepted: Int32Array;
  readonly dropped: Int32Array;
  readonly finalised: Uint8Array;
  readonly evicted: Uint8Array;
}

export interface LensTrace {
  readonly operatorName: string | null;
  readonly triggers: readonly LateDataTriggerInfo[];
  readonly rows: LensRows;
  readonly windows: LensWindows;
  readonly firstHeldBatch: number | null;
}

export const EMPTY_TRACE: LensTrace = {
  operatorName: null,
  triggers: [],
  rows: {
    batchId: new Int32Array(0),
    row: new Int32Array(0),
    eventTimeUs: new Float64Array(0),
    fate: new Uint8Array(0),
    windowStartUs: new Float64Array(0),
    windowEndUs: new Float64Array(0),
  },
  windows: {
    batchId: new Int32Array(0),
    startUs: new Float64Array(0),
    endUs: new Float64Array(0),
    accepted: new Int32Array(0),
    dropped: new Int32Array(0),
    finalised: new Uint8Array(0),
    evicted: new Uint8Array(0),
  },
  firstHeldBatch: null,
};

function column<T extends ArrayLike<number>>(
  table: Table,
  name: string,
  make: (n: number) => T,
): T {
  const child = table.getChild(name);
  if (child === null) return make(0);
  const out = make(table.numRows) as unknown as { set(a: ArrayLike<number>): void };
  // toArray() of a multi-chunk column concatenates; copying also detaches it from the IPC buffer.
  out.set(child.toArray() as ArrayLike<number>);
  return out as unknown as T;
}

export function decodeRows(ipc: Uint8Array): LensRows {
  const t = tableFromIPC(ipc);
  return {
    batchId: column(t, 'batchId', (n) => new Int32Array(n)),
    row: column(t, 'row', (n) => new Int32Array(n)),
    eventTimeUs: column(t, 'eventTimeUs', (n) => new Float64Array(n)),
    fate: column(t, 'fate', (n) => new Uint8Array(n)),
    windowStartUs: column(t, 'windowStartUs', (n) => new Float64Array(n)),
    windowEndUs: column(t, 'windowEndUs', (n) => new Float64Array(n)),
  };
}

export function decodeWindows(ipc: Uint8Array): LensWindows {
  const t = tableFromIPC(ipc);
  return {
    batchId: column(t, 'batchId', (n) => new Int32Array(n)),
    startUs: column(t, 'startUs', (n) => new Float64Array(n)),
    endUs: column(t, 'endUs', (n) => new Float64Array(n)),
    accepted: column(t, 'accepted', (n) => new Int32Array(n)),
    dropped: column(t, 'dropped', (n) => new Int32Array(n)),
    finalised: column(t, 'finalised', (n) => new Uint8Array(n)),
    evicted: column(t, 'evicted', (n) => new Uint8Array(n)),
  };
}

/** `held` followed by `next`, whose triggers replace any held trigger with the same batch id. */
export function mergeTrace(held: LensTrace, next: LateDataTrace): LensTrace {
  const from = next.triggers[0]?.batchId ?? Infinity;
  const keepRows = keepBefore(held.rows.batchId, from);
  const keepWindows = keepBefore(held.windows.batchId, from);
  const rows = decodeRows(next.rowsIpc);
  const windows = decodeWindows(next.windowsIpc);
  return {
    operatorName: next.operatorName ?? held.operatorName,
    triggers: [...held.triggers.filter((t) => t.batchId < from), ...next.triggers],
    rows: concatColumns(held.rows, keepRows, rows),
    windows: concatColumns(held.windows, keepWindows, windows),
    firstHeldBatch: held.firstHeldBatch ?? next.firstHeldBatch,
  };
}

/** How many leading entries have a batch id below `from` (ids ascend). */
function keepBefore(ids: Int32Array, from: number): number {
  let n = 0;
  while (n < ids.length && ids[n] < from) n++;
  return n;
}

type Columns = Record<string, Float64Array | Int32Array | Uint8Array>;

function concatColumns<T extends object>(a: T, keep: number, b: T): T {
  const out: Columns = {};
  for (const [name, left] of Object.entries(a as Columns)) {
    const right = (b as Columns)[name];
    const Ctor = left.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array;
    const joined = new Ctor(keep + right.length);
    joined.set(left.subarray(0, keep));
    joined.set(right, keep);
    out[name] = joined;
  }
  return out as T;
}

/** The trigger time of each row (every row of a trigger arrived at its trigger timestamp). */
export function arrivalOfRows(trace: LensTrace): Float64Array {
  const byBatch = new Map(trace.triggers.map((t) => [t.batchId, t.arrivalUs]));
  const out = new Float64Array(trace.rows.batchId.length);
  for (let i = 0; i < out.length; i++) out[i] = byBatch.get(trace.rows.batchId[i]) ?? NaN;
  return out;
}

/** Totals over the triggers shown: rows by fate and the engine's own dropped count. */
export function traceTotals(triggers: readonly LateDataTriggerInfo[]): {
  rows: number;
  onTime: number;
  lateAccepted: number;
  dropped: number;
  droppedByWatermark: number;
} {
  let rows = 0;
  let onTime = 0;
  let lateAccepted = 0;
  let dropped = 0;
  let droppedByWatermark = 0;
  for (const t of triggers) {
    rows += t.numRows;
    onTime += t.numOnTime;
    lateAccepted += t.numLateAccepted;
    dropped += t.numDropped;
    droppedByWatermark += t.numRowsDroppedByWatermark ?? 0;
  }
  return { rows, onTime, lateAccepted, dropped, droppedByWatermark };
}
