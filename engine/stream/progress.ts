/**
 * What a streaming query reports after each trigger, field for field as Spark's
 * StreamingQueryProgress / SourceProgress / SinkProgress / StateOperatorProgress
 * (sql/api/.../streaming/progress.scala) and StreamingQueryStatus, with `json()` and
 * `prettyJson()` in Spark's key order. Tidemark's own extras (corrupt records, files read,
 * reader warnings) live in a separate `tidemark` field that Spark's JSON never shows; it is
 * included by `toJSON()` (what JSON.stringify and the host protocol use).
 */
import type { SourceWarning } from '../io/source';
import { compactJson, prettyJson, safeDecimal, safeMap, type JValue } from './progress-json';

/** Spark's JsonProtocol trait: `json()` and `prettyJson()` from one `jsonValue()`. */
abstract class JsonProtocol {
  abstract jsonValue(): JValue;
  json(): string {
    return compactJson(this.jsonValue());
  }
  prettyJson(): string {
    return prettyJson(this.jsonValue());
  }
  toString(): string {
    return this.prettyJson();
  }
}

export class StateOperatorProgress extends JsonProtocol {
  constructor(
    readonly operatorName: string,
    readonly numRowsTotal: number,
    readonly numRowsUpdated: number,
    readonly allUpdatesTimeMs: number,
    readonly numRowsRemoved: number,
    readonly allRemovalsTimeMs: number,
    readonly commitTimeMs: number,
    readonly memoryUsedBytes: number,
    readonly numRowsDroppedByWatermark: number,
    readonly numShufflePartitions: number,
    readonly numStateStoreInstances: number,
    readonly customMetrics: Readonly<Record<string, number>> = {},
  ) {
    super();
  }

  /** The idle-trigger copy: per-batch counters reset (ProgressContext.resetExecStatsForNoExecution). */
  copyForIdle(): StateOperatorProgress {
    return new StateOperatorProgress(
      this.operatorName,
      this.numRowsTotal,
      0,
      this.allUpdatesTimeMs,
      this.numRowsRemoved,
      this.allRemovalsTimeMs,
      this.commitTimeMs,
      this.memoryUsedBytes,
      0,
      this.numShufflePartitions,
      this.numStateStoreInstances,
      this.customMetrics,
    );
  }

  override jsonValue(): JValue {
    return {
      operatorName: this.operatorName,
      numRowsTotal: this.numRowsTotal,
      numRowsUpdated: this.numRowsUpdated,
      allUpdatesTimeMs: this.allUpdatesTimeMs,
      numRowsRemoved: this.numRowsRemoved,
      allRemovalsTimeMs: this.allRemovalsTimeMs,
      commitTimeMs: this.commitTimeMs,
      memoryUsedBytes: this.memoryUsedBytes,
      numRowsDroppedByWatermark: this.numRowsDroppedByWatermark,
      numShufflePartitions: this.numShufflePartitions,
      numStateStoreInstances: this.numStateStoreInstances,
      customMetrics: safeMap(this.customMetrics, (v) => v),
    };
  }
}

export class SourceProgress extends JsonProtocol {
  constructor(
    readonly description: string,
    /** Offsets as JSON values (Spark embeds the offset's JSON); null before the first batch. */
    readonly startOffset: unknown,
    readonly endOffset: unknown,
    readonly latestOffset: unknown,
    readonly numInputRows: number,
    readonly inputRowsPerSecond: number,
    readonly processedRowsPerSecond: number,
    readonly metrics: Readonly<Record<string, string>> = {},
  ) {
    super();
  }

  override jsonValue(): JValue {
    return {
      description: this.description,
      startOffset: offsetJson(this.startOffset),
      endOffset: offsetJson(this.endOffset),
      latestOffset: offsetJson(this.latestOffset),
      numInputRows: this.numInputRows,
      inputRowsPerSecond: safeDecimal(this.inputRowsPerSecond),
      processedRowsPerSecond: safeDecimal(this.processedRowsPerSecond),
      metrics: safeMap(this.metrics, (v) => v),
    };
  }
}

function offsetJson(offset: unknown): JValue {
  return offset === undefined ? null : (offset as JValue);
}

