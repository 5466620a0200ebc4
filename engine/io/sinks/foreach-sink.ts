/**
 * foreach (Spark's ForeachWriterTable / PySpark's foreach): hands each output row to the
 * user. Either a function called per row, or a writer object with Spark's lifecycle per
 * partition and epoch: `open(partitionId, epochId)` (false = skip this partition's rows),
 * `process(row)` for each row, then `close(error)` with the error that stopped processing,
 * or null. Tidemark runs one partition (id 0); the epoch id is the batch id. An error from
 * `process` fails the batch after `close` has seen it.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import type { OutputMode } from '../../exec/physical-plan';
import type { Sink } from '../sink';

export type ForeachRow = Record<string, unknown>;

export interface ForeachWriter {
  open?(partitionId: number, epochId: number): boolean | Promise<boolean>;
  process(row: ForeachRow): void | Promise<void>;
  close?(error: unknown): void | Promise<void>;
}

export type ForeachFunction = (row: ForeachRow) => void | Promise<void>;

export class ForeachSink implements Sink {
  readonly description = 'ForeachWriterTable';
  private readonly writer: ForeachWriter;
  private lastRows = 0;

  constructor(writer: ForeachWriter | ForeachFunction) {
    this.writer = typeof writer === 'function' ? { process: writer } : writer;
  }

  async addBatch(batchId: number, batch: ColumnBatch, _outputMode: OutputMode): Promise<void> {
    const w = this.writer;
    const opened = w.open === undefined ? true : await w.open(0, batchId);
    let failure: unknown = null;
    let written = 0;
    if (opened) {
      try {
        for (const row of batch.toRows()) {
          await w.process(row);
          written++;
        }
      } catch (e) {
        failure = e;
      }
    }
    await w.close?.(failure);
    this.lastRows = written;
    if (failure !== null) throw failure;
  }

  lastNumOutputRows(): number {
    return this.lastRows;
  }

  async stop(): Promise<void> {}
}
