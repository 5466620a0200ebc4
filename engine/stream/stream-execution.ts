/**
 * The micro-batch loop, as Spark's MicroBatchExecution.executeOneBatch. One trigger:
 *
 * 1. constructNextBatch: ask every source for its latest offset; stamp the batch with the
 *    current watermark and the trigger time; run a batch if a source has new data or the
 *    previous batch says a no-data batch would emit/evict (`needsNoDataBatch`). Then write
 *    `offsets/N` (walCommit), commit batch N−1's offsets to the sources (so they may clean
 *    up) and purge log entries older than spark.sql.streaming.minBatchesToRetain.
 * 2. runBatch: getBatch from each source with new data, run the compiled plan with the
 *    watermark of the previous batch and the trigger timestamp, hand the output to the sink
 *    (addBatch), then advance the watermark and write `commits/N` (commitOffsets).
 * 3. progress: a StreamingQueryProgress (or, for a trigger that ran nothing, an idle one).
 *
 * Any error stops the query: `exception` holds a StreamingQueryException (STREAM_FAILED)
 * and nothing is thrown out of the loop, so a failing batch never takes the process down.
 * On start the logs are read back (populateStartOffsets): a batch whose offsets were written
 * without a commit is re-run with exactly those offsets, watermark and operator state; after
 * a committed batch N the query goes on with N+1, the logged watermark and state version
 * N+1 (operator-state-recovery.ts). Each batch's state changes are written
 * (state-checkpoint.ts) before its output goes to the sink, so `commits/N` implies them.
 * Resource limits (resource-limits.ts) fail a batch before any of that is written
 * (state-memory-check.ts), and their warnings join the batch's `tidemark.warnings`.
 */
import { StreamingQueryException } from '../errors';
import type { BatchResult, OutputMode, PhysicalPlan } from '../exec/physical-plan';
import type { Offset, Source, SourceBatch, SourceWarning } from '../io/source';
import type { Sink } from '../io/sink';
import type { TriggerSpec } from '../plan/logical-plan';
import { Checkpoint, serializeCommit } from './checkpoint';
import {
  QueryStartedEvent,
  QueryTerminatedEvent,
  type StreamingQueryListenerBus,
} from './listener';
import { StreamingQueryStatus, type StreamingQueryProgress } from './progress';
import {
  ProgressReporter,
  executionStatsOf,
  formatProgressTimestamp,
  type ExecutionStats,
} from './progress-reporter';
import { Waker, createTriggerExecutor, type TriggerExecutor } from './trigger-executor';
import { WatermarkTracker, parseWatermarkPolicy } from './watermark-tracker';
import { latestOffsetFor, readSourceBatches, sameOffset, settle } from './source-batches';
import { DEFAULT_STREAMING_CONF, type StreamingConf } from './streaming-conf';
import { readStartState } from './resume-from-checkpoint';
import { recoverOperatorState } from './operator-state-recovery';
import type { StateCheckpoint } from './state-checkpoint';
import { LateDataTrace, type LateDataListener } from './late-data-trace';
import { defaultResourceLimits, type ResourceLimits } from './resource-limits';
import { StateMemoryCheck } from './state-memory-check';

export interface StreamSourceEntry {
  /** SourceNode.id: the key of this source's rows in PhysicalPlan.runBatch's inputs. */
  readonly id: string;
  readonly source: Source;
}

export interface StreamExecutionInit {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly plan: PhysicalPlan;
  /**
   * When given, replaces `plan` before the first batch: the planner's second pass for
   * stream–static joins, whose static side is read asynchronously once the query starts.
   */
  readonly preparePlan?: () => Promise<PhysicalPlan>;
  readonly sources: readonly StreamSourceEntry[];
  readonly sink: Sink;
  readonly outputMode: OutputMode;
  readonly trigger: TriggerSpec;
  readonly checkpoint: Checkpoint;
  readonly bus: StreamingQueryListenerBus;
  readonly conf?: Partial<StreamingConf>;
  /** State memory and memory-sink caps (the sink applies its own); defaults sized from the heap. */
  readonly resourceLimits?: ResourceLimits;
  readonly now?: () => number;
  /** Called once the query has terminated (the manager's notifyQueryTermination). */
  readonly onTerminated?: (execution: StreamExecution) => void;
}

