/**
 * The host API: every message that crosses between the UI (renderer) and the engine
 * service, whichever transport carries it (Electron IPC, the browser-mode WebSocket, the
 * engine worker's postMessage). Types only: the renderer `import type`s this file, so it
 * must never gain runtime code (the runtime shape check lives in validate-request.ts).
 *
 * Three kinds of message:
 * - `HostRequest` (UI → engine): has an `id`; answered by exactly one `HostResponse`
 *   with the same id.
 * - `HostResponse` (engine → UI): `ok: true` with the typed `result`, or `ok: false` with
 *   an `ErrorInfo` the user can act on (Spark's error class, message, SQLSTATE).
 * - `HostEventMessage` (engine → UI): pushed as queries start, make progress, finish.
 *
 * Binary payloads are `Uint8Array`s holding Arrow IPC stream bytes (apache-arrow's
 * `tableToIPC` format). Structured clone (IPC, postMessage) carries them as they are; the
 * WebSocket sends them as binary frames (see main/web/wire-format.ts).
 */
import type { QuerySpec, SinkSpec, TriggerSpec } from '../plan/logical-plan';

// ─── Spark's progress JSON ────────────────────────────────────────────────────────────

/** One source of StreamingQueryProgress.sources (Spark's SourceProgress.jsonValue). */
export interface SourceProgressJSON {
  readonly description: string;
  readonly startOffset: unknown;
  readonly endOffset: unknown;
  readonly latestOffset: unknown;
  readonly numInputRows: number;
  /** Left out by Spark when NaN or infinite (the first batch has no rate). */
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  readonly metrics?: Readonly<Record<string, string>>;
}

/** Spark's StateOperatorProgress.jsonValue. */
export interface StateOperatorProgressJSON {
  readonly operatorName: string;
  readonly numRowsTotal: number;
  readonly numRowsUpdated: number;
  readonly allUpdatesTimeMs: number;
  readonly numRowsRemoved: number;
  readonly allRemovalsTimeMs: number;
  readonly commitTimeMs: number;
  readonly memoryUsedBytes: number;
  readonly numRowsDroppedByWatermark: number;
  readonly numShufflePartitions: number;
  readonly numStateStoreInstances: number;
  readonly customMetrics?: Readonly<Record<string, number>>;
}

/**
 * StreamingQueryProgress as `toJSON()` gives it: Spark's `json()` fields, in Spark's key
 * order, plus Tidemark's `tidemark` extras (corrupt records, files read, reader warnings).
 */
export interface ProgressJSON {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  /** Trigger start, `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. */
  readonly timestamp: string;
  readonly batchId: number;
  readonly batchDuration: number;
  readonly numInputRows: number;
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  /** addBatch, getBatch, latestOffset, queryPlanning, triggerExecution, walCommit, commitOffsets. */
  readonly durationMs?: Readonly<Record<string, number>>;
  /** max, min, avg, watermark as Spark's timestamp strings; absent without a watermark. */
  readonly eventTime?: Readonly<Record<string, string>>;
  readonly stateOperators: readonly StateOperatorProgressJSON[];
  readonly sources: readonly SourceProgressJSON[];
  readonly sink: {
    readonly description: string;
    readonly numOutputRows: number;
    readonly metrics?: Readonly<Record<string, string>>;
  };
  readonly tidemark?: {
    readonly numCorruptRecords: number;
    readonly files: readonly string[];
    readonly warnings: readonly unknown[];
  };
}

// ─── What the UI is told about queries ────────────────────────────────────────────────

/** A failure, as the user should see it (TidemarkError's fields where there are any). */
export interface ErrorInfo {
  /** The exception's class name: `AnalysisException`, `StreamingQueryException`, … */
  readonly name: string;
  /** Spark's error class (`PATH_NOT_FOUND`, `STREAM_FAILED`), or null for plain errors. */
  readonly errorClass: string | null;
  readonly sqlState: string | null;
  /** The full message, as Spark prints it (`[CLASS] text SQLSTATE: xxxxx`). */
  readonly message: string;
  /**
   * Where it went wrong, when known (TidemarkError.context, or its cause's for a failed
   * stream): the expression text with 0-based [start, stop) offsets, or a file and 1-based line.
   */
  readonly context?: ErrorPosition;
}

export interface ErrorPosition {
  readonly text?: string;
  readonly start?: number;
  readonly stop?: number;
  readonly file?: string;
  readonly line?: number;
}

/** One trigger that ran a batch, summarised for the timeline. */
export interface TriggerInfo {
  readonly batchId: number;
  /** Trigger start (progress.timestamp). */
  readonly timestamp: string;
  readonly numInputRows: number;
  /** Spark leaves rates out when they are not finite; null here. */
  readonly inputRowsPerSecond: number | null;
  readonly processedRowsPerSecond: number | null;
  /** progress.batchDuration, ms. */
  readonly batchDuration: number;
  /** progress.eventTime.watermark (Spark's timestamp string), null without a watermark. */
  readonly watermark: string | null;
  /** Rows in the result table after this trigger; null when the query has no result table. */
  readonly numRows: number | null;
  /** Rows of that table not present before this trigger (see trigger-diff.ts). */
  readonly numChangedRows: number | null;
  /** Whether the table as of this trigger is still held (older ones are evicted by budget). */
  readonly hasTable: boolean;
  /** What the streaming dashboard plots for this trigger (issue 6 §3); see TriggerDetail. */
  readonly detail?: TriggerDetail;
}

