/**
 * Reads a list of files with one format reader and concatenates them into one batch, in
 * list order. Reads run a few at a time (I/O overlaps decoding). Failures follow Spark's
 * FileScanRDD:
 *
 * - A file that vanished since it was listed fails the batch with FAILED_READ_FILE.FILE_NOT_EXIST,
 *   or is skipped with a warning when `ignoreMissingFiles` is true.
 * - Any other I/O error (no permission, a folder where the file was) or an unexpected decoding
 *   error fails it with FAILED_READ_FILE.NO_HINT naming the file, or skips the file with a
 *   warning when `ignoreCorruptFiles` is true. Errors the readers raise on purpose (FAILFAST's
 *   MALFORMED_RECORD_IN_PARSING, naming file and line) are never skipped: in Spark they are a
 *   SparkException, which ignoreCorruptFiles does not catch.
 */
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ColumnBatch } from '../../batch/column-batch';
import { SparkRuntimeException, TidemarkError } from '../../errors';
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
  /** Spark's ignoreCorruptFiles: skip a file that cannot be read instead of failing. */
  readonly ignoreCorruptFiles?: boolean;
  /** Files read at the same time (default 8). */
  readonly concurrency?: number;
  readonly requiredColumns?: readonly string[];
  /**
   * Where bytes come from for paths that are not local files (an object store such as S3):
   * given, it replaces `fs.readFile` and its errors are reported as they are thrown. Paths
   * are then URIs (`s3://bucket/key`) and appear in messages unchanged.
   */
  readonly readBytes?: (path: string) => Promise<Uint8Array>;
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
      const ignoreCorrupt = options.ignoreCorruptFiles ?? false;
      const data = await readFileBytes(
        paths[i],
        options.ignoreMissingFiles,
        warnings,
        ignoreCorrupt,
        options.readBytes,
      );
      if (data === null) continue;
      try {
        results[i] = reader.read(paths[i], data, schema, options.requiredColumns);
      } catch (e) {
        if (e instanceof TidemarkError) throw e;
        const error = cannotReadFile(paths[i], e);
        if (!ignoreCorrupt) throw error;
        warnings.push(skippedCorruptFile(paths[i], e));
      }
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

/**
 * A file's bytes; null (plus a warning) for a missing file when `ignoreMissing`, or for an
 * unreadable one when `ignoreCorrupt`.
 */
export async function readFileBytes(
  path: string,
  ignoreMissing: boolean,
  warnings: SourceWarning[],
  ignoreCorrupt = false,
  readBytes: (path: string) => Promise<Uint8Array> = (p) => fs.readFile(p),
): Promise<Uint8Array | null> {
  try {
    return await readBytes(path);
  } catch (e) {
    if (!isNotFound(e)) {
      if (!ignoreCorrupt) throw cannotReadFile(path, e);
      warnings.push(skippedCorruptFile(path, e));
      return null;
    }
    const uri = displayUri(path);
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

/** QueryExecutionErrors.cannotReadFilesError: FAILED_READ_FILE.NO_HINT with the cause's reason. */
export function cannotReadFile(path: string, cause: unknown): SparkRuntimeException {
  const uri = displayUri(path);
  return new SparkRuntimeException(
    'FAILED_READ_FILE.NO_HINT',
    `Encountered error while reading file ${uri}. ${reasonOf(cause)}\n` +
      "If the file is damaged or unreadable and may be skipped, set the option 'ignoreCorruptFiles' to 'true'.",
    { messageParameters: { path: uri }, sqlState: 'KD001', cause, context: { file: path } },
  );
}

function skippedCorruptFile(path: string, cause: unknown): SourceWarning {
  return {
    code: 'FAILED_READ_FILE',
    message: `Skipped the rest of the content in the corrupted file: ${displayUri(path)} (${reasonOf(cause)})`,
    file: path,
  };
}

/** The cause in words: Node's I/O errors carry a code (EACCES, EISDIR, ELOOP) worth showing. */
function reasonOf(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && !cause.message.startsWith(code) ? `${code}: ${cause.message}` : cause.message;
}

/** A local path as Spark prints it (`file:/…` URI); a path that already is a URI (`s3://…`) as it is. */
export function displayUri(path: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : pathToFileURL(path).href;
}