type State = 'initializing' | 'active' | 'terminated';

export class StreamExecution {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly outputMode: OutputMode;
  private plan: PhysicalPlan;
  private readonly sources: readonly StreamSourceEntry[];
  private readonly sink: Sink;
  private readonly checkpoint: Checkpoint;
  private readonly bus: StreamingQueryListenerBus;
  private readonly conf: StreamingConf;
  private readonly now: () => number;
  private readonly waker = new Waker();
  private readonly executor: TriggerExecutor;
  private readonly reporter: ProgressReporter;
  private watermark: WatermarkTracker;
  /** Where operator state is written after each batch; null without a checkpoint location. */
  private stateCheckpoint: StateCheckpoint | null = null;

  private state: State = 'initializing';
  private stopRequested = false;
  private currentStatus = new StreamingQueryStatus('Initializing StreamExecution', false, false);
  private streamDeathCause: StreamingQueryException | null = null;
  private batchId = 0;
  private isCurrentBatchConstructed = false;
  private hasExecutedBatch = false;
  private startOffsets = new Map<string, Offset>();
  private endOffsets = new Map<string, Offset>();
  private latestOffsets = new Map<string, Offset>();
  private batchWatermarkMs = 0;
  private batchTimestampMs = 0;
  /**
   * processAllAvailable() requests are numbered; a trigger remembers the newest number
   * when it starts listing its sources, and only a trigger that listed after a request and
   * found nothing left may resolve it (a trigger already past its listing when the call
   * came could not have seen files written just before the call).
   */
  private requestSeq = 0;
  private caughtUpThrough = -1;
  private allHinted = false;
  private waiters: { seq: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private finished!: Promise<void>;
  private lastResult: BatchResult | null = null;
  private readonly lateData = new LateDataTrace();
  private readonly stateMemory: StateMemoryCheck;

  constructor(private readonly init: StreamExecutionInit) {
    this.id = init.id;
    this.runId = init.runId;
    this.name = init.name;
    this.outputMode = init.outputMode;
    this.plan = init.plan;
    this.sources = init.sources;
    this.sink = init.sink;
    this.checkpoint = init.checkpoint;
    this.bus = init.bus;
    this.conf = { ...DEFAULT_STREAMING_CONF, ...init.conf };
    this.now = init.now ?? Date.now;
    this.stateMemory = new StateMemoryCheck((init.resourceLimits ?? defaultResourceLimits()).state);
    this.executor = createTriggerExecutor(init.trigger, this.waker);
    this.watermark = new WatermarkTracker(
      parseWatermarkPolicy(this.conf.offsetLogConf['spark.sql.streaming.multipleWatermarkPolicy']),
    );
    this.reporter = new ProgressReporter({
      id: this.id,
      runId: this.runId,
      name: this.name,
      sources: this.sources.map((s) => ({ id: s.id, description: s.source.description })),
      sinkDescription: this.sink.description,
      bus: this.bus,
      numRecentProgressUpdates: this.conf.numRecentProgressUpdates,
      noDataProgressEventIntervalMs: this.conf.noDataProgressEventIntervalMs,
      now: this.now,
    });
  }

  /** Posts QueryStartedEvent (synchronously, as Spark's start() waits for it) and starts the loop. */
  start(): void {
    this.bus.post(
      new QueryStartedEvent(this.id, this.runId, this.name, formatProgressTimestamp(this.now())),
    );
    this.finished = this.run();
  }

  get isActive(): boolean {
    return this.state !== 'terminated';
  }
  get status(): StreamingQueryStatus {
    return this.currentStatus;
  }
  get exception(): StreamingQueryException | null {
    return this.streamDeathCause;
  }
  get recentProgress(): StreamingQueryProgress[] {
    return this.reporter.recentProgress;
  }
  get lastProgress(): StreamingQueryProgress | null {
    return this.reporter.lastProgress;
  }
  /** Whether at least one batch ran in this run (explain() has a plan to show). */
  get hasRunBatch(): boolean {
    return this.hasExecutedBatch;
  }
  /** Resolves when the loop has ended and the query is terminated (never rejects). */
  get terminated(): Promise<void> {
    return this.finished;
  }

  /** Late-data trace listeners (late-data-trace.ts): operators record only while one is registered. */
  addLateDataListener(listener: LateDataListener): void {
    this.lateData.add(listener);
    this.plan.setLateDataTracing?.(this.lateData.active);
  }
  removeLateDataListener(listener: LateDataListener): void {
    this.lateData.remove(listener);
    this.plan.setLateDataTracing?.(this.lateData.active);
  }

  /** Ends the query after the batch in flight, if any (StreamExecution.stop). */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.waker.stop();
    await this.finished;
  }

