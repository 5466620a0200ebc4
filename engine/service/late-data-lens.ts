/**
 * The engine side of the late-data lens: it traces every query whose plan has a watermark
 * (StreamingQuery.addLateDataListener from the moment it starts), keeps each trace in a
 * bounded LateDataHistory, tells the UI about new triggers at most every `eventIntervalMs`
 * (the `lateData` event; the UI then asks `lateDataTrace` from the batch it has), and answers
 * the lens's requests: the trace, the replay with two watermark delays, and why a row was
 * dropped. A replay of a query cancels that query's replay still running (the slider moved).
 */
import { IllegalArgumentException } from '../errors';
import type { LogicalPlan } from '../plan/logical-plan';
import type { Session } from '../session';
import type { LateDataEvent } from '../stream/late-data-trace';
import type { StreamingQuery } from '../stream/streaming-query';
import {
  DEFAULT_LATE_DATA_LIMITS,
  LateDataHistory,
  type LateDataHistoryLimits,
} from './late-data-history';
import { outputsToIPC, rowsToIPC, windowsToIPC, type TraceRows } from './late-data-ipc';
import { explainLateRow } from './late-row-explain';
import type {
  EngineEvent,
  LateDataTrace,
  LateRowExplanation,
  ReplayVariantResult,
  WatermarkReplay,
  WatermarkVariant,
} from './protocol';
import { replayDifference } from './replay-difference';
import { ReplayInputCache } from './replay-inputs';
import {
  hasWatermark,
  planVariant,
  replayedSource,
  watermarkDelayOf,
  type OutputMode,
} from './replay-plan-variant';
import {
  runVariant,
  unwatermarkedTrace,
  type ReplayedTrigger,
  type VariantRun,
} from './replay-variant-run';

export interface LateDataLensOptions {
  readonly session: Session;
  readonly onEvent: (event: EngineEvent) => void;
  readonly limits?: LateDataHistoryLimits;
  /** Least time between two `lateData` events of one query (the charts redraw at most that often). */
  readonly eventIntervalMs?: number;
}

interface Watched {
  readonly query: StreamingQuery;
  readonly plan: LogicalPlan;
  readonly outputMode: OutputMode;
  readonly keyColumns: readonly string[];
  readonly history: LateDataHistory;
  readonly listener: (e: LateDataEvent) => void;
  pending: { batchId: number; numRows: number; numDropped: number } | null;
  lastEventAt: number;
  timer: NodeJS.Timeout | null;
  inputs: ReplayInputCache | null;
  replay: { cancelled: boolean } | null;
}

const DEFAULT_EVENT_INTERVAL_MS = 250;