/** A streaming query the service runs (or ran, in this session). */
export interface QueryInfo {
  /** StreamingQuery.id (stable across restarts from a checkpoint). */
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly isActive: boolean;
  readonly outputMode: 'append' | 'update' | 'complete';
  /** The sink's format (`memory`, `console`, …). */
  readonly sinkFormat: string;
  /**
   * Whether the service can show the result table after each trigger: true for the memory
   * sink, whose table (named after the query) is the Result Table of the lab.
   */
  readonly hasResultTable: boolean;
  /** True for the query `startDemo` started. */
  readonly isDemo: boolean;
  /** Triggers that ran a batch, oldest first (the retained history). */
  readonly triggers: readonly TriggerInfo[];
  readonly lastProgress: ProgressJSON | null;
  /** Why the query ended, or null (running, or stopped cleanly). */
  readonly exception: ErrorInfo | null;
  /** Corrupt records and reader warnings seen so far. */
  readonly inputHealth: InputHealth;
}

/** One kind of reader warning, folded over the files that showed it. */
export interface InputWarning {
  /** SourceWarning.code, e.g. `IMPLAUSIBLE_TIMESTAMP`. */
  readonly code: string;
  /**
   * For reader warnings, the first occurrence's message (it names a file and suggests a fix);
   * for query-wide ones (STATE_MEMORY_HIGH, MEMORY_SINK_HIGH), the newest, so sizes are current.
   */
  readonly message: string;
  readonly column: string | null;
  readonly numFiles: number;
}

export interface InputHealth {
  /** Malformed records so far (PERMISSIVE: kept as corrupt rows; DROPMALFORMED: dropped). */
  readonly numCorruptRecords: number;
  readonly warnings: readonly InputWarning[];
}

/** The result table as it was after one trigger. */
export interface TriggerTable {
  readonly queryId: string;
  readonly batchId: number;
  readonly numRows: number;
  /** Row indices (into this table) of rows not present after the previous trigger. */
  readonly changedRows: readonly number[];
  /** Arrow IPC stream bytes of the table. */
  readonly ipc: Uint8Array;
  /**
   * The same change split by key, when the table has one (the grouping columns of an
   * aggregation): `added` rows have a key the previous table lacked, `updated` rows a key it
   * had with other values; rows whose key is gone are `removed` (e.g. evicted windows in
   * complete mode never are; deduplicated state can be). Without a key every changed row is
   * `added` and every vanished row `removed`.
   */
  readonly diff?: TriggerDiff;
}

export interface TriggerDiff {
  /** The key columns used (empty: whole rows were compared). */
  readonly keyColumns: readonly string[];
  readonly added: readonly number[];
  readonly updated: readonly number[];
  readonly numRemoved: number;
  /** The removed rows (as they were after the previous trigger), Arrow IPC; null when none. */
  readonly removedIpc: Uint8Array | null;
}

/** What `sql` returns: the rows of a SELECT, capped at `maxRows`. */
export interface SqlResult {
  readonly numRows: number;
  /** True when the result had more rows than were sent. */
  readonly truncated: boolean;
  readonly ipc: Uint8Array;
}

/** The demo the service starts: a simulated sensor folder and the lab's activity count. */
export interface DemoInfo {
  readonly dir: string;
  readonly query: QueryInfo;
}

// ─── Source setup (issue 5 §4) ─────────────────────────────────────────────────────────

/** A source as the source-setup screen edits it (becomes a SourceNode). */
export interface SourceSetup {
  /** The folder or an S3 prefix (`s3://bucket/prefix/`); empty for sources that read no files (`rate`, `rate-micro-batch`, `socket`, `kafka`). */
  readonly path: string;
  /** A file format (`json`, `csv`, `text`, `parquet`, `arrow`) or a generator/network source. */
  readonly format: string;
  /**
   * StructType.jsonValue(), or a DDL string (`a INT, b STRING`, StructType.fromDDL);
   * null: infer it from a sample (the lab's "quick way").
   */
  readonly schema: unknown;
  /** Spark's reader options as strings (multiLine, header, mode, timestampUnit, …). */
  readonly options: Readonly<Record<string, string>>;
}

/** A schema as the schema editor shows it: the engine's reading of DDL or JSON. */
export interface SchemaFieldInfo {
  readonly name: string;
  /** The DDL spelling (DataType.simpleString: `bigint`, `array<string>`). */
  readonly type: string;
  readonly nullable: boolean;
}

export interface ParsedSchema {
  readonly fields: readonly SchemaFieldInfo[];
  /** StructType.toDDL(). */
  readonly ddl: string;
  /** StructType.jsonValue(). */
  readonly json: unknown;
}

/** A file of the folder, as listed for the preview. */
export interface SourceFileInfo {
  /** Path relative to the source folder. */
  readonly name: string;
  readonly size: number;
  readonly modifiedMs: number;
}

