/**
 * Snapshot export (issue 5 §7): the result table of one trigger, or a SQL result, as it is
 * held in memory (the query is never run again), written to one file:
 *
 * - `csv`: Spark's CSV writer rules with a header line; nested columns as their to_json
 *   text (nested-columns-as-json.ts); metadata and schema in a sidecar `<file>.meta.json`.
 * - `jsonl`: Spark's JSON writer rules (one object per line, NULL fields left out); the
 *   same sidecar.
 * - `parquet`: Spark's Parquet layout (parquet-writer.ts); metadata in the footer's
 *   key-value metadata beside Spark's own schema key.
 * - `arrow`: an Arrow IPC file; metadata as the schema's custom metadata.
 *
 * Every file is written atomically (atomic-file-write.ts): an existing file at the path is
 * either left as it was or replaced whole. A CSV/JSON file and its manifest are both staged
 * before either is renamed into place.
 */
import { basename } from 'node:path';
import type { ColumnBatch } from '../batch/column-batch';
import { CsvWriter } from '../io/formats/csv-writer';
import type { FormatWriter, ReaderConf } from '../io/formats/format';
import { JsonWriter } from '../io/formats/json-writer';
import { ParquetWriter, SPARK_ROW_METADATA_KEY } from '../io/formats/parquet-writer';
import { toArrowIPCFile } from './arrow-ipc-file';
import {
  stageFile,
  writeFileAtomically,
  type FileChunkSink,
  type StagedFile,
} from './atomic-file-write';
import { isNested, nestedColumnsAsJson } from './nested-columns-as-json';
import type { SnapshotExportResult, SnapshotFormat } from './protocol';
import { defaultSessionTimeZone } from './session-time-zone';
import { manifestBytes, manifestPathFor, snapshotManifest } from './snapshot-manifest';

export { snapshotTSV } from './snapshot-tsv';

export interface SnapshotWriteOptions {
  /** spark.sql.session.timeZone for timestamp text (CSV, JSON lines); default: its default. */
  readonly timeZone?: string;
}

/** Key of the reported metadata naming the sidecar manifest (CSV and JSON lines only). */
export const MANIFEST_METADATA_KEY = 'tidemark.manifest';

/** Rows encoded per write for the text formats, so a large table is not one huge string. */
const TEXT_CHUNK_ROWS = 8192;

/**
 * Writes `batch` to `path` in `format`, recording `metadata` in (or beside) the file.
 * The result's `metadata` is what was recorded; for CSV and JSON lines it also names the
 * manifest under `tidemark.manifest`.
 */
export async function writeSnapshot(
  batch: ColumnBatch,
  format: SnapshotFormat,
  path: string,
  metadata: Readonly<Record<string, string>>,
  options: SnapshotWriteOptions = {},
): Promise<SnapshotExportResult> {
  const conf: ReaderConf = {
    timeZone: options.timeZone ?? defaultSessionTimeZone(),
    columnNameOfCorruptRecord: '_corrupt_record',
  };
  switch (format) {
    case 'csv':
    case 'jsonl':
      return writeTextWithManifest(batch, format, path, metadata, conf);
    case 'parquet': {
      const recorded = { ...metadata, [SPARK_ROW_METADATA_KEY]: batch.schema.json() };
      const bytes = await writeFileAtomically(path, (sink) =>
        sink.write(new ParquetWriter(metadata).encode(batch)),
      );
      return { path, format, numRows: batch.numRows, bytes, metadata: recorded };
    }
    case 'arrow': {
      const bytes = await writeFileAtomically(path, (sink) =>
        sink.write(toArrowIPCFile(batch, metadata)),
      );
      return { path, format, numRows: batch.numRows, bytes, metadata: { ...metadata } };
    }
    default:
      throw new TypeError(
        `Unknown snapshot format '${String(format)}': use csv, jsonl, parquet or arrow.`,
      );
  }
}

async function writeTextWithManifest(
  batch: ColumnBatch,
  format: 'csv' | 'jsonl',
  path: string,
  metadata: Readonly<Record<string, string>>,
  conf: ReaderConf,
): Promise<SnapshotExportResult> {
  const csv = format === 'csv';
  const written = csv ? nestedColumnsAsJson(batch, conf) : batch;
  const first: FormatWriter = csv
    ? new CsvWriter({ header: 'true' }, conf)
    : new JsonWriter({}, conf);
  const rest: FormatWriter = csv ? new CsvWriter({}, conf) : first;
  const data = await stageFile(path, (sink) => writeInChunks(written, first, rest, sink));
  const manifestPath = manifestPathFor(path);
  let manifest: StagedFile;
  try {
    const options: Record<string, string> = csv
      ? { header: 'true', timeZone: conf.timeZone }
      : { timeZone: conf.timeZone };
    const content = snapshotManifest({
      file: basename(path),
      format,
      schema: batch.schema,
      numRows: batch.numRows,
      bytes: data.bytes,
      options,
      metadata,
      writtenAs: (c) => (csv && isNested(batch.schema.fields[c].dataType) ? 'json' : undefined),
    });
    manifest = await stageFile(manifestPath, (sink) => sink.write(manifestBytes(content)));
  } catch (e) {
    await data.discard();
    throw e;
  }
  try {
    await data.commit();
  } catch (e) {
    await manifest.discard();
    throw e;
  }
  await manifest.commit();
  return {
    path,
    format,
    numRows: batch.numRows,
    bytes: data.bytes,
    metadata: { ...metadata, [MANIFEST_METADATA_KEY]: manifestPath },
  };
}

/** The header (if any) comes from `first`, which encodes the first slice only. */
async function writeInChunks(
  batch: ColumnBatch,
  first: FormatWriter,
  rest: FormatWriter,
  sink: FileChunkSink,
): Promise<void> {
  if (batch.numRows <= TEXT_CHUNK_ROWS) {
    await sink.write(first.encode(batch));
    return;
  }
  for (let start = 0; start < batch.numRows; start += TEXT_CHUNK_ROWS) {
    const slice = batch.slice(start, start + TEXT_CHUNK_ROWS);
    await sink.write((start === 0 ? first : rest).encode(slice));
  }
}
