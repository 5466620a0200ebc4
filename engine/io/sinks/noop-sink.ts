/**
 * The `noop` sink (Spark's NoopTable): runs the query and drops the rows, for measuring
 * throughput without a sink's cost.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import type { OutputMode } from '../../exec/physical-plan';
import type { Sink } from '../sink';

export class NoopSink implements Sink {
  readonly description = 'NoopTable';
  private lastRows = 0;

  async addBatch(_batchId: number, batch: ColumnBatch, _outputMode: OutputMode): Promise<void> {
    this.lastRows = batch.numRows;
  }

  lastNumOutputRows(): number {
    return this.lastRows;
  }

  async stop(): Promise<void> {}
}
