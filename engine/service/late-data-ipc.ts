/**
 * The late-data lens's columnar payloads as Arrow IPC stream bytes: per-row fates and the
 * per-window summary (shapes documented on LateDataTrace in protocol.ts). They travel as
 * Uint8Array, the one binary form every transport carries as it is; the renderer reads the
 * columns back as typed arrays with `tableFromIPC`, without a row object per point.
 */
import {
  Field,
  Int32,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
  makeVector,
  tableFromArrays,
  tableToIPC,
} from 'apache-arrow';
import { ColumnBatch } from '../batch/column-batch';
import type { WindowSummary } from '../exec/late-data-recorder';
import { toArrowTable } from './arrow-export';

/** The rows of one trigger, one entry per row the traced operator saw. */
export interface TraceRows {
  readonly batchId: number;
  readonly eventTimeUs: Float64Array;
  readonly fate: Uint8Array;
  /** The first window each row fell into; NaN when the operator has no window. */
  readonly windowStartUs: Float64Array;
  readonly windowEndUs: Float64Array;
}

export interface TraceWindows {
  readonly batchId: number;
  readonly windows: WindowSummary;
}

export function rowsToIPC(parts: readonly TraceRows[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.fate.length, 0);
  const batchId = new Int32Array(n);
  const row = new Int32Array(n);
  const eventTimeUs = new Float64Array(n);
  const fate = new Uint8Array(n);
  const windowStartUs = new Float64Array(n);
  const windowEndUs = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    const k = p.fate.length;
    batchId.fill(p.batchId, at, at + k);
    for (let i = 0; i < k; i++) row[at + i] = i;
    eventTimeUs.set(p.eventTimeUs, at);
    fate.set(p.fate, at);
    windowStartUs.set(p.windowStartUs, at);
    windowEndUs.set(p.windowEndUs, at);
    at += k;
  }
  return tableToIPC(
    tableFromArrays({ batchId, row, eventTimeUs, fate, windowStartUs, windowEndUs }),
    'stream',
  );
}

export function windowsToIPC(parts: readonly TraceWindows[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.windows.startUs.length, 0);
  const batchId = new Int32Array(n);
  const startUs = new Float64Array(n);
  const endUs = new Float64Array(n);
  const accepted = new Int32Array(n);
  const dropped = new Int32Array(n);
  const finalised = new Uint8Array(n);
  const evicted = new Uint8Array(n);
  let at = 0;
  for (const { batchId: id, windows: w } of parts) {
    const k = w.startUs.length;
    batchId.fill(id, at, at + k);
    startUs.set(w.startUs, at);
    endUs.set(w.endUs, at);
    accepted.set(w.accepted, at);
    dropped.set(w.dropped, at);
    finalised.set(w.finalised, at);
    evicted.set(w.evicted, at);
    at += k;
  }
  return tableToIPC(
    tableFromArrays({ batchId, startUs, endUs, accepted, dropped, finalised, evicted }),
    'stream',
  );
}

/** Rows handed to the sink, each with the trigger that emitted it as a leading `_batchId`. */
export function outputsToIPC(
  parts: readonly { batchId: number; output: ColumnBatch }[],
  empty: ColumnBatch,
): Uint8Array {
  const all = ColumnBatch.concat(
    empty.schema,
    parts.map((p) => p.output.withSchema(empty.schema)),
  );
  const ids = new Int32Array(all.numRows);
  let at = 0;
  for (const p of parts) {
    ids.fill(p.batchId, at, at + p.output.numRows);
    at += p.output.numRows;
  }
  const t = toArrowTable(all);
  const fields = [new Field('_batchId', new Int32(), false), ...t.schema.fields];
  const schema = new Schema(fields, t.schema.metadata);
  const children = [makeVector(ids).data[0], ...t.batches[0].data.children];
  const struct = makeData({
    type: new Struct(fields),
    length: all.numRows,
    nullCount: 0,
    children,
  });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, struct)]), 'stream');
}
