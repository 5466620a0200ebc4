/**
 * A streaming source, as Spark's Source/MicroBatchStream: the loop asks for the latest
 * offset, writes it to the offsets log, then asks for the data between the previous and
 * the new offset. Offsets are JSON so they go into the log as they are.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { StructType } from '../types/struct-type';

export type Offset = unknown;

/** Something a reader noticed that the user should see (progress, app), e.g. implausible timestamps. */
export interface SourceWarning {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly column?: string;
}

export interface SourceBatch {
  readonly batch: ColumnBatch;
  /** Files read for this batch (file sources), in read order. */
  readonly files?: readonly string[];
  /** Records that were malformed (PERMISSIVE: kept as corrupt rows; DROPMALFORMED: dropped). */
  readonly numCorruptRecords?: number;
  readonly warnings?: readonly SourceWarning[];
}

export interface Source {
  readonly schema: StructType;
  /** Spark-style description for progress (`FileStreamSource[file:/data/iot]`). */
  readonly description: string;
  /** The newest offset available now, or null when there has never been data. */
  latestOffset(): Promise<Offset | null>;
  /** The rows after `start` (exclusive; null = from the beginning) up to `end` (inclusive). */
  getBatch(start: Offset | null, end: Offset): Promise<SourceBatch>;
  /** Everything up to `end` is committed: the source may forget or clean it. */
  commit(end: Offset): Promise<void>;
  /**
   * True while input is present but not yet offered (a file still settling, see
   * file-stability.ts), so processAllAvailable() keeps waiting for it instead of calling
   * the query caught up. Sources that offer everything they see at once omit it.
   */
  hasPendingInput?(): boolean;
  /** Registers a callback for "new data may be there" (folder watcher), to wake an idle query early. */
  onDataAvailable?(listener: () => void): void;
  /** Applies Trigger.Once/AvailableNow semantics: `prepareForTriggerAvailableNow` in Spark. */
  prepareForAvailableNow?(): Promise<void>;
  stop(): Promise<void>;
}
