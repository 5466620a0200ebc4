/**
 * Reads a list of files with one format reader and concatenates them into one batch, in
 * list order. Reads run a few at a time (I/O overlaps decoding). A file that vanished
 * since it was listed fails the batch with Spark's FAILED_READ_FILE.FILE_NOT_EXIST
 * (FileScanRDD with ignoreMissingFiles=false), or is skipped with a warning when the
 * `ignoreMissingFiles` option is true.
 */
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ColumnBatch } from '../../batch/column-batch';
import { SparkRuntimeException } from '../../errors';
import type { StructType } from '../../types/struct-type';
import type { FileReadResult, FormatReader } from '../formats/format';
import type { SourceWarning } from '../source';
import { isNotFound } from './file-listing';

export interface FilesReadResult {
  readonly batch: ColumnBatch;
  /** Files actually read (absolute paths), in order. */
  readonly files: string[];
  readonly numCorruptRecords: number;
  readonly warnings: SourceWarning[];
}

export interface ReadFilesOptions {
  readonly ignoreMissingFiles: boolean;
  /** Files read at the same time (default 8). */
  readonly concurrency?: number;
  readonly requiredColumns?: readonly string[];
}

export async function readFiles(
  paths: readonly string[],
  reader: FormatReader,
  schema: StructType,
  options: ReadFilesOptions,
): Promise<FilesReadResult> {
  const results: (FileReadResult | null)[] = new Array(paths.length).fill(null);
  const warnings: SourceWarning[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const data = await readFileBytes(paths[i], options.ignoreMissingFiles, warnings);
      if (data !== null) results[i] = reader.read(paths[i], data, schema, options.requiredColumns);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, paths.length));
  await Promise.all(Array.from({ length: workers }, worker));

  const files: string[] = [];
  const batches: ColumnBatch[] = [];
  let numCorruptRecords = 0;
  results.forEach((r, i) => {
    if (r === null) return;
    files.push(paths[i]);
    batches.push(r.batch);
    numCorruptRecords += r.numCorruptRecords;
    warnings.push(...r.warnings);
  });
  return { batch: ColumnBatch.concat(schema, batches), files, numCorruptRecords, warnings };
}

/** A file's bytes; null (plus a warning) for a missing file when `ignoreMissing`. */
export async function readFileBytes(
  path: string,
  ignoreMissing: boolean,
  warnings: SourceWarning[],
): Promise<Uint8Array | null> {
  try {
    return await fs.readFile(path);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    const uri = pathToFileURL(path).href;
    if (ignoreMissing) {
      warnings.push({
        code: 'FILE_NOT_EXIST',
        message: `Skipped missing file: ${uri}`,
        file: path,
      });
      return null;
    }
    throw new SparkRuntimeException(
      'FAILED_READ_FILE.FILE_NOT_EXIST',
      `Encountered error while reading file ${uri}. File does not exist. It is possible the underlying files have been updated.\n` +
        "You can explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL or by recreating the Dataset/DataFrame involved.",
      { messageParameters: { path: uri }, sqlState: 'KD001', cause: e },
    );
  }
}
