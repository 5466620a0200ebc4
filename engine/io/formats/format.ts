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
  /**
   * spark.tidemark.source.parseThreads: threads that decode the files of one batch
   * (engine/io/parallel). Absent: os.availableParallelism(); 1: the calling thread only.
   */
  readonly parseThreads?: number;
  /** The session's `spark.hadoop.*` settings, prefix removed (S3 sources read `fs.s3a.*`). */
  readonly hadoopConf?: Readonly<Record<string, string>>;
}

/**
 * Enough to build the same reader again in another thread (engine/io/parallel): plain data,
 * so it survives structured clone. readerFor attaches it to the readers it makes.
 */
export interface ReaderDescriptor {
  /** The short name `readerFor` takes (json, csv, text, parquet, arrow). */
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly conf: ReaderConf;
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
  /**
   * For line-based formats: the same decoding as `read`, fed a file's bytes a region at a
   * time (engine/io/parallel/read-one-file.ts reads local files in bounded chunks, so a big
   * file never sits in memory whole). Absent, or null for this schema: `read` the whole file.
   */
  lineDecoder?(path: string, schema: StructType, requiredColumns?: readonly string[]): LineChunkDecoder | null;
  /** How to re-create this reader in a decode worker; absent, files are decoded in the calling thread. */
  readonly descriptor?: ReaderDescriptor;
}

/** One file's lines decoded region by region, in file order (FormatReader.lineDecoder). */
export interface LineChunkDecoder {
  /**
   * Decodes the whole lines in `bytes[start, end)`. The first region starts the file; each
   * region ends right after a line terminator (a `\r` only when the next byte is known not to
   * be `\n`) or at the end of the file, so lines and their numbers are the whole file's.
   */
  push(bytes: Buffer, start: number, end: number): void;
  /**
   * After the first region of a larger file: `consumed` bytes were pushed of `total`, so the
   * decoder may size its columns for the whole file once instead of growing them as it goes.
   */
  expectBytes?(consumed: number, total: number): void;
  /** The file's rows, once every region has been pushed. */
  finish(): FileReadResult;
}

export interface FormatWriter {
  /** Encodes a batch as the bytes of one output file. */
  encode(batch: ColumnBatch): Uint8Array;
  readonly extension: string;
}