export class SinkProgress extends JsonProtocol {
  constructor(
    readonly description: string,
    /** -1 for sinks that do not count (Spark's V1 sinks: file, foreachBatch). */
    readonly numOutputRows: number,
    readonly metrics: Readonly<Record<string, string>> = {},
  ) {
    super();
  }

  override jsonValue(): JValue {
    return {
      description: this.description,
      numOutputRows: this.numOutputRows,
      metrics: safeMap(this.metrics, (v) => v),
    };
  }
}

/** Tidemark-only facts about the input of one trigger (never part of Spark's JSON). */
export interface TidemarkProgress {
  readonly numCorruptRecords: number;
  /** Files read by this trigger, in read order, across all sources. */
  readonly files: readonly string[];
  readonly warnings: readonly SourceWarning[];
}

export interface StreamingQueryProgressInit {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
  readonly batchId: number;
  readonly batchDuration: number;
  readonly durationMs: Readonly<Record<string, number>>;
  readonly eventTime: Readonly<Record<string, string>>;
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly sources: readonly SourceProgress[];
  readonly sink: SinkProgress;
  readonly tidemark: TidemarkProgress;
}

export class StreamingQueryProgress extends JsonProtocol {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
  readonly batchId: number;
  readonly batchDuration: number;
  readonly durationMs: Readonly<Record<string, number>>;
  readonly eventTime: Readonly<Record<string, string>>;
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly sources: readonly SourceProgress[];
  readonly sink: SinkProgress;
  /** observe() metrics: Tidemark has no observe(), so this is always empty (and left out of JSON). */
  readonly observedMetrics: Readonly<Record<string, unknown>> = {};
  readonly tidemark: TidemarkProgress;

  constructor(init: StreamingQueryProgressInit) {
    super();
    this.id = init.id;
    this.runId = init.runId;
    this.name = init.name;
    this.timestamp = init.timestamp;
    this.batchId = init.batchId;
    this.batchDuration = init.batchDuration;
    this.durationMs = init.durationMs;
    this.eventTime = init.eventTime;
    this.stateOperators = init.stateOperators;
    this.sources = init.sources;
    this.sink = init.sink;
    this.tidemark = init.tidemark;
  }

  /** Σ sources' rows (Spark derives the three totals from `sources`). */
  get numInputRows(): number {
    return this.sources.reduce((n, s) => n + s.numInputRows, 0);
  }
  get inputRowsPerSecond(): number {
    return this.sources.reduce((n, s) => n + s.inputRowsPerSecond, 0);
  }
  get processedRowsPerSecond(): number {
    return this.sources.reduce((n, s) => n + s.processedRowsPerSecond, 0);
  }

  override jsonValue(): JValue {
    return {
      id: this.id,
      runId: this.runId,
      name: this.name,
      timestamp: this.timestamp,
      batchId: this.batchId,
      batchDuration: this.batchDuration,
      numInputRows: this.numInputRows,
      inputRowsPerSecond: safeDecimal(this.inputRowsPerSecond),
      processedRowsPerSecond: safeDecimal(this.processedRowsPerSecond),
      durationMs: safeMap(this.durationMs, (v) => v),
      eventTime: safeMap(this.eventTime, (v) => v),
      stateOperators: this.stateOperators.map((s) => s.jsonValue()),
      sources: this.sources.map((s) => s.jsonValue()),
      sink: this.sink.jsonValue(),
    };
  }
  /** Spark's fields plus the `tidemark` extras, as plain JSON data. */
  toJSON(): unknown {
    return { ...(JSON.parse(this.json()) as object), tidemark: this.tidemark };
  }
}

/** StreamingQueryStatus: what the query is doing right now. */
export class StreamingQueryStatus extends JsonProtocol {
  constructor(
    readonly message: string,
    readonly isDataAvailable: boolean,
    readonly isTriggerActive: boolean,
  ) {
    super();
  }
  copy(
    changes: Partial<{ message: string; isDataAvailable: boolean; isTriggerActive: boolean }>,
  ): StreamingQueryStatus {
    return new StreamingQueryStatus(
      changes.message ?? this.message,
      changes.isDataAvailable ?? this.isDataAvailable,
      changes.isTriggerActive ?? this.isTriggerActive,
    );
  }
  override jsonValue(): JValue {
    return {
      message: this.message,
      isDataAvailable: this.isDataAvailable,
      isTriggerActive: this.isTriggerActive,
    };
  }
}
