/**
 * The engine service behind the host API (DESIGN.md, `service/`): owns one Session and the
 * streaming queries started through it, turns each HostRequest into engine calls, and
 * pushes EngineEvents as queries start, make progress and end. It knows nothing of its
 * transport: a worker thread (worker-entry.ts), a test, or a CLI drives it through
 * `handle(request)` and the `onEvent` callback.
 *
 * The events come from a StreamingQueryListener on `session.streams`, as a Spark app's
 * monitoring would. Spark's listener bus posts QueryProgressEvent right after batch N
 * commits, and our bus calls listeners synchronously, so a memory sink's table read in
 * onQueryProgress is exactly the Result Table after trigger N.
 */
import { randomUUID } from 'node:crypto';
import { join as joinPath } from 'node:path';
import { FILE_SINK_FORMATS } from '../io/sinks/create-sink';
import { DataFrame } from '../plan/dataframe';
import type { QuerySpec } from '../plan/logical-plan';
import { Session } from '../session';
import type {
  QueryProgressEvent,
  QueryStartedEvent,
  QueryTerminatedEvent,
  StreamingQueryListenerLike,
} from '../stream/listener';
import type { SensorSimulator } from '../io/simulator/sensor-simulator';
import type { StreamingQuery } from '../stream/streaming-query';
import { InputHealthTracker } from './input-health';
import { toArrowIPC } from './arrow-export';
import { errorInfo } from './error-info';
import {
  DEMO_QUERY_NAME,
  labSensorSchema,
  prepareSensorFolder,
  startActivityCount,
  type LabDemoOptions,
} from './lab-demo';
import type {
  DemoInfo,
  EngineEvent,
  ErrorInfo,
  HostRequest,
  HostResponse,
  ProgressJSON,
  QueryInfo,
  RequestBody,
  RequestResults,
  RequestType,
  SnapshotSource,
  SqlResult,
  TriggerDiff,
  TriggerTable,
} from './protocol';
import {
  DEFAULT_HISTORY_LIMITS,
  TriggerHistory,
  type AppendedRows,
  type HeldDiff,
  type TriggerHistoryLimits,
} from './trigger-history';
import { resultKeyColumns } from './trigger-diff';
import type { LogicalPlan } from '../plan/logical-plan';
import { requestProblem } from './validate-request';
import { SparkRuns, type SparkRunsOptions } from './spark-runs';
import { previewSource } from './source-preview';
import { parseSchema } from './parse-schema';
import { analyzeDraft } from './query-draft';
import { previewDraft } from './draft-preview';
import { draftFromPlan } from './plan-to-draft';
import { listFunctions } from './function-catalog';
import { snapshotTSV, writeSnapshot } from './snapshot-export';
import { saveExportFile } from './export-file';
import type { ColumnBatch } from '../batch/column-batch';
import { LateDataLens } from './late-data-lens';

export interface EngineServiceOptions {
  /** Where events go (the worker posts them to the host). */
  readonly onEvent: (event: EngineEvent) => void;
  /** Defaults to `Session.builder().appName('tidemark').getOrCreate()`. */
  readonly session?: Session;
  /** Where `startDemo` writes its sensor files; without it `startDemo` is refused. */
  readonly demo?: LabDemoOptions;
  readonly history?: TriggerHistoryLimits;
  /** How runs on Spark find and launch Spark (tests inject a fake launcher). */
  readonly spark?: Omit<SparkRunsOptions, 'onEvent'>;
  /**
   * Issue 7: checkpoints on by default. Memory, console and file queries started without a
   * checkpointLocation get `<checkpointRoot>/<queryName or id>`, so a restarted engine brings
   * them back where they stopped. Absent: such queries run without a checkpoint.
   */
  readonly checkpointRoot?: string;
}

/** What the service keeps per query (keyed by StreamingQuery.id). */
interface QueryRecord {
  readonly query: StreamingQuery;
  readonly outputMode: QueryInfo['outputMode'];
  readonly sinkFormat: string;
  /** The memory sink's table name (the query name), or null for other sinks. */
  readonly tableName: string | null;
  readonly isDemo: boolean;
  /** The grouping columns keying the result table's diff (trigger-diff.ts); empty: none. */
  readonly resultKey: readonly string[];
  readonly history: TriggerHistory;
  lastProgress: ProgressJSON | null;
  exception: ErrorInfo | null;
  readonly inputHealth: InputHealthTracker;
}

