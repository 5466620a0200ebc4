/**
 * Runs one variant of a watermark replay: the variant's plan, compiled afresh (its own
 * in-memory state, no checkpoint), fed trigger by trigger with exactly the files each
 * trigger of the original run read. Between batches it does what MicroBatchExecution does
 * around runBatch: batch N runs with the watermark computed at the end of batch N−1
 * (WatermarkTracker), drops late rows against batch N−1's batchWatermarkMs (Spark 3.4+
 * WatermarkPropagator), stamps current_timestamp() with the original trigger time, and hands
 * the output to a MemorySink. A trigger that read no files runs as Spark's no-data batch.
 *
 * Why not a StreamExecution with a replay source: its trigger loop decides on its own when
 * to run no-data batches, so boundaries could drift from the original run's; driving the
 * PhysicalPlan keeps them identical by construction, and skips the offsets/commits logs.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { compilePlan } from '../exec/compile';
import {
  DROPPED,
  LATE_ACCEPTED,
  NO_EVENT_TIME,
  ON_TIME,
  type WindowSummary,
} from '../exec/late-data-recorder';
import { MemorySink } from '../io/sinks/memory-sink';
import type { AnalysisSession } from '../plan/analyzer';
import type { LogicalPlan } from '../plan/logical-plan';
import { WatermarkTracker, parseWatermarkPolicy } from '../stream/watermark-tracker';
import { traceRows } from './late-data-history';
import type { TraceRows, TraceWindows } from './late-data-ipc';
import type { ReplayTriggerStats } from './protocol';
import type { RecordedTrigger, ReplayInputCache } from './replay-inputs';
import { replayedSource, type PlanVariant } from './replay-plan-variant';

/** A trigger of the original run: its files and its trigger time (µs). */
export interface ReplayedTrigger extends RecordedTrigger {
  readonly arrivalUs: number;
}

export interface VariantRun {
  readonly triggers: ReplayTriggerStats[];
  /** Per trigger; null for a variant without a watermark (no operator traces event time). */
  readonly rows: (TraceRows | null)[];
  readonly windows: TraceWindows[];
  readonly outputs: { batchId: number; output: ColumnBatch }[];
  readonly result: ColumnBatch;
  readonly emptyOutput: ColumnBatch;
}

export class ReplaySupersededException extends Error {
  constructor() {
    super('This replay was cancelled: a newer replay of the same query started.');
    this.name = 'ReplaySupersededException';
  }
}

