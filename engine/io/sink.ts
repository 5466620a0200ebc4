/**
 * A streaming sink, as Spark's Sink: one call per batch with that batch's output rows.
 * `addBatch` must be idempotent per batchId, so a batch re-run after a crash is harmless.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { OutputMode } from '../exec/physical-plan';

export interface Sink {
  /** Spark's description for progress.sink.description (`MemorySink`, `FileSink[path]`). */
  readonly description: string;
  addBatch(batchId: number, batch: ColumnBatch, outputMode: OutputMode): Promise<void>;
  /** Rows written by the last batch, or -1 where Spark reports -1 (file sink). */
  lastNumOutputRows(): number;
  stop(): Promise<void>;
}
