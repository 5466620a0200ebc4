/**
 * Reads a list of files with one format reader and concatenates them into one batch, in
 * list order. Files are decoded on up to `spark.tidemark.source.parseThreads` threads (the
 * decode pool, engine/io/parallel) when the batch is big enough to pay for it, else in the
 * calling thread with a few reads in flight (I/O overlaps decoding). Either way the result
 * is the same: rows in list order, the same warnings and corrupt counts, and the same error,
 * following Spark's FileScanRDD (read-one-file.ts). When several files fail, the one first
 * in the list is reported, so the error does not depend on which thread finished first.
 */
import { statSync } from 'node:fs';
import { ColumnBatch } from '../../batch/column-batch';
import type { StructType } from '../../types/struct-type';
import type { FileReadResult, FormatReader, ReaderDescriptor } from '../formats/format';
import type { SourceWarning } from '../source';
import { decodeBatch, typeJson, type NullVectors } from '../parallel/batch-codec';
import { decodePool, defaultParseThreads } from '../parallel/decode-pool';
import { decodeError } from '../parallel/error-codec';
import {
  decodeOneFile,
  readFileBytes,
  readOneFile,
  type FileOutcome,
  type FileReadRules,
} from '../parallel/read-one-file';
import type { LocalIo } from '../parallel/line-chunks';
import { sharedCopy } from '../parallel/shared-copy';

export { cannotReadFile, displayUri, readFileBytes } from '../parallel/read-one-file';

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
  /** Files read at the same time in the calling thread (default 8). */
  readonly concurrency?: number;
  readonly requiredColumns?: readonly string[];
  /**
   * Where bytes come from for paths that are not local files (an object store such as S3):
   * given, it replaces `fs.readFile` and its errors are reported as they are thrown. Paths
   * are then URIs (`s3://bucket/key`) and appear in messages unchanged. The bytes are
   * fetched here and shared with a decode thread.
   */
  readonly readBytes?: (path: string) => Promise<Uint8Array>;
  /** Overrides the reader conf's parseThreads (spark.tidemark.source.parseThreads). */
  readonly parseThreads?: number;
}

/**
 * Below this many bytes in a batch, decoding stays in the calling thread: handing files to a
 * worker and the batch back costs about a millisecond, which a small batch (the live case:
 * one file of a thousand rows just written) would feel as latency, while a decode of 1 MiB of
 * JSON takes several milliseconds, enough for a second thread to win.
 */
export const PARALLEL_MIN_BYTES = 1024 * 1024;

export async function readFiles(
  paths: readonly string[],
  reader: FormatReader,
  schema: StructType,
  options: ReadFilesOptions,
): Promise<FilesReadResult> {
  const rules: FileReadRules = {
    ignoreMissingFiles: options.ignoreMissingFiles,
    ignoreCorruptFiles: options.ignoreCorruptFiles ?? false,
    requiredColumns: options.requiredColumns,
  };
  const threads = Math.min(
    options.parseThreads ?? reader.descriptor?.conf.parseThreads ?? defaultParseThreads(),
    paths.length,
  );
  const descriptor = reader.descriptor;
  let outcomes: FileOutcome[];
  if (threads < 2 || descriptor === undefined) {
    outcomes = await inThread(paths, reader, schema, rules, options);
  } else if (options.readBytes !== undefined) {
    outcomes = await fetchedThenDecoded(paths, reader, descriptor, schema, rules, options.readBytes, threads);
  } else {
    const nulls: NullVectors = new Map();
    const sizes = fileSizes(paths);
    outcomes =
      sum(sizes) < PARALLEL_MIN_BYTES
        ? await inThread(paths, reader, schema, rules, options, 'blocking')
        : await allAtOnce(sizes, threads, (i, lane) => inPool(paths[i], descriptor, schema, rules, lane, nulls));
  }
  return assemble(paths, outcomes, schema);
}

/**
 * `io` 'blocking' reads with synchronous calls: for a batch known to be under
 * PARALLEL_MIN_BYTES (the live case, one small file just written), where the reads take
 * microseconds and each asynchronous open, stat, read and close would be a trip through
 * libuv's thread pool and this loop, queued behind whatever else uses the pool.
 */
function inThread(
  paths: readonly string[],
  reader: FormatReader,
  schema: StructType,
  rules: FileReadRules,
  options: ReadFilesOptions,
  io: LocalIo = 'async',
): Promise<FileOutcome[]> {
  const readBytes = options.readBytes;
  return inOrder(paths.length, options.concurrency ?? 8, async (i) => {
    if (readBytes === undefined) return readOneFile(paths[i], reader, schema, rules, io);
    const warnings: SourceWarning[] = [];
    const data = await fetch(paths[i], rules, warnings, readBytes);
    const result = data === null ? null : decodeOneFile(paths[i], data, reader, schema, rules, warnings);
    return { result, warnings };
  });
}

