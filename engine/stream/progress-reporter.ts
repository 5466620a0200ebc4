/**
 * Builds and keeps a query's progress, as Spark's ProgressReporter/ProgressContext
 * (runtime/ProgressReporter.scala):
 *
 * - every trigger measures its phases (`durationMs`: latestOffset, walCommit, getBatch,
 *   queryPlanning, addBatch, commitOffsets, triggerExecution);
 * - a trigger that ran a batch always yields a progress and a QueryProgressEvent;
 * - a trigger that ran nothing yields an "idle" progress (the last batch's stats with the
 *   per-batch counters reset, the next batch id) at most every noDataProgressEventInterval,
 *   posting QueryIdleEvent except for the very first one;
 * - rates: inputRowsPerSecond = rows / seconds since the previous trigger's start (0 on the
 *   first trigger: rows / +∞), processedRowsPerSecond = rows / max(1 ms, trigger duration);
 * - recentProgress keeps fewer than spark.sql.streaming.numRecentProgressUpdates entries
 *   (Spark dequeues while length >= limit after adding).
 */
import type { BatchResult, StateOperatorMetrics } from '../exec/physical-plan';
import type { SourceBatch, SourceWarning } from '../io/source';
import { QueryIdleEvent, QueryProgressEvent, type StreamingQueryListenerBus } from './listener';
import {
  SinkProgress,
  SourceProgress,
  StateOperatorProgress,
  StreamingQueryProgress,
  type TidemarkProgress,
} from './progress';

/** What one executed batch measured (ProgressContext.ExecutionStats). */
export interface ExecutionStats {
  /** Rows read per source id; empty for a no-data batch. */
  readonly inputRows: ReadonlyMap<string, number>;
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly eventTime: Readonly<Record<string, string>>;
  /** Sink rows, or -1 where the sink does not count. */
  readonly outputRows: number;
  readonly tidemark: TidemarkProgress;
}

export interface ReporterSource {
  readonly id: string;
  readonly description: string;
}

export interface ProgressReporterInit {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly sources: readonly ReporterSource[];
  readonly sinkDescription: string;
  readonly bus: StreamingQueryListenerBus;
  readonly numRecentProgressUpdates: number;
  readonly noDataProgressEventIntervalMs: number;
  readonly now: () => number;
}

const NO_TIDEMARK: TidemarkProgress = { numCorruptRecords: 0, files: [], warnings: [] };

export class ProgressReporter {
  private readonly buffer: StreamingQueryProgress[] = [];
  private readonly durations = new Map<string, number>();
  private currentTriggerStart = -1;
  private lastTriggerStart = -1;
  private lastNoExecutionProgressEventTime = -Infinity;
  private offsets: {
    start: ReadonlyMap<string, unknown>;
    end: ReadonlyMap<string, unknown>;
    latest: ReadonlyMap<string, unknown>;
  } = {
    start: new Map(),
    end: new Map(),
    latest: new Map(),
  };
  private lastExecStats: ExecutionStats | null = null;

  constructor(private readonly init: ProgressReporterInit) {}

  get recentProgress(): StreamingQueryProgress[] {
    return [...this.buffer];
  }
  get lastProgress(): StreamingQueryProgress | null {
    return this.buffer.length === 0 ? null : this.buffer[this.buffer.length - 1];
  }

  startTrigger(): void {
    this.lastTriggerStart = this.currentTriggerStart;
    this.currentTriggerStart = this.init.now();
    this.durations.clear();
    this.offsets = { start: new Map(), end: new Map(), latest: new Map() };
  }

  /** Times an async step under a durationMs key (reportTimeTaken); repeated keys add up. */
  async timed<T>(key: string, body: () => Promise<T> | T): Promise<T> {
    const start = this.init.now();
    try {
      return await body();
    } finally {
      this.addDuration(key, Math.max(0, this.init.now() - start));
    }
  }

  addDuration(key: string, ms: number): void {
    this.durations.set(key, (this.durations.get(key) ?? 0) + ms);
  }

  recordTriggerOffsets(
    start: ReadonlyMap<string, unknown>,
    end: ReadonlyMap<string, unknown>,
    latest: ReadonlyMap<string, unknown>,
  ): void {
    this.offsets = { start: new Map(start), end: new Map(end), latest: new Map(latest) };
  }

  /** A trigger that ran batch `batchId` (finishTrigger). */
  finishTrigger(batchId: number, stats: ExecutionStats): StreamingQueryProgress {
    const progress = this.construct(batchId, stats);
    this.lastNoExecutionProgressEventTime = this.init.now();
    this.add(progress);
    this.init.bus.post(new QueryProgressEvent(progress));
    this.lastExecStats = stats;
    return progress;
  }

