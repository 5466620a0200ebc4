/**
 * The late-data trace of one query, kept for the lens: one entry per traced trigger with
 * its watermarks and fate counts, and — while the memory budget allows — its rows as typed
 * arrays (event time, fate, first window) and its per-window summary. Rows are never held as
 * objects: a million traced rows cost about 25 MB. Over budget the oldest triggers lose their
 * rows first; their summaries (and the files they read, which a replay needs) stay.
 *
 * The trace comes from StreamingQuery.addLateDataListener; the engine's own counts
 * (numRowsDroppedByWatermark, state rows, the files read) come from the trigger's progress,
 * which Spark's listener bus posts right after (MicroBatchExecution: the trace is emitted
 * before finishTrigger), so they are merged into the entry already recorded.
 */
import {
  DROPPED,
  LATE_ACCEPTED,
  ON_TIME,
  type OperatorLateData,
  type WindowSummary,
} from '../exec/late-data-recorder';
import type { LateDataEvent } from '../stream/late-data-trace';
import { rowsToIPC, windowsToIPC, type TraceRows } from './late-data-ipc';
import type { LateDataTrace, LateDataTriggerInfo, ProgressJSON } from './protocol';

export interface LateDataHistoryLimits {
  /** Bytes of row and window columns held; the oldest triggers' rows go first. */
  readonly maxBytes: number;
  /** Trigger summaries kept (each is small: watermarks, counts, file names). */
  readonly maxTriggers: number;
}

export const DEFAULT_LATE_DATA_LIMITS: LateDataHistoryLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxTriggers: 100_000,
};

type MutableInfo = { -readonly [K in keyof LateDataTriggerInfo]: LateDataTriggerInfo[K] };

interface Entry {
  readonly info: MutableInfo;
  rows: TraceRows | null;
  windows: WindowSummary | null;
  bytes: number;
}

export class LateDataHistory {
  private readonly entries: Entry[] = [];
  private heldBytes = 0;
  private evictedTriggers = 0;
  private operator: string | null = null;

  constructor(private readonly limits: LateDataHistoryLimits = DEFAULT_LATE_DATA_LIMITS) {}

  /** Records one trigger's trace (the first stateful operator with an event time). */
  record(event: LateDataEvent): LateDataTriggerInfo {
    const op = event.operators[0];
    if (op !== undefined) this.operator ??= op.operatorName;
    const rows = op === undefined ? emptyRows(event.batchId) : traceRows(event.batchId, op);
    const counts = fateCounts(rows.fate);
    const info: MutableInfo = {
      batchId: event.batchId,
      arrivalUs: event.arrivalUs,
      watermarkBeforeUs: event.watermarkBeforeUs,
      lateEventsWatermarkUs: event.lateEventsWatermarkUs,
      watermarkAfterUs: event.watermarkAfterUs,
      numRows: rows.fate.length,
      ...counts,
      numRowsDroppedByWatermark: null,
      numStateRows: null,
      numOutputRows: null,
      files: [],
    };
    const windows = op?.windows ?? null;
    // A re-run batch (restart) replaces the entry of the same id.
    const existing = this.entries.findIndex((e) => e.info.batchId === event.batchId);
    if (existing >= 0) this.drop(existing);
    const entry: Entry = { info, rows, windows, bytes: rowBytes(rows) + windowBytes(windows) };
    this.entries.push(entry);
    this.heldBytes += entry.bytes;
    this.evict();
    return info;
  }

  /** Merges the engine's counts and files from the trigger's progress (idle progress is ignored). */
  recordProgress(progress: ProgressJSON): void {
    const entry = this.find(progress.batchId);
    if (entry === undefined) return;
    const ops = progress.stateOperators;
    entry.info.numRowsDroppedByWatermark = ops.reduce((s, o) => s + o.numRowsDroppedByWatermark, 0);
    entry.info.numStateRows = ops.reduce((s, o) => s + o.numRowsTotal, 0);
    entry.info.numOutputRows = progress.sink.numOutputRows;
    entry.info.files = progress.tidemark?.files ?? [];
  }

