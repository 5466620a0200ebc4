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
import type { QuerySpec } from '../plan/logical-plan';

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
  /** The first occurrence's message (it names a file and suggests a fix). */
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

// ─── Requests and responses ───────────────────────────────────────────────────────────

/** Request bodies by type; each maps to its result type in `RequestResults`. */
export type RequestBody =
  | { readonly type: 'listQueries' }
  | { readonly type: 'startDemo' }
  | { readonly type: 'startQuery'; readonly spec: QuerySpec }
  | { readonly type: 'stopQuery'; readonly queryId: string }
  | { readonly type: 'sql'; readonly text: string; readonly maxRows?: number }
  | { readonly type: 'getTriggerTable'; readonly queryId: string; readonly batchId: number };

export type RequestType = RequestBody['type'];

export interface RequestResults {
  listQueries: readonly QueryInfo[];
  startDemo: DemoInfo;
  startQuery: QueryInfo;
  stopQuery: QueryInfo;
  sql: SqlResult;
  getTriggerTable: TriggerTable;
}

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
  | { readonly type: 'engineRestarted'; readonly reason: string; readonly restarts: number };

export type EngineEventType = EngineEvent['type'];

export interface HostEventMessage {
  readonly kind: 'event';
  readonly event: EngineEvent;
}

/** Everything the engine side sends to the UI. */
export type HostMessage = HostResponse | HostEventMessage;