/** A record the reader could not parse, where it is and why. */
export interface CorruptRecordInfo {
  readonly file: string;
  /** 1-based line of the record in `file`. */
  readonly line: number;
  /** The record's text (truncated to a few hundred characters). */
  readonly text: string;
  readonly reason: string;
}

/**
 * A fix the preview suggests (e.g. timestampUnit=ms for `time`). Applying it: with `column`
 * null, set `option` to `value`; with a column, put `column:value` into the option's comma
 * list of per-column entries, replacing that column's entry (engine/service/option-suggestion.ts
 * `applySuggestion` is the reference).
 */
export interface OptionSuggestion {
  readonly option: string;
  readonly value: string;
  /** The column it concerns, when per column. */
  readonly column: string | null;
  /** Why, in the user's terms (names the file and the odd value). */
  readonly reason: string;
  /** Example values as the current setting reads them and as the suggestion would. */
  readonly before: string | null;
  readonly after: string | null;
}

export interface SourcePreview {
  /** The folder's readable files (sync temp files and hidden files left out), newest last. */
  readonly files: readonly SourceFileInfo[];
  /** The files the preview read (the first ones, up to the row budget). */
  readonly sampledFiles: readonly string[];
  /** The schema used: the given one, or the inferred one when `setup.schema` was null. */
  readonly schema: unknown;
  readonly schemaDDL: string;
  readonly inferred: boolean;
  readonly numRows: number;
  /** The first rows as Arrow IPC (PERMISSIVE rows, `_corrupt_record` included when asked). */
  readonly ipc: Uint8Array;
  readonly corrupt: readonly CorruptRecordInfo[];
  readonly warnings: readonly InputWarning[];
  readonly suggestions: readonly OptionSuggestion[];
  /**
   * For sources that read no files, what the rows are (kafka: the latest records, key and
   * value shown as UTF-8 text) or why there are none (rate, socket); shown instead of the
   * file summary. Absent for file sources.
   */
  readonly note?: string;
}

// ─── Query drafts: the first query form (issue 5 §5) ─────────────────────────────────

/** One step of the query form; expressions are Spark SQL text, parsed by the engine. */
export type FormDraftStep =
  | { readonly kind: 'filter'; readonly condition: string }
  | { readonly kind: 'select'; readonly exprs: readonly string[] }
  | { readonly kind: 'withColumn'; readonly name: string; readonly expr: string }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }
  | { readonly kind: 'drop'; readonly columns: readonly string[] }
  | {
      readonly kind: 'naDrop';
      readonly how: 'any' | 'all';
      /** Spark's `thresh` (overrides `how`), or null. */
      readonly thresh: number | null;
      readonly subset: readonly string[];
    }
  | {
      readonly kind: 'naFill';
      /** A number, string or boolean literal as text (`0`, `'unknown'`, `true`). */
      readonly value: string;
      readonly subset: readonly string[];
    }
  | { readonly kind: 'watermark'; readonly column: string; readonly delay: string }
  | { readonly kind: 'dropDuplicates'; readonly columns: readonly string[] }
  | {
      readonly kind: 'groupBy';
      /** Grouping expressions (`gt`, `window(time, '10 minutes')`). */
      readonly keys: readonly string[];
      /** Aggregate expressions (`avg(x) AS avg_x`); empty means GroupedData.count(). */
      readonly aggs: readonly string[];
    };

export interface QueryDraft {
  /** The query name (memory sink table name). */
  readonly name: string;
  readonly source: SourceSetup;
  readonly steps: readonly DraftStep[];
  /** The sink, output mode and trigger (queryName is taken from `name`). */
  readonly sink: SinkSpec;
}

/** The schema after one step (index -1: the source), or why the step cannot run. */
export interface StepAnalysis {
  readonly index: number;
  readonly schema: unknown | null;
  readonly error: ErrorInfo | null;
  /** Which field of the step the error is in (`condition`, `exprs[1]`, `keys[0]`), if known. */
  readonly field: string | null;
}

/** Whether a sink / output mode / trigger choice can run this plan, and if not, Spark's reason. */
export interface ChoiceCheck<T extends string> {
  readonly value: T;
  readonly allowed: boolean;
  readonly reason: string | null;
}

export interface DraftAnalysis {
  /** The query as it would start, or null when a step fails. */
  readonly spec: QuerySpec | null;
  /** `spec.plan` as versioned plan JSON (planToJSON), what workspaces save; null with `spec`. */
  readonly plan: { readonly version: number; readonly plan: unknown } | null;
  /** Source first (index -1), then each step. */
  readonly steps: readonly StepAnalysis[];
  readonly outputSchema: unknown | null;
  /** The first error (also in `steps` when it belongs to one). */
  readonly error: ErrorInfo | null;
  readonly isStreaming: boolean;
  readonly outputModes: readonly ChoiceCheck<'append' | 'update' | 'complete'>[];
  readonly sinks: readonly ChoiceCheck<string>[];
  readonly triggers: readonly ChoiceCheck<TriggerSpec['kind']>[];
  readonly code: {
    /** The same query in Tidemark's TypeScript API. */
    readonly typescript: string | null;
    readonly pyspark: string | null;
    readonly sparkSql: string | null;
    /** Why there is no Spark SQL form, when `sparkSql` is null. */
    readonly sparkSqlReason: string | null;
  };
}