/** How a query is being started: known to the service, not to the listener event. */
interface StartContext {
  readonly format: string;
  readonly outputMode: QueryInfo['outputMode'];
  readonly tableName: string | null;
  readonly isDemo: boolean;
  /** The started plan, for the result table's key columns. */
  readonly plan: LogicalPlan | null;
}

interface RunningDemo {
  readonly dir: string;
  readonly queryId: string;
  readonly simulator: SensorSimulator;
}

/** Rows `sql` returns when the request sets no `maxRows`. */
const DEFAULT_SQL_ROWS = 1000;
/** Rows `previewSource` reads when the request sets no `maxRows`. */
const DEFAULT_PREVIEW_ROWS = 100;

export class EngineService {
  readonly session: Session;
  private readonly records = new Map<string, QueryRecord>();
  private readonly listener: StreamingQueryListenerLike;
  private demo: RunningDemo | null = null;
  private demoStarting: Promise<DemoInfo> | null = null;
  /** Set while a `start()` call runs: onQueryStarted fires inside it (Spark's start waits for it). */
  private starting: StartContext | null = null;
  private readonly sparkRuns: SparkRuns;
  /** Late-data traces and watermark replays (issue 6 §2). */
  private readonly lateData: LateDataLens;
  /**
   * Rows above which a trigger's table is not pushed with `triggerResult` (null: all are):
   * an append query's table grows every trigger, and pushing a 1M-row table each time kept
   * the page's main thread receiving and collecting bytes it mostly never showed (issue 8).
   * The page fetches the table it shows with getTriggerTable.
   */
  private tablePushLimit: number | null = null;

  constructor(private readonly options: EngineServiceOptions) {
    this.session = options.session ?? Session.builder().appName('tidemark').getOrCreate();
    this.listener = {
      onQueryStarted: (e) => this.onStarted(e),
      onQueryProgress: (e) => this.onProgress(e),
      onQueryTerminated: (e) => this.onTerminated(e),
    };
    this.session.streams.addListener(this.listener);
    this.sparkRuns = new SparkRuns({ ...options.spark, onEvent: options.onEvent });
    this.lateData = new LateDataLens({ session: this.session, onEvent: options.onEvent });
  }

  /** Answers one request; never rejects (failures become `ok: false` responses). */
  async handle(request: HostRequest): Promise<HostResponse> {
    const problem = requestProblem(request);
    const id = typeof request?.id === 'number' ? request.id : -1;
    if (problem !== null) {
      return {
        kind: 'response',
        id,
        ok: false,
        error: {
          name: 'IllegalArgumentException',
          errorClass: null,
          sqlState: null,
          message: problem,
        },
      };
    }
    try {
      const result = await this.dispatch(request);
      return { kind: 'response', id, ok: true, result };
    } catch (e) {
      return { kind: 'response', id, ok: false, error: errorInfo(e) };
    }
  }

  private dispatch(
    request: RequestBody,
  ): Promise<RequestResults[RequestType]> | RequestResults[RequestType] {
    switch (request.type) {
      case 'listQueries':
        return [...this.records.values()].map((r) => this.info(r));
      case 'startDemo':
        return this.startDemo();
      case 'startQuery':
        return this.startQuery(request.spec);
      case 'stopQuery':
        return this.stopQuery(request.queryId);
      case 'sql':
        return this.sql(request.text, request.maxRows ?? DEFAULT_SQL_ROWS);
      case 'setTablePushLimit':
        this.tablePushLimit = request.maxRows;
        return { maxRows: this.tablePushLimit };
      case 'getTriggerTable':
        return this.triggerTable(request.queryId, request.batchId);
      case 'previewSource':
        return previewSource(
          request.setup,
          request.maxRows ?? DEFAULT_PREVIEW_ROWS,
          this.session.readerConf(),
        );
      case 'parseSchema':
        return parseSchema(request.schema);
      case 'analyzeDraft':
        return analyzeDraft(this.session, request.draft);
      case 'previewDraft':
        return previewDraft(this.session, request.draft, request.maxRows);
      case 'draftFromPlan':
        return draftFromPlan(request.plan);
      case 'listFunctions':
        return listFunctions();
      case 'exportSnapshot':
        return this.snapshot(request.source).then(({ batch, metadata }) =>
          writeSnapshot(batch, request.format, request.path, metadata, {
            timeZone: this.sessionTimeZone(),
          }),
        );
      case 'snapshotText':
        return this.snapshot(request.source).then(({ batch }) => ({
          text: snapshotTSV(batch, this.sessionTimeZone()),
          numRows: batch.numRows,
        }));
      case 'sparkStatus':
        return this.sparkRuns.status();
      case 'runOnSpark':
        return this.sparkRuns.run(request.spec, request.target);
      case 'stopSparkRun':
        return this.sparkRuns.stop(request.runId);
      case 'listSparkRuns':
        return this.sparkRuns.list();
      case 'lateDataTrace':
        return this.lateData.trace(request.queryId, request.sinceBatch);
      case 'replayWatermark':
        return this.lateData.replay(request.queryId, request.variants, request.maxBatches);
      case 'explainLateRow':
        return this.lateData.explain(request.queryId, request.batchId, request.row);
      case 'saveExportFile':
        return saveExportFile(request.path, request.content);
      default:
        // Dialogs, workspace files and grants are the host's (host-side-requests.ts).
        throw new Error(`'${request.type}' is answered by the host, not by the engine.`);
    }
  }

