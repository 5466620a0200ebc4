/**
 * File formats: decode a file's bytes into a ColumnBatch for a declared schema (with
 * Spark's conversions and parse modes), and encode batches for the file sinks.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import type { StructType } from '../../types/struct-type';
import type { SourceWarning } from '../source';

export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

/** Session settings readers need. */
export interface ReaderConf {
  /** spark.sql.session.timeZone (IANA id or offset), used for timestamp strings without a zone. */
  readonly timeZone: string;
  /** spark.sql.columnNameOfCorruptRecord (default `_corrupt_record`). */
  readonly columnNameOfCorruptRecord: string;
}

export interface FileReadResult {
  readonly batch: ColumnBatch;
  readonly numCorruptRecords: number;
  readonly warnings: readonly SourceWarning[];
}

export interface FormatReader {
  /**
   * Decodes one whole file. `schema` is the declared schema; `requiredColumns`, when
   * given, lists the only fields the plan reads (others may be skipped and left null).
   * FAILFAST errors are SparkRuntimeException naming the file and line.
   */
  read(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult;
}

export interface FormatWriter {
  /** Encodes a batch as the bytes of one output file. */
  encode(batch: ColumnBatch): Uint8Array;
  readonly extension: string;
}