  /** A trigger that ran nothing; `batchId` is the id the next batch will get (finishNoExecutionTrigger). */
  finishNoExecutionTrigger(batchId: number, watermarkTimestamp: string | null): void {
    const last = this.lastExecStats;
    const stats: ExecutionStats | null =
      last === null
        ? null
        : {
            inputRows: new Map(),
            stateOperators: last.stateOperators.map((s) => s.copyForIdle()),
            eventTime:
              'watermark' in last.eventTime && watermarkTimestamp !== null
                ? { watermark: watermarkTimestamp }
                : {},
            outputRows: last.outputRows === -1 ? -1 : 0,
            tidemark: NO_TIDEMARK,
          };
    const progress = this.construct(batchId, stats);
    const now = this.init.now();
    if (now - this.init.noDataProgressEventIntervalMs >= this.lastNoExecutionProgressEventTime) {
      this.add(progress);
      if (this.lastNoExecutionProgressEventTime > -Infinity) {
        this.init.bus.post(
          new QueryIdleEvent(
            this.init.id,
            this.init.runId,
            formatProgressTimestamp(this.currentTriggerStart),
          ),
        );
      }
      this.lastNoExecutionProgressEventTime = now;
    }
  }

  private add(progress: StreamingQueryProgress): void {
    this.buffer.push(progress);
    while (this.buffer.length >= this.init.numRecentProgressUpdates && this.buffer.length > 0)
      this.buffer.shift();
  }

  private construct(batchId: number, stats: ExecutionStats | null): StreamingQueryProgress {
    const processingTimeMs = this.init.now() - this.currentTriggerStart;
    const processingTimeSec = Math.max(1, processingTimeMs) / 1000;
    const inputTimeSec =
      this.lastTriggerStart >= 0
        ? (this.currentTriggerStart - this.lastTriggerStart) / 1000
        : Infinity;
    const sources = this.init.sources.map((s) => {
      const rows = stats?.inputRows.get(s.id) ?? 0;
      return new SourceProgress(
        s.description,
        this.offsets.start.get(s.id) ?? null,
        this.offsets.end.get(s.id) ?? null,
        this.offsets.latest.get(s.id) ?? null,
        rows,
        rows / inputTimeSec,
        rows / processingTimeSec,
      );
    });
    const durationMs: Record<string, number> = {};
    for (const [k, v] of this.durations) durationMs[k] = v;
    return new StreamingQueryProgress({
      id: this.init.id,
      runId: this.init.runId,
      name: this.init.name,
      timestamp: formatProgressTimestamp(this.currentTriggerStart),
      batchId,
      batchDuration: processingTimeMs,
      durationMs,
      eventTime: stats?.eventTime ?? {},
      stateOperators: stats?.stateOperators ?? [],
      sources,
      sink: new SinkProgress(this.init.sinkDescription, stats?.outputRows ?? -1),
      tidemark: stats?.tidemark ?? NO_TIDEMARK,
    });
  }
}

/** `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC (ProgressReporter.timestampFormat). */
export function formatProgressTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** Spark's StateOperatorProgress from the plan's metrics (times are not measured per operator here). */
export function stateOperatorProgress(
  m: StateOperatorMetrics,
  numShufflePartitions: number,
): StateOperatorProgress {
  return new StateOperatorProgress(
    m.operatorName,
    m.numRowsTotal,
    m.numRowsUpdated,
    0,
    m.numRowsRemoved,
    0,
    0,
    m.memoryUsedBytes,
    m.numRowsDroppedByWatermark,
    numShufflePartitions,
    numShufflePartitions,
    m.customMetrics ?? {},
  );
}

export function mergeTidemark(
  parts: readonly {
    numCorruptRecords?: number;
    files?: readonly string[];
    warnings?: readonly SourceWarning[];
  }[],
): TidemarkProgress {
  let numCorruptRecords = 0;
  const files: string[] = [];
  const warnings: SourceWarning[] = [];
  for (const p of parts) {
    numCorruptRecords += p.numCorruptRecords ?? 0;
    if (p.files) files.push(...p.files);
    if (p.warnings) warnings.push(...p.warnings);
  }
  return { numCorruptRecords, files, warnings };
}

/**
 * ExecutionStats of a batch (extractExecutionStats): eventTime max/min/avg from the first
 * watermark node that saw rows (ms; avg truncated as `.toLong`), plus the watermark the
 * batch ran with whenever the query defines one; input rows only for a batch with new data.
 * `resourceWarnings` (state or memory sink near its limit) count for no-data batches too.
 */
export function executionStatsOf(
  result: BatchResult | null,
  hasNewData: boolean,
  inputs: { readonly rows: ReadonlyMap<string, number>; readonly parts: readonly SourceBatch[] },
  batchWatermarkMs: number | null,
  sinkRows: number,
  resourceWarnings: readonly SourceWarning[] = [],
): ExecutionStats {
  const eventTime: Record<string, string> = {};
  if (hasNewData && result !== null) {
    const stats = result.eventTime.find((s) => s.count > 0);
    if (stats !== undefined) {
      eventTime.avg = formatProgressTimestamp(Math.trunc(stats.sum / stats.count / 1000));
      eventTime.max = formatProgressTimestamp(Math.floor(stats.max / 1000));
      eventTime.min = formatProgressTimestamp(Math.floor(stats.min / 1000));
    }
  }
  if (batchWatermarkMs !== null) eventTime.watermark = formatProgressTimestamp(batchWatermarkMs);
  return {
    inputRows: hasNewData ? inputs.rows : new Map(),
    // Tidemark runs each stateful operator as one state store instance.
    stateOperators: (result?.stateOperators ?? []).map((m) => stateOperatorProgress(m, 1)),
    eventTime,
    outputRows: sinkRows,
    tidemark: mergeTidemark([...(hasNewData ? inputs.parts : []), { warnings: resourceWarnings }]),
  };
}