/**
 * Object-store files: every file's bytes are fetched first (sizes are unknown until then),
 * then decoded in the pool with the bytes on a SharedArrayBuffer (copied once, never transferred:
 * parallel/shared-copy.ts), or here when the batch is small.
 */
async function fetchedThenDecoded(
  paths: readonly string[],
  reader: FormatReader,
  descriptor: ReaderDescriptor,
  schema: StructType,
  rules: FileReadRules,
  readBytes: (path: string) => Promise<Uint8Array>,
  threads: number,
): Promise<FileOutcome[]> {
  const fetched = await inOrder(paths.length, 8, async (i) => {
    const warnings: SourceWarning[] = [];
    return { data: await fetch(paths[i], rules, warnings, readBytes), warnings };
  });
  const sizes = fetched.map((f) => f.data?.byteLength ?? 0);
  const nulls: NullVectors = new Map();
  const small = sum(sizes) < PARALLEL_MIN_BYTES;
  return allAtOnce(sizes, small ? 1 : threads, async (i, lane): Promise<FileOutcome> => {
    const { data, warnings } = fetched[i];
    if (data === null) return { result: null, warnings };
    if (small) return { result: decodeOneFile(paths[i], data, reader, schema, rules, warnings), warnings };
    const outcome = await inPool(paths[i], descriptor, schema, rules, lane, nulls, sharedCopy(data));
    return { result: outcome.result, warnings: [...warnings, ...outcome.warnings] };
  });
}

async function inPool(
  path: string,
  descriptor: ReaderDescriptor,
  schema: StructType,
  rules: FileReadRules,
  lane: number,
  nulls: NullVectors,
  data?: Uint8Array,
): Promise<FileOutcome> {
  const reply = await decodePool().run({ path, data, reader: descriptor, schema: typeJson(schema), rules }, lane);
  if (!reply.ok) throw decodeError(reply.error);
  if (reply.result === null) return { result: null, warnings: reply.warnings };
  const result: FileReadResult = {
    batch: decodeBatch(reply.result.batch, schema, nulls),
    numCorruptRecords: reply.result.numCorruptRecords,
    warnings: reply.result.warnings,
  };
  return { result, warnings: reply.warnings };
}

function fetch(
  path: string,
  rules: FileReadRules,
  warnings: SourceWarning[],
  readBytes: (path: string) => Promise<Uint8Array>,
): Promise<Uint8Array | null> {
  return readFileBytes(path, rules.ignoreMissingFiles, warnings, rules.ignoreCorruptFiles, readBytes);
}

/** Sizes from stat (a vanished file counts 0: reading it reports it as the rules say). */
/**
 * Sizes to plan the batch with (0 for a file that is gone: reading it reports that). A stat
 * takes microseconds, so they are synchronous: awaiting them put a thread-pool round trip
 * before every batch, felt as latency when one small file arrives.
 */
function fileSizes(paths: readonly string[]): number[] {
  return paths.map((p) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  });
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Hands every file to a decode thread at once, biggest first, each to the thread with the
 * fewest bytes so far (longest-processing-time scheduling): the threads finish close
 * together and never wait on this thread between files, which a loaded machine would make
 * slow to wake. Every file is started, so the error thrown is that of the first failing file
 * in the list, as inOrder's.
 */
async function allAtOnce<T>(sizes: readonly number[], threads: number, task: (i: number, lane: number) => Promise<T>): Promise<T[]> {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const load = new Array<number>(threads).fill(0);
  const pending = new Array<Promise<T>>(sizes.length);
  for (const i of order) {
    const lane = load.indexOf(Math.min(...load));
    load[lane] += sizes[i];
    pending[i] = task(i, lane);
  }
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/**
 * Runs `task(i)` for i in order, at most `concurrency` at a time. After a failure no new task
 * starts; those already started finish, and the error of the first failing index is thrown.
 * Every index below a failing one was started before it, so that is always the first failing
 * file of the list, whatever the timing.
 */
async function inOrder<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  const errors = new Map<number, unknown>();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (errors.size === 0 && next < count) {
      const i = next++;
      try {
        out[i] = await task(i);
      } catch (e) {
        errors.set(i, e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  if (errors.size > 0) throw errors.get(Math.min(...errors.keys()));
  return out;
}

/** Skipped files' warnings first, then the readers' warnings, each in list order. */
function assemble(paths: readonly string[], outcomes: readonly FileOutcome[], schema: StructType): FilesReadResult {
  const files: string[] = [];
  const batches: ColumnBatch[] = [];
  const warnings: SourceWarning[] = [];
  const readerWarnings: SourceWarning[] = [];
  let numCorruptRecords = 0;
  outcomes.forEach((o, i) => {
    warnings.push(...o.warnings);
    if (o.result === null) return;
    files.push(paths[i]);
    batches.push(o.result.batch);
    numCorruptRecords += o.result.numCorruptRecords;
    readerWarnings.push(...o.result.warnings);
  });
  return { batch: ColumnBatch.concat(schema, batches), files, numCorruptRecords, warnings: [...warnings, ...readerWarnings] };
}