/** A function the expression editor can complete. */
export interface FunctionInfo {
  readonly name: string;
  /** `aggregate` | `window` | `string` | `math` | `datetime` | … */
  readonly group: string;
  /** e.g. `substring(str, pos[, len])`. */
  readonly usage: string;
}

// ─── Snapshot export (issue 5 §7) ─────────────────────────────────────────────────────

/** What to export: the result table after one trigger, or a SQL result. */
export type SnapshotSource =
  | { readonly kind: 'trigger'; readonly queryId: string; readonly batchId: number }
  | { readonly kind: 'sql'; readonly text: string };

export type SnapshotFormat = 'csv' | 'jsonl' | 'parquet' | 'arrow';

export interface SnapshotExportResult {
  readonly path: string;
  readonly format: SnapshotFormat;
  readonly numRows: number;
  readonly bytes: number;
  /** What was recorded in the file (Parquet key-value / Arrow schema metadata) or beside it. */
  readonly metadata: Readonly<Record<string, string>>;
}

// ─── Run on Spark (issue 4 §2, from the app) ──────────────────────────────────────────

/** Which Spark the engine found to run exported queries on (engine/export/spark-discovery.ts). */
export interface SparkStatus {
  readonly found: boolean;
  /** `spark-submit` (a distribution under SPARK_HOME) or `pyspark` (a Python environment). */
  readonly kind: 'spark-submit' | 'pyspark' | null;
  readonly version: string | null;
  readonly sparkHome: string | null;
  /** When not found: every place looked at and how to fix it. */
  readonly problem: string | null;
}

/** A query running on Spark, launched by `runOnSpark`. */
export interface SparkRunInfo {
  readonly runId: string;
  readonly queryName: string | null;
  /** `--master` URL, or the `sc://` endpoint for Spark Connect. */
  readonly target: string;
  /** The command line started (program first). */
  readonly command: readonly string[];
  readonly sparkVersion: string;
  readonly state: 'running' | 'stopping' | 'exited' | 'failed';
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly startedAt: string;
  /** The last log lines (stdout and stderr), oldest first. */
  readonly logTail: readonly string[];
  /** The progress events received so far (the last 100), oldest first. */
  readonly progress: readonly Record<string, unknown>[];
  /** Why launching or running failed (Spark missing, Connect client missing, …). */
  readonly error: ErrorInfo | null;
}

// ─── Builder (issue 6 §1): types added by the builder work go here ─────────────────────

/**
 * A step of a query draft: the form's kinds and the builder's. `disabled` bypasses the step
 * (ComfyUI-style): the plan skips it and its schema is its input's.
 */
export type DraftStep = (FormDraftStep | BuilderDraftStep) & { readonly disabled?: boolean };

/** The steps the visual builder added to the draft model. */
export type BuilderDraftStep =
  | {
      /** GroupedData of `df.cube(...keys)`: every subset of the keys (Spark's Cube). */
      readonly kind: 'cube';
      readonly keys: readonly string[];
      /** Aggregate expressions; empty means count(). */
      readonly aggs: readonly string[];
    }
  | {
      /** `df.rollup(...keys)`: the prefixes of the keys (Spark's Rollup). */
      readonly kind: 'rollup';
      readonly keys: readonly string[];
      readonly aggs: readonly string[];
    }
  | {
      /** `df.join(reference, on | condition, how)`: the stream joined to static reference data. */
      readonly kind: 'join';
      readonly right: JoinReference;
      /** Using columns (`on=['Device']`); ignored when `condition` is not empty. */
      readonly on: readonly string[];
      /** A join condition as Spark SQL (`Device = device_id`), or '' to join on `on`. */
      readonly condition: string;
      readonly how: 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti' | 'cross';
    };

/** The static side of a join step: files read with `spark.read`, or rows typed inline. */
export type JoinReference =
  | { readonly kind: 'files'; readonly source: SourceSetup }
  | {
      readonly kind: 'rows';
      /** DDL of the rows (`device STRING, owner STRING`). */
      readonly schema: string;
      /** Values by position, in the schema's order. */
      readonly rows: readonly (readonly unknown[])[];
    };

/** The first rows after one step (index -1: the source), read as a static batch. */
export interface StepPreview {
  readonly index: number;
  readonly numRows: number;
  /** Arrow IPC of the rows; null when the step (or one before it) cannot run. */
  readonly ipc: Uint8Array | null;
  readonly error: ErrorInfo | null;
}

export interface DraftPreview {
  /** The files of the source read for the preview (relative to its folder). */
  readonly files: readonly string[];
  readonly steps: readonly StepPreview[];
}

/** A plan opened as a draft: its source and steps, or why it cannot be one. */
export type DraftFromPlan =
  | {
      readonly ok: true;
      readonly source: SourceSetup;
      readonly steps: readonly DraftStep[];
    }
  | { readonly ok: false; readonly reason: string };

// ─── Late-data lens (issue 6 §2): types added by the lens work go here ─────────────────

/**
 * A row's fate in the late-data trace (engine/exec/late-data-recorder.ts): 0 on time,
 * 1 late but accepted, 2 dropped by the watermark, 3 no event time (NULL).
 */
export type LateRowFate = 0 | 1 | 2 | 3;

