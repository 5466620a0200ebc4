/**
 * `spark.read` over files: list once (the same listing rules as the stream source, minus
 * the stability wait) and read everything. Files are read in path order, as Hadoop lists
 * them. Without a schema, json/csv infer one from all the files (the formats engineer's
 * `inferSchema`); text has its fixed `value string`.
 *
 * A folder a streaming file sink writes (it holds `_spark_metadata`) is read through the
 * sink log instead of a listing, as Spark's DataSource.resolveRelation picks
 * MetadataLogFileIndex: only files of committed batches are read (sink-metadata-files.ts).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnalysisException } from '../../errors';
import { ColumnBatch } from '../../batch/column-batch';
import type { SourceNode } from '../../plan/logical-plan';
import type { StructType } from '../../types/struct-type';
import type { ReaderConf } from '../formats/format';
import { inferSchema, readerFor } from '../formats/registry';
import type { SourceWarning } from '../source';
import { compileGlobList, DEFAULT_IGNORE_FILE_PATTERNS } from './file-name-filter';
import { listDataFiles } from './file-listing';
import { booleanOption, caseInsensitive } from './file-stream-options';
import { compileGlob, isGlobPath } from './glob-pattern';
import { qualifiedPath } from './qualified-path';
import { readFileBytes } from './read-files';
import { createS3Store } from './s3/s3-source-store';
import { isS3Path } from './s3/s3-uri';
import { committedSinkFiles, hasSinkMetadata } from './sink-metadata-files';
import { asNullable, declaredSchema } from './source-schema';

export interface StaticFilesResult {
  readonly batch: ColumnBatch;
  readonly files: string[];
  readonly numCorruptRecords: number;
  readonly warnings: SourceWarning[];
}

const READ_CONCURRENCY = 8;

export async function readStaticFiles(
  node: SourceNode,
  conf: ReaderConf,
): Promise<StaticFilesResult> {
  if (node.path === undefined || node.path === '') {
    throw new AnalysisException('_LEGACY_ERROR_TEMP_2047', "'path' is not specified");
  }
  const format = node.format.toLowerCase();
  const o = caseInsensitive(node.options);
  const glob = isGlobPath(node.path);
  if (!glob) checkSourcePath(node.path);
  const pathGlobFilter = o.has('pathglobfilter')
    ? compileGlob(o.get('pathglobfilter')!)
    : undefined;
  let paths: string[];
  // An S3 prefix is listed and read through its store (s3/s3-file-store.ts).
  const s3 = isS3Path(node.path) ? createS3Store(node.path, node.options, conf) : undefined;
  if (s3 === undefined && (await hasSinkMetadata(node.path))) {
    paths = await committedSinkFiles(node.path, pathGlobFilter);
  } else {
    const rules = {
      recursiveFileLookup: booleanOption(o, 'recursiveFileLookup', false),
      pathGlobFilter,
      isIgnoredName: compileGlobList(o.get('ignorefilepatterns') ?? DEFAULT_IGNORE_FILE_PATTERNS),
    };
    const listed = s3 === undefined ? await listDataFiles(node.path, rules) : await s3.list(rules);
    // DataSource.checkAndGlobPathIfNecessary: a glob matching nothing is a missing path.
    if (glob && listed.length === 0) throw pathNotFound(node.path);
    paths = listed.map((f) => f.path).sort();
  }

  const ignoreMissing = booleanOption(o, 'ignoreMissingFiles', false);
  const warnings: SourceWarning[] = [];
  const data: (Uint8Array | null)[] = new Array(paths.length).fill(null);
  for (let i = 0; i < paths.length; i += READ_CONCURRENCY) {
    const chunk = await Promise.all(
      paths
        .slice(i, i + READ_CONCURRENCY)
        .map((p) => readFileBytes(p, ignoreMissing, warnings, false, s3?.readBytes)),
    );
    chunk.forEach((d, j) => (data[i + j] = d));
  }
  s3?.close();
  const present = paths.flatMap((path, i) => (data[i] === null ? [] : [{ path, data: data[i]! }]));

  const schema = declaredSchema(node) ?? inferredSchema(format, present, node.options, conf);
  const reader = readerFor(format, node.options, conf);
  const batches: ColumnBatch[] = [];
  let numCorruptRecords = 0;
  for (const f of present) {
    const r = reader.read(f.path, f.data, schema);
    batches.push(r.batch);
    numCorruptRecords += r.numCorruptRecords;
    warnings.push(...r.warnings);
  }
  return {
    batch: ColumnBatch.concat(schema, batches),
    files: present.map((f) => f.path),
    numCorruptRecords,
    warnings,
  };
}

function inferredSchema(
  format: string,
  samples: readonly { path: string; data: Uint8Array }[],
  options: Readonly<Record<string, string>>,
  conf: ReaderConf,
): StructType {
  if (samples.length === 0) {
    throw new AnalysisException(
      'UNABLE_TO_INFER_SCHEMA',
      `Unable to infer schema for ${format.toUpperCase()}. It must be specified manually.`,
      { messageParameters: { format: format.toUpperCase() }, sqlState: '42KD9' },
    );
  }
  return asNullable(inferSchema(format, samples, options, conf));
}

/** Spark's PATH_NOT_FOUND (DataSource.checkAndGlobPathIfNecessary / sourceSchema). */
export function checkSourcePath(path: string): void {
  // An S3 prefix is checked by its first listing, which names a missing bucket.
  if (isS3Path(path)) return;
  try {
    statSync(resolve(path));
  } catch {
    throw pathNotFound(path);
  }
}

function pathNotFound(path: string): AnalysisException {
  const qualified = isS3Path(path) ? path : qualifiedPath(path);
  return new AnalysisException('PATH_NOT_FOUND', `Path does not exist: ${qualified}.`, {
    messageParameters: { path: qualified },
    sqlState: '42K03',
  });
}