  /** spark.sql.session.timeZone: how exported timestamps are written as text. */
  private sessionTimeZone(): string {
    return String(this.session.conf.get('spark.sql.session.timeZone'));
  }

  /**
   * The rows a snapshot exports, from memory (never by running the query again), and what
   * the file records about them: the query, the trigger, the watermark in force.
   */
  private async snapshot(
    source: SnapshotSource,
  ): Promise<{ batch: ColumnBatch; metadata: Record<string, string> }> {
    const metadata: Record<string, string> = {
      'tidemark.exportedAt': new Date().toISOString(),
    };
    if (source.kind === 'sql') {
      metadata['tidemark.sql'] = source.text;
      return { batch: await this.session.sql(source.text).toBatch(), metadata };
    }
    const record = this.recordOf(source.queryId);
    const held = record.history.table(source.batchId);
    if (held === undefined) this.triggerTable(source.queryId, source.batchId); // throws why
    const trigger = record.history.triggers().find((t) => t.batchId === source.batchId);
    metadata['tidemark.queryId'] = record.query.id;
    metadata['tidemark.runId'] = record.query.runId;
    if (record.query.name !== null) metadata['tidemark.queryName'] = record.query.name;
    metadata['tidemark.batchId'] = String(source.batchId);
    metadata['tidemark.outputMode'] = record.outputMode;
    if (trigger !== undefined) metadata['tidemark.triggerTimestamp'] = trigger.timestamp;
    if (trigger?.watermark != null) metadata['tidemark.watermark'] = trigger.watermark;
    return { batch: held!.table, metadata };
  }

  /** Starts the lab demo, or returns it if it is already running. */
  startDemo(): Promise<DemoInfo> {
    const demoOptions = this.options.demo;
    if (demoOptions === undefined)
      return Promise.reject(
        new Error('This engine has no demo folder configured (start the host with --demo).'),
      );
    const running = this.demo === null ? undefined : this.records.get(this.demo.queryId);
    if (this.demo !== null && running !== undefined && running.query.isActive) {
      return Promise.resolve({ dir: this.demo.dir, query: this.info(running) });
    }
    this.demoStarting ??= (async () => {
      try {
        const simulator = await prepareSensorFolder(demoOptions);
        const record = this.startTracked(
          {
            format: 'memory',
            outputMode: 'complete',
            tableName: DEMO_QUERY_NAME,
            isDemo: true,
            plan: this.activityCountPlan(demoOptions.dir),
          },
          () => startActivityCount(this.session, demoOptions.dir),
        );
        simulator.start();
        this.demo = { dir: demoOptions.dir, queryId: record.query.id, simulator };
        return { dir: demoOptions.dir, query: this.info(record) };
      } finally {
        this.demoStarting = null;
      }
    })();
    return this.demoStarting;
  }

  /** Starts a query from its spec, as `DataFrame(plan).writeStream…start()` would. */
  startQuery(spec: QuerySpec): QueryInfo {
    const { sink } = spec;
    const writer = new DataFrame(spec.plan, this.session).writeStream
      .format(sink.format)
      .outputMode(sink.outputMode)
      .options(sink.options);
    if (sink.queryName !== undefined) writer.queryName(sink.queryName);
    const checkpointLocation = sink.checkpointLocation ?? this.defaultCheckpointLocation(sink);
    if (checkpointLocation !== undefined) writer.option('checkpointLocation', checkpointLocation);
    const trigger = sink.trigger;
    if (trigger.kind === 'processingTime') writer.trigger({ processingTime: trigger.interval });
    else if (trigger.kind === 'once') writer.trigger({ once: true });
    else if (trigger.kind === 'availableNow') writer.trigger({ availableNow: true });
    const format = sink.format.toLowerCase();
    const tableName =
      format === 'memory' ? (sink.queryName ?? sink.options['queryName'] ?? null) : null;
    const record = this.startTracked(
      { format, outputMode: sink.outputMode, tableName, isDemo: false, plan: spec.plan },
      () => writer.start(),
    );
    return this.info(record);
  }