/** One traced trigger of a query with event time. Times are µs since the epoch. */
export interface LateDataTriggerInfo {
  readonly batchId: number;
  /** The trigger timestamp: every row of this trigger arrived then. */
  readonly arrivalUs: number;
  /** The watermark the batch evicted and emitted with (batchWatermarkMs). */
  readonly watermarkBeforeUs: number;
  /** The watermark late rows were dropped against (the previous batch's, Spark 3.4+). */
  readonly lateEventsWatermarkUs: number;
  /** The watermark computed at the end of the trigger (used from the next batch). */
  readonly watermarkAfterUs: number;
  /** Input rows of the traced stateful operator, by fate. */
  readonly numRows: number;
  readonly numOnTime: number;
  readonly numLateAccepted: number;
  readonly numDropped: number;
  /**
   * Σ stateOperators[].numRowsDroppedByWatermark of the trigger's progress (null until it
   * came). Spark counts the rows reaching the state store, i.e. partial aggregates (one per
   * key and window in the batch), so it can be lower than `numDropped`.
   */
  readonly numRowsDroppedByWatermark: number | null;
  /** Σ stateOperators[].numRowsTotal after the trigger (null until its progress came). */
  readonly numStateRows: number | null;
  readonly numOutputRows: number | null;
  /** The files the trigger read (progress tidemark.files). */
  readonly files: readonly string[];
}

/**
 * The late-data trace of a query, columnar. `rowsIpc` (Arrow IPC) has one row per traced
 * input row: batchId int32, row int32 (its index in the trigger), eventTimeUs float64,
 * fate uint8 (LateRowFate), windowStartUs / windowEndUs float64 (the first window it fell
 * into; NaN without windows). `windowsIpc` has one row per trigger and window: batchId,
 * startUs, endUs, accepted, dropped (rows this trigger), finalised, evicted (0/1).
 */
export interface LateDataTrace {
  readonly queryId: string;
  /** The traced operator (`stateStoreSave`, `dedupe`, …), null before the first trigger. */
  readonly operatorName: string | null;
  /** The query's withWatermark delay (the first, if several), as written. */
  readonly watermarkDelay: string | null;
  /** Triggers at or after `sinceBatch`, oldest first (rows may be evicted; see firstHeldBatch). */
  readonly triggers: readonly LateDataTriggerInfo[];
  readonly rowsIpc: Uint8Array;
  readonly windowsIpc: Uint8Array;
  /** The oldest trigger whose rows are still held (older rows evicted by the memory budget). */
  readonly firstHeldBatch: number | null;
  readonly numEvictedTriggers: number;
}

/** A watermark delay to replay with: a Spark duration string, or null for no watermark. */
export interface WatermarkVariant {
  readonly label: string;
  readonly delay: string | null;
}

/** One replayed trigger of one variant. */
export interface ReplayTriggerStats {
  readonly batchId: number;
  readonly numInputRows: number;
  /** Σ numRowsTotal of the stateful operators after the trigger. */
  readonly numStateRows: number;
  /** Σ numRowsDroppedByWatermark (Spark's count, see LateDataTriggerInfo). */
  readonly numRowsDroppedByWatermark: number;
  /** Input rows whose fate was DROPPED. */
  readonly numDroppedRows: number;
  /** Rows handed to the sink this trigger. */
  readonly numOutputRows: number;
  /** Rows of the result table after the trigger (memory-sink semantics). */
  readonly numResultRows: number;
  readonly watermarkBeforeUs: number;
  readonly watermarkAfterUs: number;
}

export interface ReplayVariantResult {
  readonly label: string;
  readonly delay: string | null;
  /** The mode the variant ran in (append without a watermark cannot run: it runs in update). */
  readonly outputMode: 'append' | 'update' | 'complete';
  /** Why it differs from the query's mode or plan, when it does. */
  readonly note: string | null;
  readonly triggers: readonly ReplayTriggerStats[];
  /** Per-row fates, shaped as LateDataTrace.rowsIpc. */
  readonly rowsIpc: Uint8Array;
  /** Per trigger and window, shaped as LateDataTrace.windowsIpc. */
  readonly windowsIpc: Uint8Array;
  /** Every row the sink received, with a leading `batchId` column: the table's diff per trigger. */
  readonly outputIpc: Uint8Array;
  /** The result table after the last trigger. */
  readonly resultIpc: Uint8Array;
}

/** A result row (by key) whose answer differs between the two variants. */
export interface ReplayDifferenceRow {
  /** The key columns' values as text (`window=[…], User=a`). */
  readonly key: string;
  readonly windowStartUs: number | null;
  readonly windowEndUs: number | null;
  /** The other columns as text in variant A / B; null when that variant has no such row. */
  readonly a: string | null;
  readonly b: string | null;
}

export interface ReplayDifference {
  /** The key columns the result tables were matched on (empty: whole rows). */
  readonly keyColumns: readonly string[];
  readonly numDiffering: number;
  /** The first differing rows (at most 500), by key. */
  readonly rows: readonly ReplayDifferenceRow[];
  /** Input rows kept by A and dropped by B, and the reverse. */
  readonly numKeptOnlyByA: number;
  readonly numKeptOnlyByB: number;
}