  /** The traced triggers, oldest first (every one still summarised). */
  triggers(): readonly LateDataTriggerInfo[] {
    return this.entries.map((e) => e.info);
  }

  /** One trigger's rows, if still held. */
  rowsOf(batchId: number): TraceRows | null {
    return this.find(batchId)?.rows ?? null;
  }

  info(batchId: number): LateDataTriggerInfo | undefined {
    return this.find(batchId)?.info;
  }

  trace(queryId: string, sinceBatch = 0, watermarkDelay: string | null = null): LateDataTrace {
    const shown = this.entries.filter((e) => e.info.batchId >= sinceBatch);
    const held = this.entries.find((e) => e.rows !== null);
    return {
      queryId,
      operatorName: this.operator,
      watermarkDelay,
      triggers: shown.map((e) => ({ ...e.info })),
      rowsIpc: rowsToIPC(shown.flatMap((e) => (e.rows === null ? [] : [e.rows]))),
      windowsIpc: windowsToIPC(
        shown.flatMap((e) =>
          e.windows === null ? [] : [{ batchId: e.info.batchId, windows: e.windows }],
        ),
      ),
      firstHeldBatch: held?.info.batchId ?? null,
      numEvictedTriggers: this.evictedTriggers,
    };
  }

  private find(batchId: number): Entry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--)
      if (this.entries[i].info.batchId === batchId) return this.entries[i];
    return undefined;
  }

  private drop(index: number): void {
    this.heldBytes -= this.entries[index].bytes;
    this.entries.splice(index, 1);
  }

  /** Oldest first: rows and windows over the byte budget, whole summaries over the trigger cap. */
  private evict(): void {
    for (const e of this.entries) {
      if (this.heldBytes <= this.limits.maxBytes) break;
      if (e.rows === null) continue;
      this.heldBytes -= e.bytes;
      e.rows = null;
      e.windows = null;
      e.bytes = 0;
      this.evictedTriggers++;
    }
    while (this.entries.length > this.limits.maxTriggers) this.drop(0);
  }
}

function emptyRows(batchId: number): TraceRows {
  const none = new Float64Array(0);
  return {
    batchId,
    eventTimeUs: none,
    fate: new Uint8Array(0),
    windowStartUs: none,
    windowEndUs: none,
  };
}

/** The operator's rows with the first window each fell into (windowRow lists memberships in row order). */
export function traceRows(batchId: number, op: OperatorLateData): TraceRows {
  const n = op.status.length;
  const windowStartUs = new Float64Array(n).fill(NaN);
  const windowEndUs = new Float64Array(n).fill(NaN);
  for (let j = op.windowRow.length - 1; j >= 0; j--) {
    const r = op.windowRow[j];
    windowStartUs[r] = op.windowStartUs[j];
    windowEndUs[r] = op.windowEndUs[j];
  }
  return { batchId, eventTimeUs: op.eventTimeUs, fate: op.status, windowStartUs, windowEndUs };
}

export function fateCounts(fate: Uint8Array): {
  numOnTime: number;
  numLateAccepted: number;
  numDropped: number;
} {
  let numOnTime = 0;
  let numLateAccepted = 0;
  let numDropped = 0;
  for (let i = 0; i < fate.length; i++) {
    if (fate[i] === ON_TIME) numOnTime++;
    else if (fate[i] === LATE_ACCEPTED) numLateAccepted++;
    else if (fate[i] === DROPPED) numDropped++;
  }
  return { numOnTime, numLateAccepted, numDropped };
}

function rowBytes(r: TraceRows): number {
  return r.fate.length * 25;
}

function windowBytes(w: WindowSummary | null): number {
  return w === null ? 0 : w.startUs.length * 26;
}
