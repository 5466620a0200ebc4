/**
 * What a stateful operator records for the late-data trace (stream/late-data-trace.ts)
 * when someone listens: per input row its event time and fate, per window membership the
 * window and whether that partial row was dropped, and per window a summary. Operators
 * hold a recorder only while tracing is on, so an untraced query pays nothing.
 *
 * Row fate: DROPPED when every window the row fell into was at or below the watermark for
 * late events (WatermarkSupport's inclusive test), LATE_ACCEPTED when it was kept but is
 * older than the largest event time this operator had seen before the trigger, ON_TIME
 * otherwise; NO_EVENT_TIME for a NULL time (Spark's window assignment filters it out).
 */
export const ON_TIME = 0;
export const LATE_ACCEPTED = 1;
export const DROPPED = 2;
export const NO_EVENT_TIME = 3;

export interface WindowSummary {
  readonly startUs: Float64Array;
  readonly endUs: Float64Array;
  /** Input rows merged into this window this trigger. */
  readonly accepted: Int32Array;
  /** Input rows dropped for this window this trigger. */
  readonly dropped: Int32Array;
  /** 1 when the window's rows were emitted as final this trigger (append mode). */
  readonly finalised: Uint8Array;
  /** 1 when the window's state was removed this trigger. */
  readonly evicted: Uint8Array;
}

export interface OperatorLateData {
  readonly operatorName: string;
  /** Per input row of the operator. */
  readonly eventTimeUs: Float64Array;
  readonly status: Uint8Array;
  /** Per window membership (a row in k sliding windows has k entries). */
  readonly windowRow: Int32Array;
  readonly windowStartUs: Float64Array;
  readonly windowEndUs: Float64Array;
  readonly windowDropped: Uint8Array;
  readonly windows: WindowSummary;
}

/** Accumulates the per-window summary of one trigger. */
export class WindowSummaryBuilder {
  private readonly byWindow = new Map<number, Map<number, number>>();
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly accepted: number[] = [];
  private readonly dropped: number[] = [];
  private readonly finalised: number[] = [];
  private readonly evicted: number[] = [];

  private slot(start: number, end: number): number {
    let inner = this.byWindow.get(start);
    if (inner === undefined) this.byWindow.set(start, (inner = new Map()));
    let s = inner.get(end);
    if (s === undefined) {
      s = this.starts.length;
      inner.set(end, s);
      this.starts.push(start);
      this.ends.push(end);
      this.accepted.push(0);
      this.dropped.push(0);
      this.finalised.push(0);
      this.evicted.push(0);
    }
    return s;
  }

  addRow(start: number, end: number, wasDropped: boolean): void {
    const s = this.slot(start, end);
    if (wasDropped) this.dropped[s]++;
    else this.accepted[s]++;
  }

  markRemoved(start: number, end: number, emitted: boolean): void {
    const s = this.slot(start, end);
    this.evicted[s] = 1;
    if (emitted) this.finalised[s] = 1;
  }

  build(): WindowSummary {
    return {
      startUs: Float64Array.from(this.starts),
      endUs: Float64Array.from(this.ends),
      accepted: Int32Array.from(this.accepted),
      dropped: Int32Array.from(this.dropped),
      finalised: Uint8Array.from(this.finalised),
      evicted: Uint8Array.from(this.evicted),
    };
  }
}

/** Per-operator tracing state: the largest event time seen before the current trigger. */
export class LateDataRecorder {
  maxEventTimeUs = -Infinity;
  last: OperatorLateData | null = null;

  /** The last batch's trace, handed out once (the operator's `lateData()`). */
  take(): OperatorLateData | null {
    const last = this.last;
    this.last = null;
    return last;
  }

  /** Row fates from per-membership drops; also advances maxEventTimeUs. */
  rowStatus(
    eventTimeUs: Float64Array,
    windowRow: Int32Array,
    windowDropped: Uint8Array,
  ): Uint8Array {
    const n = eventTimeUs.length;
    const status = new Uint8Array(n).fill(NO_EVENT_TIME);
    const kept = new Uint8Array(n);
    for (let j = 0; j < windowRow.length; j++) {
      const r = windowRow[j];
      status[r] = DROPPED;
      if (windowDropped[j] === 0) kept[r] = 1;
    }
    let max = this.maxEventTimeUs;
    for (let r = 0; r < n; r++) {
      if (status[r] === NO_EVENT_TIME) continue;
      if (kept[r] === 1) status[r] = eventTimeUs[r] < this.maxEventTimeUs ? LATE_ACCEPTED : ON_TIME;
      if (eventTimeUs[r] > max) max = eventTimeUs[r];
    }
    this.maxEventTimeUs = max;
    return status;
  }
}

/**
 * StateStoreSaveExec.shouldRunAnotherBatch (and the session-window variant): in append or
 * update mode a stream runs a no-data batch once the watermark has moved past the one the
 * last eviction used, so state that became final is emitted without waiting for new rows.
 */
export function watermarkPassedLastEviction(
  streaming: boolean,
  mode: 'append' | 'update' | 'complete',
  lastEvictionWatermarkUs: number | undefined,
  nextWatermarkUs: number,
): boolean {
  return (
    streaming &&
    (mode === 'append' || mode === 'update') &&
    lastEvictionWatermarkUs !== undefined &&
    nextWatermarkUs > lastEvictionWatermarkUs
  );
}