export interface WatermarkReplay {
  readonly queryId: string;
  /** The replayed triggers' batch ids (the original run's boundaries), oldest first. */
  readonly batchIds: readonly number[];
  readonly variants: readonly [ReplayVariantResult, ReplayVariantResult];
  readonly difference: ReplayDifference;
}

/** Why one traced row was dropped, with where it came from when that is known. */
export interface LateRowExplanation {
  readonly batchId: number;
  readonly row: number;
  readonly fate: LateRowFate;
  readonly eventTimeUs: number;
  /** The watermark late rows of that trigger were dropped against. */
  readonly watermarkUs: number;
  readonly windowStartUs: number | null;
  readonly windowEndUs: number | null;
  /** How far the row (its window's end, for windows) was at or below the watermark, µs. */
  readonly missedByUs: number | null;
  /** The file and 1-based record/line, when rows map 1:1 onto the trigger's files. */
  readonly file: string | null;
  readonly record: number | null;
  readonly line: number | null;
  /** Why `file` is null, when it is. */
  readonly fileUnknownReason: string | null;
}

// ─── Dashboard (issue 6 §3): types added by the dashboard work go here ─────────────────

/**
 * One trigger's numbers beyond TriggerInfo's, as Spark's StreamingQueryStatisticsPage plots
 * them (sums over stateOperators) plus Tidemark's input facts. Built by
 * engine/service/trigger-detail.ts from the trigger's ProgressJSON.
 */
export interface TriggerDetail {
  /** progress.durationMs: phase → ms (addBatch, getBatch, latestOffset, …, triggerExecution). */
  readonly durationMs: Readonly<Record<string, number>>;
  /** Σ stateOperators[].numRowsTotal; null when the query has no stateful operator. */
  readonly stateRowsTotal: number | null;
  /** Σ stateOperators[].numRowsUpdated; null without a stateful operator. */
  readonly stateRowsUpdated: number | null;
  /** Σ stateOperators[].memoryUsedBytes; null without a stateful operator. */
  readonly stateMemoryBytes: number | null;
  /** Σ stateOperators[].numRowsDroppedByWatermark; null without a stateful operator. */
  readonly rowsDroppedByWatermark: number | null;
  /** progress.sink.numOutputRows (-1 when the sink cannot tell, as Spark's). */
  readonly numOutputRows: number;
  /** tidemark.numCorruptRecords of this trigger. */
  readonly numCorruptRecords: number;
  /** tidemark.files of this trigger, the first few hundred (see `numFiles` for all). */
  readonly files: readonly string[];
  /** How many files this trigger read. */
  readonly numFiles: number;
}

/** Bytes to save (saveExportFile): text as it is, or binary (a PNG) as base64 (requests are JSON). */
export type ExportFileContent =
  | { readonly encoding: 'utf8'; readonly text: string }
  | { readonly encoding: 'base64'; readonly base64: string };

export interface SavedExportFile {
  readonly path: string;
  readonly bytes: number;
}

// ─── Workspaces (issue 5 §3) ──────────────────────────────────────────────────────────

export interface WorkspaceSource {
  readonly id: string;
  readonly name: string;
  readonly setup: SourceSetup;
  /** How the schema was made: typed by hand ("the reliable way") or inferred ("the quick way"). */
  readonly schemaMode: 'manual' | 'inferred';
}

export interface WorkspaceQuery {
  readonly id: string;
  /** Which WorkspaceSource the draft reads (its setup is copied into the draft on save). */
  readonly sourceId: string;
  readonly draft: QueryDraft;
  /** The plan as plan JSON (planToJSON of the analysed draft), for the export and other tools. */
  readonly plan: { readonly version: number; readonly plan: unknown } | null;
  /** Start this query when the workspace opens. */
  readonly autoStart: boolean;
}

export interface WorkspaceLayout {
  readonly theme: 'system' | 'light' | 'dark';
  readonly selectedQueryId: string | null;
  /** Which pane is shown: source setup, query editor, results. */
  readonly view: 'source' | 'query' | 'builder' | 'results' | 'dashboard' | 'lens' | 'sql';
  readonly sidebarWidth: number;
}

export interface Workspace {
  /** Always `tidemark-workspace`. */
  readonly format: 'tidemark-workspace';
  /** 1 today; main/workspace.ts migrates older files on open. */
  readonly version: number;
  readonly name: string;
  readonly sources: readonly WorkspaceSource[];
  readonly queries: readonly WorkspaceQuery[];
  readonly layout: WorkspaceLayout;
}

export interface OpenedWorkspace {
  /** Null for an unsaved workspace (its autosave lives in the app's data folder). */
  readonly path: string | null;
  readonly workspace: Workspace;
  /** True when this came from an autosave newer than the file (a crash left unsaved work). */
  readonly recovered: boolean;
}

export interface RecentWorkspace {
  readonly path: string;
  readonly name: string;
  readonly openedAt: string;
}

/** What the host (not the engine) is: which dialogs it has and which folders it granted. */
export interface HostInfo {
  readonly kind: 'electron' | 'browser';
  /** Electron shows native dialogs; browser mode asks the user to type a path in the page. */
  readonly nativeDialogs: boolean;
  readonly demoDir: string | null;
  /** Where new workspaces and exports are proposed. */
  readonly documentsDir: string;
  /** Folders the user picked (the renderer may read and write only under these). */
  readonly grantedFolders: readonly string[];
}

