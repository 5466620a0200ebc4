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
 *
 * Unlike Spark's, the table has a size limit (memory-sink-limits.ts): a batch that would take
 * it past the limit fails the query (MEMORY_SINK_LIMIT_EXCEEDED) before any of its rows are
 * taken, and nearing the limit adds a warning to progress (`resourceWarnings`).
 */
import { ColumnBatch } from '../../batch/column-batch';
import type { OutputMode } from '../../exec/physical-plan';
import type { MemoryTableProvider } from '../../plan/catalog';
import type { StructType } from '../../types/struct-type';
import type { Sink } from '../sink';
import type { SourceWarning } from '../source';
import {
  defaultMemorySinkLimits,
  estimateBatchBytes,
  memorySinkHighWarning,
  memorySinkLimitExceeded,
  type MemorySinkLimits,
} from './memory-sink-limits';

export class MemorySink implements Sink, MemoryTableProvider {
  readonly description = 'MemorySink';
  private batches: ColumnBatch[] = [];
  private latestBatchId: number | null = null;
  private lastRows = 0;
  private cached: ColumnBatch | null = null;
  /** The held batches' rows and estimated bytes, kept as batches come and go. */
  private heldRows = 0;
  private heldBytes = 0;
  private warnings: SourceWarning[] = [];

  constructor(
    readonly schema: StructType,
    readonly limits: MemorySinkLimits = defaultMemorySinkLimits(),
  ) {}

  async addBatch(batchId: number, batch: ColumnBatch, outputMode: OutputMode): Promise<void> {
    if (this.latestBatchId !== null && batchId <= this.latestBatchId) {
      this.lastRows = 0;
      return;
    }
    const rows = batch.withSchema(this.schema);
    const complete = outputMode === 'complete';
    const bytes = estimateBatchBytes(rows);
    const after = {
      rows: complete ? rows.numRows : this.heldRows + rows.numRows,
      bytes: complete ? bytes : this.heldBytes + bytes,
    };
    const exceeded = memorySinkLimitExceeded(after, this.limits, batchId, complete);
    if (exceeded !== null) throw exceeded;
    if (complete) this.batches = [rows];
    else this.batches.push(rows);
    this.heldRows = after.rows;
    this.heldBytes = after.bytes;
    const warning = memorySinkHighWarning(after, this.limits);
    this.warnings = warning === null ? [] : [warning];
    this.latestBatchId = batchId;
    this.lastRows = batch.numRows;
    this.cached = null;
  }

  /** MEMORY_SINK_HIGH after the last batch taken, when the table is near its limit. */
  resourceWarnings(): readonly SourceWarning[] {
    return this.warnings;
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
    this.heldRows = 0;
    this.heldBytes = 0;
    this.warnings = [];
  }

  lastNumOutputRows(): number {
    return this.lastRows;
  }

  async stop(): Promise<void> {}
}