export async function runVariant(
  session: AnalysisSession,
  variant: PlanVariant,
  triggers: readonly ReplayedTrigger[],
  inputs: ReplayInputCache,
  isCancelled: () => boolean,
): Promise<VariantRun> {
  const plan = compilePlan(variant.plan, session);
  plan.setLateDataTracing?.(true);
  const sourceId = replayedSource(variant.plan as LogicalPlan).id;
  const watermark = new WatermarkTracker(
    parseWatermarkPolicy(
      session.conf.get('spark.sql.streaming.multipleWatermarkPolicy', 'min') ?? undefined,
    ),
  );
  const sink = new MemorySink(plan.outputSchema);
  const run: VariantRun = {
    triggers: [],
    rows: [],
    windows: [],
    outputs: [],
    result: sink.snapshot(),
    emptyOutput: sink.snapshot(),
  };
  let previousBatchWatermarkMs = 0;
  let resultRows = 0;
  for (const trigger of triggers) {
    const input = await inputs.input(trigger);
    if (isCancelled()) throw new ReplaySupersededException();
    const batchWatermarkMs = watermark.currentWatermarkMs;
    const noData = trigger.files.length === 0;
    const result = plan.runBatch(noData ? new Map() : new Map([[sourceId, input.batch]]), {
      batchId: trigger.batchId,
      watermarkUs: batchWatermarkMs * 1000,
      lateEventsWatermarkUs: previousBatchWatermarkMs * 1000,
      batchTimestampUs: trigger.arrivalUs,
      outputMode: variant.outputMode,
      noData,
    });
    previousBatchWatermarkMs = batchWatermarkMs;
    watermark.updateWatermark(result.eventTime);
    await sink.addBatch(trigger.batchId, result.output, variant.outputMode);
    resultRows =
      variant.outputMode === 'complete'
        ? result.output.numRows
        : resultRows + result.output.numRows;
    const traced = result.lateData?.[0];
    const rows =
      traced === undefined || !plan.hasWatermark ? null : traceRows(trigger.batchId, traced);
    run.rows.push(rows);
    if (traced !== undefined && plan.hasWatermark)
      run.windows.push({ batchId: trigger.batchId, windows: traced.windows });
    if (result.output.numRows > 0)
      run.outputs.push({ batchId: trigger.batchId, output: result.output });
    run.triggers.push({
      batchId: trigger.batchId,
      numInputRows: input.batch.numRows,
      numStateRows: result.stateOperators.reduce((s, o) => s + o.numRowsTotal, 0),
      numRowsDroppedByWatermark: result.stateOperators.reduce(
        (s, o) => s + o.numRowsDroppedByWatermark,
        0,
      ),
      numDroppedRows: rows === null ? 0 : countFate(rows.fate, DROPPED),
      numOutputRows: result.output.numRows,
      numResultRows: resultRows,
      watermarkBeforeUs: batchWatermarkMs * 1000,
      watermarkAfterUs: watermark.currentWatermarkMs * 1000,
    });
    // Yield between triggers: a newer replay request (the slider moved) gets to cancel this one.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ...run, result: sink.snapshot() };
}

/**
 * Fates and windows for a variant without a watermark, from a watermarked variant's trace of
 * the same rows: nothing is dropped, a row older than the largest event time seen before its
 * trigger is late but accepted (LateDataRecorder's rule), and no window is ever finalised or
 * evicted. Windows are counted on each row's first window.
 */
export function unwatermarkedTrace(traced: readonly (TraceRows | null)[]): {
  rows: TraceRows[];
  windows: TraceWindows[];
} {
  let maxBefore = -Infinity;
  const rows: TraceRows[] = [];
  const windows: TraceWindows[] = [];
  for (const t of traced) {
    if (t === null) continue;
    const fate = new Uint8Array(t.fate.length);
    let max = maxBefore;
    const counts = new Map<string, { start: number; end: number; n: number }>();
    for (let i = 0; i < fate.length; i++) {
      const time = t.eventTimeUs[i];
      if (t.fate[i] === NO_EVENT_TIME || time !== time) {
        fate[i] = NO_EVENT_TIME;
        continue;
      }
      fate[i] = time < maxBefore ? LATE_ACCEPTED : ON_TIME;
      if (time > max) max = time;
      const start = t.windowStartUs[i];
      if (start === start) {
        const key = `${start}/${t.windowEndUs[i]}`;
        const c = counts.get(key) ?? { start, end: t.windowEndUs[i], n: 0 };
        c.n++;
        counts.set(key, c);
      }
    }
    maxBefore = max;
    rows.push({ ...t, fate });
    windows.push({ batchId: t.batchId, windows: summaryOf([...counts.values()]) });
  }
  return { rows, windows };
}

function summaryOf(counts: readonly { start: number; end: number; n: number }[]): WindowSummary {
  const k = counts.length;
  return {
    startUs: Float64Array.from(counts, (c) => c.start),
    endUs: Float64Array.from(counts, (c) => c.end),
    accepted: Int32Array.from(counts, (c) => c.n),
    dropped: new Int32Array(k),
    finalised: new Uint8Array(k),
    evicted: new Uint8Array(k),
  };
}

export function countFate(fate: Uint8Array, which: number): number {
  let n = 0;
  for (let i = 0; i < fate.length; i++) if (fate[i] === which) n++;
  return n;
}
