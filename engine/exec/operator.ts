/**
 * Physical operators. The compiled plan is a tree of them; running a micro-batch asks the
 * root for its output, and each operator pulls its inputs' output for the same batch.
 * Stateless operators map a batch to a batch. Stateful ones (aggregate, deduplicate,
 * limit in streaming) keep a StateStore between batches, commit it when the batch ends
 * and report Spark's stateOperators metrics; a watermark operator reports event-time
 * statistics.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { EvalContext } from '../expr/index';
import type { StructType } from '../types/struct-type';
import type {
  BatchContext,
  EventTimeStats,
  OutputMode,
  StateOperatorMetrics,
} from './physical-plan';
import type { OperatorLateData } from './late-data-recorder';
import type { OperatorStateSchema, RestoredStores, StateStoreView } from './state/operator-state';

export interface ExecContext extends BatchContext {
  /** New rows per source id for this batch (static sources: their whole data). */
  readonly inputs: ReadonlyMap<string, ColumnBatch>;
  readonly evalContext: EvalContext;
  /** The watermark late rows are tested against (see BatchContext.lateEventsWatermarkUs). */
  readonly lateWatermarkUs: number;
}

export interface Operator {
  readonly schema: StructType;
  execute(ctx: ExecContext): ColumnBatch;
}

export interface StatefulOperator extends Operator {
  /** Spark's operator name in progress (`stateStoreSave`, `dedupe`, `globalLimit`). */
  readonly operatorName: string;
  /** Makes the batch's state changes durable and returns the batch's metrics. */
  commit(batchId: number): StateOperatorMetrics;
  /** Drops the batch's state changes (the batch failed). */
  abort(): void;
  needsNoDataBatch(nextWatermarkUs: number, mode: OutputMode): boolean;
  /** The schema of its keys and values, checked against the checkpoint's on restart. */
  stateSchema(): OperatorStateSchema;
  /** Its state as named stores (Spark's store names), for delta and snapshot files. */
  stateStores(): ReadonlyMap<string, StateStoreView>;
  /**
   * Replaces the state with the committed `version` read back from a checkpoint, and
   * rebuilds what derives from it (eviction indexes, counters), as a restarted query's
   * StateStoreRestoreExec loads version N before batch N runs.
   */
  restoreState(stores: RestoredStores, version: number): void;
  /** Late-data trace: start/stop recording (operators without an event time leave it out). */
  setTracing?(on: boolean): void;
  /** What the last batch recorded, while tracing. */
  lateData?(): OperatorLateData | null;
}

export interface EventTimeOperator extends Operator {
  /** Statistics of the batch just run. */
  stats(): EventTimeStats;
}

export function isStateful(op: Operator): op is StatefulOperator {
  return typeof (op as StatefulOperator).commit === 'function';
}