export class LateDataLens {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly options: LateDataLensOptions) {}

  /** Starts tracing `query` when its plan has event time (a watermark); others cost nothing. */
  watch(
    query: StreamingQuery,
    plan: LogicalPlan | null,
    outputMode: OutputMode,
    keyColumns: readonly string[],
  ): void {
    if (plan === null || !hasWatermark(plan)) return;
    this.unwatch(query.id);
    const history = new LateDataHistory(this.options.limits ?? DEFAULT_LATE_DATA_LIMITS);
    const listener = (e: LateDataEvent): void => {
      if (e.runId === query.runId) history.record(e);
    };
    this.watched.set(query.id, {
      query,
      plan,
      outputMode,
      keyColumns,
      history,
      listener,
      pending: null,
      lastEventAt: -Infinity,
      timer: null,
      inputs: null,
      replay: null,
    });
    query.addLateDataListener(listener);
  }

  /** Merges a trigger's progress into the trace and schedules the `lateData` event. */
  onProgress(queryId: string, progress: Parameters<LateDataHistory['recordProgress']>[0]): void {
    const w = this.watched.get(queryId);
    if (w === undefined) return;
    w.history.recordProgress(progress);
    const info = w.history.info(progress.batchId);
    if (info === undefined || info.numRowsDroppedByWatermark === null) return;
    const p = w.pending ?? { batchId: info.batchId, numRows: 0, numDropped: 0 };
    w.pending = {
      batchId: info.batchId,
      numRows: p.numRows + info.numRows,
      numDropped: p.numDropped + info.numDropped,
    };
    this.scheduleEvent(queryId, w);
  }

  trace(queryId: string, sinceBatch?: number): LateDataTrace {
    const w = this.watchedOf(queryId);
    return w.history.trace(queryId, sinceBatch, watermarkDelayOf(w.plan));
  }

  explain(queryId: string, batchId: number, row: number): Promise<LateRowExplanation> {
    const w = this.watchedOf(queryId);
    let source = null;
    try {
      const node = replayedSource(w.plan);
      source = { node, inputs: this.inputsOf(w, node) };
    } catch {
      // Not one file source: the explanation goes without a file.
    }
    return explainLateRow(w.history, batchId, row, source);
  }

  /** Replays the traced triggers' files once per variant (replay-variant-run.ts). */
  async replay(
    queryId: string,
    variants: readonly [WatermarkVariant, WatermarkVariant],
    maxBatches?: number,
  ): Promise<WatermarkReplay> {
    const w = this.watchedOf(queryId);
    if (w.replay !== null) w.replay.cancelled = true;
    const token = { cancelled: false };
    w.replay = token;
    try {
      if (variants.every((v) => v.delay === null))
        throw new IllegalArgumentException(
          'At least one replay variant needs a watermark delay (both are "no watermark").',
        );
      const node = replayedSource(w.plan);
      const inputs = this.inputsOf(w, node);
      // Only triggers whose progress came: their files are known.
      const triggers: ReplayedTrigger[] = w.history
        .triggers()
        .filter((t) => t.numRowsDroppedByWatermark !== null)
        .slice(0, maxBatches ?? Infinity)
        .map((t) => ({ batchId: t.batchId, files: t.files, arrivalUs: t.arrivalUs }));
      if (triggers.length === 0)
        throw new Error('This query has not completed a trigger yet: there is nothing to replay.');
      const planned = variants.map((v) => planVariant(w.plan, v.delay, w.outputMode));
      const runs: VariantRun[] = [];
      for (const p of planned)
        runs.push(
          await runVariant(this.options.session, p, triggers, inputs, () => token.cancelled),
        );
      const traced = runs[variants[0].delay !== null ? 0 : 1];
      const derived = unwatermarkedTrace(traced.rows);
      const rowsOf = (i: number): TraceRows[] =>
        variants[i].delay === null
          ? derived.rows
          : runs[i].rows.filter((r): r is TraceRows => r !== null);
      const result = (i: number): ReplayVariantResult => ({
        label: variants[i].label,
        delay: variants[i].delay,
        outputMode: planned[i].outputMode,
        note: planned[i].note,
        triggers: runs[i].triggers,
        rowsIpc: rowsToIPC(rowsOf(i)),
        windowsIpc: windowsToIPC(variants[i].delay === null ? derived.windows : runs[i].windows),
        outputIpc: outputsToIPC(runs[i].outputs, runs[i].emptyOutput),
        resultIpc: outputsToIPC(
          [{ batchId: triggers[triggers.length - 1].batchId, output: runs[i].result }],
          runs[i].emptyOutput,
        ),
      });
      return {
        queryId,
        batchIds: triggers.map((t) => t.batchId),
        variants: [result(0), result(1)],
        difference: replayDifference(
          w.keyColumns,
          [
            { mode: planned[0].outputMode, batches: runs[0].outputs },
            { mode: planned[1].outputMode, batches: runs[1].outputs },
          ],
          [rowsOf(0), rowsOf(1)],
        ),
      };
    } finally {
      if (w.replay === token) w.replay = null;
    }
  }

  unwatch(queryId: string): void {
    const w = this.watched.get(queryId);
    if (w === undefined) return;
    w.query.removeLateDataListener(w.listener);
    if (w.timer !== null) clearTimeout(w.timer);
    if (w.replay !== null) w.replay.cancelled = true;
    this.watched.delete(queryId);
  }

  stop(): void {
    for (const id of [...this.watched.keys()]) this.unwatch(id);
  }

  private inputsOf(w: Watched, node: ReturnType<typeof replayedSource>): ReplayInputCache {
    if (w.inputs === null || !w.inputs.serves(node))
      w.inputs = new ReplayInputCache(node, this.options.session.readerConf());
    return w.inputs;
  }

  private watchedOf(queryId: string): Watched {
    const w = this.watched.get(queryId);
    if (w === undefined)
      throw new Error(
        `No late-data trace for query ${queryId}: only queries with a watermark (event time) started in this engine are traced.`,
      );
    return w;
  }

  /** Sends at once when the last event is old enough, else once the interval has passed. */
  private scheduleEvent(queryId: string, w: Watched): void {
    if (w.timer !== null) return;
    const interval = this.options.eventIntervalMs ?? DEFAULT_EVENT_INTERVAL_MS;
    const wait = w.lastEventAt + interval - Date.now();
    const send = (): void => {
      w.timer = null;
      if (w.pending === null) return;
      w.lastEventAt = Date.now();
      const { batchId, numRows, numDropped } = w.pending;
      w.pending = null;
      this.options.onEvent({ type: 'lateData', queryId, batchId, numRows, numDropped });
    };
    if (wait <= 0) send();
    else {
      w.timer = setTimeout(send, wait);
      w.timer.unref?.();
    }
  }
}