/** Commands from the app menu (Electron) that the renderer carries out. */
export type AppCommand =
  | 'newWorkspace'
  | 'openWorkspace'
  | 'saveWorkspace'
  | 'saveWorkspaceAs'
  | 'runQuery'
  | 'stopQuery'
  | 'exportSnapshot'
  | 'toggleTheme'
  | 'openSqlConsole';

// ─── Requests and responses ───────────────────────────────────────────────────────────

/** Request bodies by type; each maps to its result type in `RequestResults`. */
export type RequestBody =
  | { readonly type: 'listQueries' }
  | { readonly type: 'startDemo' }
  | { readonly type: 'startQuery'; readonly spec: QuerySpec }
  | { readonly type: 'stopQuery'; readonly queryId: string }
  | { readonly type: 'sql'; readonly text: string; readonly maxRows?: number }
  | { readonly type: 'getTriggerTable'; readonly queryId: string; readonly batchId: number }
  // issue 8 (renderer responsiveness): tables over `maxRows` rows are no longer pushed with
  // `triggerResult`; the page fetches the one it shows with getTriggerTable. Null: push all.
  | { readonly type: 'setTablePushLimit'; readonly maxRows: number | null }
  // source setup (engine)
  | { readonly type: 'previewSource'; readonly setup: SourceSetup; readonly maxRows?: number }
  /** Reads a DDL string or StructType JSON; a bad one fails with ParseException and its position. */
  | { readonly type: 'parseSchema'; readonly schema: unknown }
  // query form (engine)
  | { readonly type: 'analyzeDraft'; readonly draft: QueryDraft }
  | { readonly type: 'listFunctions' }
  // snapshot export (engine)
  | {
      readonly type: 'exportSnapshot';
      readonly source: SnapshotSource;
      readonly format: SnapshotFormat;
      /** Absolute path of the file to write (atomically: temp file, fsync, rename). */
      readonly path: string;
    }
  | { readonly type: 'snapshotText'; readonly source: SnapshotSource }
  // run on Spark (engine). Which executables run is the host's configuration (SPARK_HOME,
  // PYSPARK_PYTHON, python3), never the page's: the page names only where to run.
  | { readonly type: 'sparkStatus' }
  | {
      readonly type: 'runOnSpark';
      readonly spec: QuerySpec;
      /** `local[*]`, `spark://host:7077`, `yarn`, `k8s://…`, or `sc://host:port` (Spark Connect). */
      readonly target: string;
    }
  | { readonly type: 'stopSparkRun'; readonly runId: string }
  | { readonly type: 'listSparkRuns' }
  // builder (issue 6 §1) requests go here
  | {
      readonly type: 'previewDraft';
      readonly draft: QueryDraft;
      /** Rows per step (default 5). */
      readonly maxRows?: number;
    }
  /** `plan`: plan JSON ({version, plan}) or a bare plan node. */
  | { readonly type: 'draftFromPlan'; readonly plan: unknown }
  // late-data lens (issue 6 §2) requests go here
  /** The traced triggers of a query with event time, from `sinceBatch` on (default: all held). */
  | { readonly type: 'lateDataTrace'; readonly queryId: string; readonly sinceBatch?: number }
  /**
   * Replays the files of the query's traced triggers, batch by batch on the same boundaries,
   * once per variant, in memory. A newer replay of the same query cancels this one (it fails
   * with ReplaySupersededException).
   */
  | {
      readonly type: 'replayWatermark';
      readonly queryId: string;
      readonly variants: readonly [WatermarkVariant, WatermarkVariant];
      /** Replay at most this many triggers (the first ones). */
      readonly maxBatches?: number;
    }
  | { readonly type: 'explainLateRow'; readonly queryId: string; readonly batchId: number; readonly row: number }
  // dashboard (issue 6 §3) requests go here
  /** Writes a chart or table export (PNG, CSV) atomically to `path` (picked with pickSaveFile). */
  | {
      readonly type: 'saveExportFile';
      readonly path: string;
      readonly content: ExportFileContent;
    }
  // host-side (main/host-router.ts answers these; they never reach the engine worker)
  | { readonly type: 'hostInfo' }
  | {
      readonly type: 'pickFolder';
      readonly purpose: 'source' | 'output' | 'checkpoint';
      /** Browser mode: the path the user typed in the page's folder prompt. */
      readonly typedPath?: string;
    }
  | {
      readonly type: 'pickSaveFile';
      readonly purpose: 'workspace' | 'export';
      readonly defaultName: string;
      readonly typedPath?: string;
    }
  | { readonly type: 'pickOpenFile'; readonly purpose: 'workspace'; readonly typedPath?: string }
  | { readonly type: 'openWorkspace'; readonly path: string }
  | { readonly type: 'newWorkspace' }
  | { readonly type: 'saveWorkspace'; readonly path: string; readonly workspace: Workspace }
  | {
      readonly type: 'autosaveWorkspace';
      readonly path: string | null;
      readonly workspace: Workspace;
    }
  | { readonly type: 'recentWorkspaces' };

export type RequestType = RequestBody['type'];

