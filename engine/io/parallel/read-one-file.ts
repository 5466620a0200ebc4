/**
 * One file of a batch, read and decoded under Spark's FileScanRDD rules; the same code runs
 * in the calling thread and in a decode worker, so both fail and skip alike:
 *
 * - A file that vanished since it was listed fails the batch with FAILED_READ_FILE.FILE_NOT_EXIST,
 *   or is skipped with a warning when `ignoreMissingFiles` is true.
 * - Any other I/O error (no permission, a folder where the file was) or an unexpected decoding
 *   error fails it with FAILED_READ_FILE.NO_HINT naming the file, or skips the file with a
 *   warning when `ignoreCorruptFiles` is true. Errors the readers raise on purpose (FAILFAST's
 *   MALFORMED_RECORD_IN_PARSING, naming file and line) are never skipped: in Spark they are a
 *   SparkException, which ignoreCorruptFiles does not catch.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SparkRuntimeException, TidemarkError } from '../../errors';
import type { StructType } from '../../types/struct-type';
import type { FileReadResult, FormatReader } from '../formats/format';
import type { SourceWarning } from '../source';
import { isNotFound } from '../sources/file-listing';
import { MAX_DECODED_FILE_BYTES } from '../formats/line-splitter';
import { decodeInChunks, openLocal, type LocalIo } from './line-chunks';

export interface FileReadRules {
  readonly ignoreMissingFiles: boolean;
  readonly ignoreCorruptFiles: boolean;
  readonly requiredColumns?: readonly string[];
}

/** A file's rows, or null when it was skipped; `warnings` say why it was skipped. */
export interface FileOutcome {
  readonly result: FileReadResult | null;
  readonly warnings: SourceWarning[];
}

/**
 * Decodes one file: `data` is its bytes, where to get them (errors are handled as
 * readFileBytes says), or how to read the local file: a format with a line decoder reads it in
 * bounded chunks (line-chunks.ts), any other the whole file at once (fs.readFile, or
 * readFileSync when 'blocking').
 */
export async function readOneFile(
  path: string,
  reader: FormatReader,
  schema: StructType,
  rules: FileReadRules,
  data: Uint8Array | ((path: string) => Promise<Uint8Array>) | LocalIo = 'async',
): Promise<FileOutcome> {
  const warnings: SourceWarning[] = [];
  if (typeof data === 'string') {
    const chunked = await readInChunks(path, reader, schema, rules, data, warnings);
    if (chunked !== WHOLE_FILE) return { result: chunked, warnings };
  }
  const bytes =
    data instanceof Uint8Array
      ? data
      : await readFileBytes(
          path,
          rules.ignoreMissingFiles,
          warnings,
          rules.ignoreCorruptFiles,
          typeof data === 'function' ? data : data === 'blocking' ? readWholeBlocking : undefined,
        );
  if (bytes === null) return { result: null, warnings };
  return { result: decodeOneFile(path, bytes, reader, schema, rules, warnings), warnings };
}

/**
 * One read call for the whole file in a decode worker: fs.readFile reads in 512 KiB chunks,
 * each a trip through the event loop, and the worker's loop is blocked while it decodes.
 */
const readWholeBlocking = async (path: string): Promise<Uint8Array> => readFileSync(path);

const WHOLE_FILE = Symbol('whole file');

/**
 * A local file through the reader's line decoder, under the same rules as readFileBytes (I/O)
 * and decodeOneFile (decoding). WHOLE_FILE when the format or schema has no line decoder, or
 * for an empty file (it may be a special file whose size says nothing) or one too large to
 * decode, so those read exactly as before.
 */
async function readInChunks(
  path: string,
  reader: FormatReader,
  schema: StructType,
  rules: FileReadRules,
  io: LocalIo,
  warnings: SourceWarning[],
): Promise<FileReadResult | null | typeof WHOLE_FILE> {
  if (reader.lineDecoder === undefined) return WHOLE_FILE;
  const file = await guardIo(path, rules.ignoreMissingFiles, warnings, rules.ignoreCorruptFiles, () => openLocal(path, io));
  if (file === null) return null;
  try {
    if (file.size === 0 || file.size > MAX_DECODED_FILE_BYTES) return WHOLE_FILE;
    return await guardDecode(path, rules, warnings, async () => {
      const decoder = reader.lineDecoder!(path, schema, rules.requiredColumns);
      return decoder === null ? WHOLE_FILE : decodeInChunks(file, decoder);
    });
  } finally {
    await file.close().catch(() => undefined);
  }
}

/** decodeOneFile's rules for a decode that awaits its input. */
async function guardDecode<T>(
  path: string,
  rules: FileReadRules,
  warnings: SourceWarning[],
  decode: () => Promise<T>,
): Promise<T | null> {
  try {
    return await decode();
  } catch (e) {
    if (e instanceof TidemarkError) throw e;
    if (!rules.ignoreCorruptFiles) throw cannotReadFile(path, e);
    warnings.push(skippedCorruptFile(path, e));
    return null;
  }
}

/** Decodes a file's bytes; null (plus a warning) when it cannot be and `ignoreCorruptFiles`. */
export function decodeOneFile(
  path: string,
  data: Uint8Array,
  reader: FormatReader,
  schema: StructType,
  rules: FileReadRules,
  warnings: SourceWarning[],
): FileReadResult | null {
  try {
    return reader.read(path, data, schema, rules.requiredColumns);
  } catch (e) {
    if (e instanceof TidemarkError) throw e;
    if (!rules.ignoreCorruptFiles) throw cannotReadFile(path, e);
    warnings.push(skippedCorruptFile(path, e));
    return null;
  }
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
  return guardIo(path, ignoreMissing, warnings, ignoreCorrupt, () => readBytes(path));
}

/** readFileBytes's rules for any I/O on a file. */
async function guardIo<T>(
  path: string,
  ignoreMissing: boolean,
  warnings: SourceWarning[],
  ignoreCorrupt: boolean,
  io: () => Promise<T>,
): Promise<T | null> {
  try {
    return await io();
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