  /**
   * `<checkpointRoot>/<queryName>` (else a fresh id) for the sinks that keep their output in
   * the engine or in files; a sink option `checkpointLocation` still wins.
   */
  private defaultCheckpointLocation(sink: QuerySpec['sink']): string | undefined {
    const root = this.options.checkpointRoot;
    if (root === undefined || sink.options['checkpointLocation'] !== undefined) return undefined;
    const format = sink.format.toLowerCase();
    if (format !== 'memory' && format !== 'console' && !FILE_SINK_FORMATS.includes(format)) return undefined;
    // Spark's DataStreamWriter recovers a memory sink only in complete mode
    // (recoverFromCheckpointLocation = outputMode == Complete); in append/update a kept
    // checkpoint would make every later run of the same query fail to start, so those run on
    // a temporary checkpoint, as Spark's own default for the memory sink does.
    if (format === 'memory' && sink.outputMode !== 'complete') return undefined;
    const name = sink.queryName ?? sink.options['queryName'];
    // A query name becomes one folder name: path separators and dots cannot climb out of the root.
    const folder = name !== undefined && name !== '' ? name.replace(/[\\/:*?"<>|]/g, '_').replace(/^\.+/, '_') : randomUUID();
    return joinPath(root, folder);
  }

  async stopQuery(queryId: string): Promise<QueryInfo> {
    const record = this.recordOf(queryId);
    if (this.demo !== null && this.demo.queryId === queryId) await this.demo.simulator.stop();
    await record.query.stop();
    return this.info(record);
  }

  /** Runs a SELECT (`session.sql`) and returns at most `maxRows` rows as Arrow IPC. */
  async sql(text: string, maxRows: number): Promise<SqlResult> {
    const batch = await this.session
      .sql(text)
      .limit(maxRows + 1)
      .toBatch();
    const truncated = batch.numRows > maxRows;
    const rows = truncated ? batch.slice(0, maxRows) : batch;
    return { numRows: rows.numRows, truncated, ipc: toArrowIPC(rows) };
  }

  /** The result table as it was after trigger `batchId`. */
  triggerTable(queryId: string, batchId: number): TriggerTable {
    const record = this.recordOf(queryId);
    const held = record.history.table(batchId);
    if (held === undefined) {
      const why =
        record.tableName === null
          ? `query ${queryId} has no result table (only memory-sink queries do)`
          : `the table after batch ${batchId} is not held (never ran, or evicted by the history budget)`;
      throw new Error(`No result table for batch ${batchId}: ${why}.`);
    }
    return {
      queryId,
      batchId,
      numRows: held.table.numRows,
      changedRows: held.changedRows,
      ipc: toArrowIPC(held.table),
      diff: triggerDiff(held.diff),
    };
  }

  /**
   * The plan startActivityCount (lab-demo.ts) starts, built the same way: only its grouping
   * columns are read, and the diff uses them only when they lead the table it really
   * produces, so a demo that changed its query would fall back to whole-row compare.
   */
  private activityCountPlan(dir: string): LogicalPlan {
    return this.session.readStream.schema(labSensorSchema()).json(dir).groupBy('gt').count().plan;
  }

  /** Stops the demo and every query, and the session. */
  async stop(): Promise<void> {
    this.session.streams.removeListener(this.listener);
    this.lateData.stop();
    await this.sparkRuns.stopAll();
    if (this.demo !== null) await this.demo.simulator.stop();
    for (const r of this.records.values()) await r.query.stop();
    await this.session.stop();
  }

  /** Runs `start` with `how` as the context onQueryStarted records the query under. */
  private startTracked(how: StartContext, start: () => StreamingQuery): QueryRecord {
    this.starting = how;
    try {
      return this.recordOf(start().id);
    } finally {
      this.starting = null;
    }
  }

  private onStarted(event: QueryStartedEvent): void {
    const how = this.starting;
    const query = this.session.streams.get(event.id);
    if (how === null || query === null || query.runId !== event.runId) return;
    const record: QueryRecord = {
      query,
      outputMode: how.outputMode,
      sinkFormat: how.format,
      tableName: how.tableName,
      isDemo: how.isDemo,
      resultKey: how.plan === null ? [] : resultKeyColumns(how.plan, this.session),
      history: new TriggerHistory(this.options.history ?? DEFAULT_HISTORY_LIMITS),
      lastProgress: null,
      exception: null,
      inputHealth: new InputHealthTracker(),
    };
    this.records.set(query.id, record);
    this.lateData.watch(query, how.plan, how.outputMode, record.resultKey);
    this.options.onEvent({ type: 'queryStarted', query: this.info(record) });
  }

  private recordOf(queryId: string): QueryRecord {
    const record = this.records.get(queryId);
    if (record === undefined) throw new Error(`No query with id ${queryId} in this engine.`);
    return record;
  }

  private info(r: QueryRecord): QueryInfo {
    return {
      id: r.query.id,
      runId: r.query.runId,
      name: r.query.name,
      isActive: r.query.isActive,
      outputMode: r.outputMode,
      sinkFormat: r.sinkFormat,
      hasResultTable: r.tableName !== null,
      isDemo: r.isDemo,
      triggers: r.history.triggers(),
      lastProgress: r.lastProgress,
      exception: r.exception,
      inputHealth: r.inputHealth.snapshot(),
    };
  }

  private onProgress(event: QueryProgressEvent): void {
    const record = this.records.get(event.progress.id);
    if (record === undefined || record.query.runId !== event.progress.runId) return;
    const progress = event.progress.toJSON() as ProgressJSON;
    record.lastProgress = progress;
    record.inputHealth.record(event.progress.tidemark);
    this.lateData.onProgress(record.query.id, progress);
    const table = record.tableName === null ? null : this.memoryTable(record.tableName);
    const recorded = record.history.record(progress, table, record.resultKey, appendedRows(record, progress));
    this.options.onEvent({
      type: 'progress',
      queryId: record.query.id,
      progress,
      trigger: recorded.trigger,
      inputHealth: record.inputHealth.snapshot(),
    });
    const pushed =
      recorded.table !== null && (this.tablePushLimit === null || recorded.table.numRows <= this.tablePushLimit);
    if (pushed && recorded.table !== null && recorded.changedRows !== null) {
      this.options.onEvent({
        type: 'triggerResult',
        table: {
          queryId: record.query.id,
          batchId: progress.batchId,
          numRows: recorded.table.numRows,
          changedRows: recorded.changedRows,
          ipc: toArrowIPC(recorded.table),
          ...(recorded.diff === null ? {} : { diff: triggerDiff(recorded.diff) }),
        },
      });
    }
  }

  private onTerminated(event: QueryTerminatedEvent): void {
    const record = this.records.get(event.id);
    if (record === undefined || record.query.runId !== event.runId) return;
    const failure = record.query.exception();
    record.exception =
      failure !== null
        ? errorInfo(failure)
        : event.exception !== null
          ? {
              name: 'StreamingQueryException',
              errorClass: event.errorClassOnException,
              sqlState: null,
              message: event.exception,
            }
          : null;
    this.options.onEvent({
      type: 'queryTerminated',
      queryId: record.query.id,
      error: record.exception,
    });
  }

  private memoryTable(name: string) {
    const entry = this.session.catalog.lookup(name);
    return entry?.kind === 'memory' ? entry.provider.snapshot() : null;
  }
}

/**
 * Rows a memory sink appended this trigger, when it only appends (append and update mode:
 * Spark's MemorySink.addBatch; complete mode replaces the table): lets the trigger diff
 * skip comparing the whole, growing table (trigger-diff.ts appendedDiff). Append mode emits
 * each group once, so the result key stays unique; update mode appends each new version.
 */
function appendedRows(record: QueryRecord, progress: ProgressJSON): AppendedRows | null {
  if (record.sinkFormat.toLowerCase() !== 'memory' || record.outputMode === 'complete') return null;
  return { rows: progress.sink.numOutputRows, uniqueKeys: record.outputMode === 'append' };
}

/** A held diff as the host API sends it (removed rows as Arrow IPC). */
function triggerDiff(d: HeldDiff): TriggerDiff {
  return {
    keyColumns: d.keyColumns,
    added: d.added,
    updated: d.updated,
    numRemoved: d.removed?.numRows ?? 0,
    removedIpc: d.removed === null ? null : toArrowIPC(d.removed),
  };
}