export interface RequestResults {
  listQueries: readonly QueryInfo[];
  startDemo: DemoInfo;
  startQuery: QueryInfo;
  stopQuery: QueryInfo;
  sql: SqlResult;
  getTriggerTable: TriggerTable;
  setTablePushLimit: { readonly maxRows: number | null };
  previewSource: SourcePreview;
  parseSchema: ParsedSchema;
  analyzeDraft: DraftAnalysis;
  listFunctions: readonly FunctionInfo[];
  exportSnapshot: SnapshotExportResult;
  /** Tab-separated text with a header line, for the clipboard. */
  snapshotText: { readonly text: string; readonly numRows: number };
  sparkStatus: SparkStatus;
  runOnSpark: SparkRunInfo;
  stopSparkRun: SparkRunInfo;
  listSparkRuns: readonly SparkRunInfo[];
  // builder (issue 6 §1) results go here
  previewDraft: DraftPreview;
  draftFromPlan: DraftFromPlan;
  // late-data lens (issue 6 §2) results go here
  lateDataTrace: LateDataTrace;
  replayWatermark: WatermarkReplay;
  explainLateRow: LateRowExplanation;
  // dashboard (issue 6 §3) results go here
  saveExportFile: SavedExportFile;
  hostInfo: HostInfo;
  /** Null when the user cancelled the dialog. */
  pickFolder: { readonly path: string } | null;
  pickSaveFile: { readonly path: string } | null;
  pickOpenFile: { readonly path: string } | null;
  openWorkspace: OpenedWorkspace;
  /** A fresh workspace, or the untitled autosave left by a crash (recovered: true). */
  newWorkspace: OpenedWorkspace;
  saveWorkspace: { readonly path: string; readonly savedAt: string };
  autosaveWorkspace: { readonly path: string; readonly savedAt: string };
  recentWorkspaces: readonly RecentWorkspace[];
}

/** Requests the host answers itself (list in host-side-requests.ts). */
export type HostSideRequestType =
  | 'hostInfo'
  | 'pickFolder'
  | 'pickSaveFile'
  | 'pickOpenFile'
  | 'openWorkspace'
  | 'newWorkspace'
  | 'saveWorkspace'
  | 'autosaveWorkspace'
  | 'recentWorkspaces';

/** A request as sent: its body plus an id the response echoes (unique per connection). */
export type HostRequest = RequestBody & { readonly id: number };

export type HostResponse =
  | {
      readonly kind: 'response';
      readonly id: number;
      readonly ok: true;
      readonly result: RequestResults[RequestType];
    }
  | {
      readonly kind: 'response';
      readonly id: number;
      readonly ok: false;
      readonly error: ErrorInfo;
    };

// ─── Events ───────────────────────────────────────────────────────────────────────────

export type EngineEvent =
  /** QueryStartedEvent: a query began (its triggers list is empty). */
  | { readonly type: 'queryStarted'; readonly query: QueryInfo }
  /** QueryProgressEvent: a trigger ran a batch. Followed by `triggerResult` when the query has a result table. */
  | {
      readonly type: 'progress';
      readonly queryId: string;
      readonly progress: ProgressJSON;
      readonly trigger: TriggerInfo;
      readonly inputHealth: InputHealth;
    }
  /** The result table after trigger `batchId`. */
  | { readonly type: 'triggerResult'; readonly table: TriggerTable }
  /** QueryTerminatedEvent: the query stopped (`error` null) or failed. */
  | { readonly type: 'queryTerminated'; readonly queryId: string; readonly error: ErrorInfo | null }
  /**
   * Sent by the host, not the service: the engine worker died and was started again.
   * Queries of the old worker are gone; the demo (if configured) starts again.
   */
  | { readonly type: 'engineRestarted'; readonly reason: string; readonly restarts: number }
  /** Sent by the Electron host: an app-menu item or accelerator the renderer carries out. */
  | { readonly type: 'command'; readonly command: AppCommand }
  /** A log line of a run on Spark. */
  | {
      readonly type: 'sparkRunLog';
      readonly runId: string;
      readonly line: string;
      readonly stream: 'stdout' | 'stderr';
    }
  /** A StreamingQueryProgress of a run on Spark, as Spark's JSON. */
  | { readonly type: 'sparkRunProgress'; readonly runId: string; readonly progress: Record<string, unknown> }
  // late-data lens / dashboard (issue 6) events go here
  /**
   * New late-data trace triggers of a query (at most a few per second; ask `lateDataTrace`
   * with `sinceBatch` for them). Counts are summed over the triggers since the last event.
   */
  | {
      readonly type: 'lateData';
      readonly queryId: string;
      readonly batchId: number;
      readonly numRows: number;
      readonly numDropped: number;
    }
  /** A run on Spark ended (its final state in `run`). */
  | { readonly type: 'sparkRunEnded'; readonly run: SparkRunInfo }
  /** Sent by the host: a second launch asked to open this workspace file. */
  | { readonly type: 'openWorkspaceFile'; readonly path: string };

export type EngineEventType = EngineEvent['type'];

export interface HostEventMessage {
  readonly kind: 'event';
  readonly event: EngineEvent;
}

/** Everything the engine side sends to the UI. */
export type HostMessage = HostResponse | HostEventMessage;
