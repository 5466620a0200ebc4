/**
 * The contract between the planner (exec/compile.ts) and the micro-batch loop
 * (stream/). A PhysicalPlan is compiled once per query run; stateful operators keep
 * their state inside it between batches.
 *
 * One batch: the loop hands in each source's new rows, the watermark computed at the end
 * of the previous batch (Spark's batchWatermarkMs, used to drop late rows), and the output
 * mode; the plan returns the rows to hand to the sink for this batch, and reports the
 * event-time statistics from which the loop advances the watermark.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { StructType } from '../types/struct-type';
import type { OperatorLateData } from './late-data-recorder';
import type { StatefulOperator } from './operator';

export type OutputMode = 'append' | 'update' | 'complete';

export interface BatchContext {
  readonly batchId: number;
  /**
   * Watermark in effect for this batch, µs since epoch (Spark's batchWatermarkMs × 1000); 0
   * before any. Stateful operators evict and emit with it (eventTimeWatermarkForEviction).
   */
  readonly watermarkUs: number;
  /**
   * The watermark late rows are dropped against (eventTimeWatermarkForLateEvents): with
   * spark.sql.streaming.statefulOperator.allowMultiple (Spark 3.4+ default) the previous
   * batch's watermark. Absent: the plan uses the watermark of the batch it ran before.
   */
  readonly lateEventsWatermarkUs?: number;
  /** Trigger timestamp, µs since epoch: current_timestamp() for every row of the batch. */
  readonly batchTimestampUs: number;
  readonly outputMode: OutputMode;
  /** True for a batch that runs only because the watermark moved (Spark's no-data batch). */
  readonly noData: boolean;
}

/** Spark's StateOperatorProgress fields, one per stateful operator. */
export interface StateOperatorMetrics {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
  memoryUsedBytes: number;
  customMetrics?: Record<string, number>;
}

/** Per watermark node: event times seen in this batch (µs), for progress.eventTime and the next watermark. */
export interface EventTimeStats {
  readonly nodeIndex: number;
  readonly delayUs: number;
  max: number;
  min: number;
  sum: number;
  count: number;
}

export interface BatchResult {
  /** Rows for the sink, already shaped for the output mode. */
  readonly output: ColumnBatch;
  readonly eventTime: readonly EventTimeStats[];
  readonly stateOperators: readonly StateOperatorMetrics[];
  /** Per stateful operator with an event time, what happened to late rows (only while tracing). */
  readonly lateData?: readonly OperatorLateData[];
}

/** A stateful operator and its id: Spark's operatorId, the folder `state/<operatorId>/` of its state. */
export interface StatefulOperatorEntry {
  readonly operatorId: number;
  readonly operator: StatefulOperator;
}

export interface PhysicalPlan {
  readonly outputSchema: StructType;
  /** Source ids (SourceNode.id) this plan reads, in plan order. */
  readonly sourceIds: readonly string[];
  readonly hasWatermark: boolean;
  readonly isStateful: boolean;
  /** Runs one micro-batch. `inputs` maps a source id to its new rows (missing = no rows). */
  runBatch(inputs: ReadonlyMap<string, ColumnBatch>, ctx: BatchContext): BatchResult;
  /**
   * Whether a no-data batch with this new watermark would emit or evict anything
   * (Spark's shouldRunAnotherBatch); stateless plans return false.
   */
  needsNoDataBatch(nextWatermarkUs: number, outputMode: OutputMode): boolean;
  /**
   * The stateful operators, numbered root first as Spark numbers them; the checkpoint saves
   * and restores their state. Absent: the plan keeps no state a checkpoint could restore.
   */
  readonly statefulOperators?: readonly StatefulOperatorEntry[];
  /** Turns the late-data trace on or off (off by default; off costs nothing). */
  setLateDataTracing?(on: boolean): void;
}
