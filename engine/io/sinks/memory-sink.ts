/**
 * The memory sink (Spark's MemorySink, execution/streaming/sources/memory.scala): keeps every
 * batch's rows in memory and publishes them as a table named after the query
 * (`spark.sql("SELECT * FROM <queryName>")`). Append and Update add the batch's rows
 * (Update through SupportsStreamingUpdateAsAppend); Complete replaces the whole table
 * (SupportsTruncate). A batch id at or below the last one held is skipped, so a re-run
 * batch after a restart is not added twice.
 *
 * Reads (`snapshot`) concatenate the held batches once and cache the result until the next
 * write, so polling the table from the UI stays cheap.
 */
import { ColumnBatch } from '../../batch/column-batch';
import type { OutputMode } from '../../exec/physical-plan';
import type { MemoryTableProvider } from '../../plan/catalog';
import type { StructType } from '../../types/struct-type';
import type { Sink } from '../sink';

export class MemorySink implements Sink, MemoryTableProvider {
  readonly description = 'MemorySink';
  private batches: ColumnBatch[] = [];
  private latestBatchId: number | null = null;
  private lastRows = 0;
  private cached: ColumnBatch | null = null;

  constructor(readonly schema: StructType) {}

  async addBatch(batchId: number, batch: ColumnBatch, outputMode: OutputMode): Promise<void> {
    if (this.latestBatchId !== null && batchId <= this.latestBatchId) {
      this.lastRows = 0;
      return;
    }
    const rows = batch.withSchema(this.schema);
    if (outputMode === 'complete') this.batches = [rows];
    else this.batches.push(rows);
    this.latestBatchId = batchId;
    this.lastRows = batch.numRows;
    this.cached = null;
  }

  /** The id of the newest batch held, or null (MemorySink.latestBatchId). */
  get latestBatch(): number | null {
    return this.latestBatchId;
  }

  /** Every row the table holds now. */
  snapshot(): ColumnBatch {
    if (this.cached === null) this.cached = ColumnBatch.concat(this.schema, this.batches);
    return this.cached;
  }

  /** The rows of the newest batch only (MemorySink.latestBatchData). */
  latestBatchData(): ColumnBatch {
    return this.batches.length === 0
      ? ColumnBatch.empty(this.schema)
      : this.batches[this.batches.length - 1];
  }

  clear(): void {
    this.batches = [];
    this.latestBatchId = null;
    this.cached = null;
  }

  lastNumOutputRows(): number {
    return this.lastRows;
  }

  async stop(): Promise<void> {}
}