  /** Resolves once everything available now, including pending no-data batches, is processed. */
  processAllAvailable(): Promise<void> {
    if (this.streamDeathCause !== null) return Promise.reject(this.streamDeathCause);
    if (!this.isActive) return Promise.resolve();
    const seq = ++this.requestSeq;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    this.waker.wake();
    return done;
  }

  private setStatus(changes: Parameters<StreamingQueryStatus['copy']>[0]): void {
    this.currentStatus = this.currentStatus.copy(changes);
  }

  private async run(): Promise<void> {
    try {
      this.setStatus({ message: 'Initializing sources' });
      // Once and AvailableNow both process "the data available at start": the sources take a
      // snapshot then, letting files that are still being written settle first.
      if (this.executor.kind === 'availableNow' || this.executor.kind === 'once') {
        for (const { source } of this.sources) await source.prepareForAvailableNow?.();
      }
      this.allHinted =
        this.sources.length > 0 &&
        this.sources.every(({ source }) => source.onDataAvailable !== undefined);
      for (const { source } of this.sources) source.onDataAvailable?.(() => this.waker.wake());
      if (this.init.preparePlan !== undefined) {
        this.plan = await this.init.preparePlan();
        this.plan.setLateDataTracing?.(this.lateData.active);
      }
      await this.populateStartOffsets();
      if (!this.stopRequested) this.state = 'active';
      if (this.state === 'active') await this.executor.execute(() => this.runOneTrigger());
      this.setStatus({ message: 'Stopped' });
    } catch (e) {
      this.streamDeathCause = new StreamingQueryException(this.id, this.runId, e);
      this.setStatus({
        message: `Terminated with exception: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      await this.terminate();
    }
  }

  private async terminate(): Promise<void> {
    this.state = 'terminated';
    this.setStatus({ isTriggerActive: false, isDataAvailable: false });
    // A source or sink that fails to stop must not keep the query from terminating.
    for (const { source } of this.sources) await settle(() => source.stop());
    await settle(() => this.sink.stop());
    const cause = this.streamDeathCause;
    for (const w of this.waiters.splice(0)) {
      if (cause === null) w.resolve();
      else w.reject(cause);
    }
    this.init.onTerminated?.(this);
    this.bus.post(
      new QueryTerminatedEvent(
        this.id,
        this.runId,
        cause === null ? null : (cause.stack ?? cause.message),
        cause?.errorClass ?? null,
      ),
    );
  }

  private get active(): boolean {
    return this.state === 'active' && !this.stopRequested;
  }

  /** One trigger (executeOneBatch); returns whether the query goes on. */
  private async runOneTrigger(): Promise<boolean> {
    if (!this.active) return false;
    this.reporter.startTrigger();
    this.setStatus({ isTriggerActive: true });
    let hasNewData = false;
    await this.reporter.timed('triggerExecution', async () => {
      if (!this.isCurrentBatchConstructed)
        this.isCurrentBatchConstructed = await this.constructNextBatch();
      this.reporter.recordTriggerOffsets(this.startOffsets, this.endOffsets, this.latestOffsets);
      hasNewData = this.isNewDataAvailable();
      this.setStatus({ isDataAvailable: hasNewData });
      if (this.isCurrentBatchConstructed) {
        this.setStatus({
          message: hasNewData ? 'Processing new data' : 'No new data but cleaning up state',
        });
        await this.runBatch(hasNewData);
      } else {
        this.setStatus({ message: 'Waiting for data to arrive' });
      }
    });
    const executed = this.isCurrentBatchConstructed;
    if (executed) {
      this.reporter.finishTrigger(this.batchId, this.executionStats(hasNewData));
      this.batchId += 1;
      this.isCurrentBatchConstructed = false;
      this.startOffsets = new Map(this.endOffsets);
    } else {
      this.reporter.finishNoExecutionTrigger(
        this.batchId,
        this.plan.hasWatermark ? formatProgressTimestamp(this.batchWatermarkMs) : null,
      );
    }
    this.setStatus({ isTriggerActive: false });
    this.resolveCaughtUpWaiters();

    if (!executed) {
      if (this.executor.stopsWhenIdle) {
        this.stopRequested = true;
      } else if (this.executor.kind === 'default' && this.active) {
        await this.waker.wait(
          this.allHinted ? this.conf.hintedPollingDelayMs : this.conf.pollingDelayMs,
        );
      }
    }
    this.setStatus({ message: 'Waiting for next trigger' });
    return this.active;
  }

  private resolveCaughtUpWaiters(): void {
    if (this.caughtUpThrough < 0) return;
    const still = [];
    for (const w of this.waiters) {
      if (w.seq <= this.caughtUpThrough) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  private isNewDataAvailable(): boolean {
    for (const [id, end] of this.endOffsets) {
      if (!this.startOffsets.has(id) || !sameOffset(this.startOffsets.get(id), end)) return true;
    }
    return false;
  }

  private async constructNextBatch(): Promise<boolean> {
    const listedThrough = this.requestSeq;
    for (const { id, source } of this.sources) {
      this.setStatus({ message: `Getting offsets from ${source.description}` });
      const offset = await this.reporter.timed('latestOffset', () =>
        latestOffsetFor(source, this.executor.kind === 'once'),
      );
      if (offset !== null && offset !== undefined) {
        this.endOffsets.set(id, offset);
        this.latestOffsets.set(id, offset);
      }
    }
    this.batchWatermarkMs = this.watermark.currentWatermarkMs;
    this.batchTimestampMs = this.now();
    const needsNoDataBatch =
      this.conf.noDataMicroBatchesEnabled &&
      this.hasExecutedBatch &&
      this.plan.needsNoDataBatch(this.batchWatermarkMs * 1000, this.outputMode);
    const shouldConstruct = this.isNewDataAvailable() || needsNoDataBatch;
    if (!shouldConstruct) {
      // Input that is present but still settling counts as available: processAllAvailable()
      // waits for it (the source wakes the loop when it is ready).
      if (!this.sources.some(({ source }) => source.hasPendingInput?.() === true)) {
        this.caughtUpThrough = listedThrough;
      }
      return false;
    }
    this.setStatus({ message: 'Writing offsets to log' });
    await this.reporter.timed('walCommit', async () => {
      await this.checkpoint.writeOffsets(this.batchId, {
        offsets: this.sources.map(({ id }) => this.endOffsets.get(id) ?? null),
        metadata: {
          batchWatermarkMs: this.batchWatermarkMs,
          batchTimestampMs: this.batchTimestampMs,
          conf: this.conf.offsetLogConf,
        },
      });
      await this.commitPreviousBatchToSources();
      await this.checkpoint.purge(this.batchId, this.conf.minBatchesToRetain);
    });
    return true;
  }

  /** cleanUpLastExecutedMicroBatch: once offsets N are logged, sources may discard batch N−1. */
  private async commitPreviousBatchToSources(): Promise<void> {
    const previous = await this.checkpoint.offsetsOf(this.batchId - 1);
    for (let i = 0; i < this.sources.length; i++) {
      const off = previous?.offsets[i];
      if (off !== null && off !== undefined) await this.sources[i].source.commit(off);
    }
  }

  private batchInputs: { rows: Map<string, number>; parts: SourceBatch[] } = {
    rows: new Map(),
    parts: [],
  };

  private async runBatch(hasNewData: boolean): Promise<void> {
    const { inputs, rows, parts } = await this.reporter.timed('getBatch', () =>
      readSourceBatches(this.sources, this.startOffsets, this.endOffsets),
    );
    this.batchInputs = { rows, parts };
    // The plan is compiled once per run; Spark's per-batch IncrementalExecution has no cost here.
    this.reporter.addDuration('queryPlanning', 0);
    // Late rows are tested against the previous batch's watermark (WatermarkPropagator, 3.4+),
    // read from its offsets entry so a re-run batch after a restart sees the same value.
    const lateEventsWatermarkMs =
      (await this.checkpoint.offsetsOf(this.batchId - 1))?.metadata.batchWatermarkMs ?? 0;
    await this.reporter.timed('addBatch', async () => {
      const result = this.stateMemory.runBatch(this.plan, this.batchId, () =>
        this.plan.runBatch(inputs, {
          batchId: this.batchId,
          watermarkUs: this.batchWatermarkMs * 1000,
          lateEventsWatermarkUs: lateEventsWatermarkMs * 1000,
          batchTimestampUs: this.batchTimestampMs * 1000,
          outputMode: this.outputMode,
          noData: !hasNewData,
        }),
      );
      this.lastResult = result;
      const stateful = this.plan.statefulOperators ?? [];
      if (this.stateCheckpoint !== null && stateful.length > 0)
        await this.stateCheckpoint.commit(stateful, this.batchId + 1);
      await this.sink.addBatch(this.batchId, result.output, this.outputMode);
    });
    // markMicroBatchEnd: the new watermark goes into commits/N and applies from batch N+1.
    this.watermark.updateWatermark(this.lastResult?.eventTime ?? []);
    const traced = this.lastResult?.lateData;
    if (traced !== undefined && this.lateData.active) {
      this.lateData.emit({
        queryId: this.id,
        runId: this.runId,
        batchId: this.batchId,
        arrivalUs: this.batchTimestampMs * 1000,
        watermarkBeforeUs: this.batchWatermarkMs * 1000,
        lateEventsWatermarkUs: lateEventsWatermarkMs * 1000,
        watermarkAfterUs: this.watermark.currentWatermarkMs * 1000,
        operators: traced,
      });
    }
    await this.reporter.timed('commitOffsets', () =>
      this.checkpoint.commits.add(
        this.batchId,
        serializeCommit({ nextBatchWatermarkMs: this.watermark.currentWatermarkMs }),
      ),
    );
    this.hasExecutedBatch = true;
  }

  private executionStats(hasNewData: boolean): ExecutionStats {
    return executionStatsOf(
      this.lastResult,
      hasNewData,
      this.batchInputs,
      this.plan.hasWatermark ? this.batchWatermarkMs : null,
      this.sink.lastNumOutputRows(),
      this.resourceWarnings(),
    );
  }

  /** Limits the batch came near: the state's, and the sink's when it keeps rows in memory. */
  private resourceWarnings(): SourceWarning[] {
    const sink = this.sink as Sink & { resourceWarnings?: () => readonly SourceWarning[] };
    return [...this.stateMemory.resourceWarnings, ...(sink.resourceWarnings?.() ?? [])];
  }

  /** populateStartOffsets: resume from the offsets and commits logs, and operator state, if any. */
  private async populateStartOffsets(): Promise<void> {
    const resumed = await readStartState(
      this.checkpoint,
      this.sources.map((s) => s.id),
    );
    this.stateCheckpoint = await recoverOperatorState(
      this.checkpoint,
      this.plan,
      resumed === null ? null : resumed.batchId,
      this.conf,
    );
    if (resumed === null) return;
    this.batchId = resumed.batchId;
    this.isCurrentBatchConstructed = resumed.rerunLastBatch;
    this.startOffsets = resumed.startOffsets;
    this.endOffsets = resumed.endOffsets;
    this.latestOffsets = new Map(resumed.endOffsets);
    this.batchWatermarkMs = resumed.batchWatermarkMs;
    this.batchTimestampMs = resumed.batchTimestampMs;
    this.watermark = new WatermarkTracker(resumed.watermarkPolicy);
    this.watermark.setWatermarkMs(resumed.watermarkMs);
  }
}
