/**
 * foreachBatch (Spark's ForeachBatchSink): calls the user's function with each batch's
 * output as a static DataFrame and the batch id, awaiting it before the batch commits. A
 * throwing function (or a rejected promise) fails the batch, and so the query.
 *
 * The DataFrame is built by the caller-supplied `toDataFrame` (DataStreamWriter makes a
 * local relation in the query's session), which keeps this sink free of the plan layer.
 * Like Spark's V1 ForeachBatchSink it does not count output rows (-1 in progress).
 */
import type { ColumnBatch } from '../../batch/column-batch';
import type { OutputMode } from '../../exec/physical-plan';
import type { Sink } from '../sink';

export type ForeachBatchFunction<D> = (df: D, batchId: number) => void | Promise<void>;

export class ForeachBatchSink<D> implements Sink {
  readonly description = 'ForeachBatchSink';

  constructor(
    private readonly fn: ForeachBatchFunction<D>,
    private readonly toDataFrame: (batch: ColumnBatch) => D,
  ) {}

  async addBatch(batchId: number, batch: ColumnBatch, _outputMode: OutputMode): Promise<void> {
    await this.fn(this.toDataFrame(batch), batchId);
  }

  lastNumOutputRows(): number {
    return -1;
  }

  async stop(): Promise<void> {}
}
