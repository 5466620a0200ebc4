/**
 * Reading exported snapshot files back the way another tool would: CSV and JSON lines as
 * text, Parquet with hyparquet, Arrow IPC with apache-arrow. Each gives its column names,
 * its rows (NULL as null) and the metadata the file itself carries (Parquet key-value
 * metadata, Arrow schema metadata; CSV and JSON lines keep theirs in a sidecar manifest).
 */
import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readFileSync } from 'node:fs';
import type { SnapshotFormat } from '../../../engine/service/protocol';

export interface SnapshotFile {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  readonly metadata: Readonly<Record<string, string>>;
}

export async function readSnapshotFile(format: SnapshotFormat, path: string): Promise<SnapshotFile> {
  switch (format) {
    case 'csv':
      return readCsv(path);
    case 'jsonl':
      return readJsonLines(path);
    case 'parquet':
      return readParquet(path);
    case 'arrow':
      return readArrow(path);
  }
}

/**
 * A CSV file whose fields need no quoting (the activity tables'). Spark's CSV writer writes
 * NULL as an empty field (nullValue defaults to ""), so an empty field reads as null.
 */
function readCsv(path: string): SnapshotFile {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const columns = header.split(',');
  const rows = lines.map((line) =>
    Object.fromEntries(line.split(',').map((v, i) => [columns[i], v === '' ? null : v])),
  );
  return { columns, rows, metadata: {} };
}

/** Spark's JSON writer leaves NULL fields out of the object; they read as null here. */
function readJsonLines(path: string): SnapshotFile {
  const objects = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  const rows = objects.map((o) => Object.fromEntries(columns.map((c) => [c, o[c] ?? null])));
  return { columns, rows, metadata: {} };
}

async function readParquet(path: string): Promise<SnapshotFile> {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const footer = parquetMetadata(file);
  // After the root come the columns (the tables read here are flat: no nested elements).
  const columns = footer.schema.slice(1).map((e) => e.name);
  const rows = await parquetReadObjects({ file });
  const metadata = Object.fromEntries(
    (footer.key_value_metadata ?? []).map((e) => [e.key, e.value ?? '']),
  );
  return { columns, rows, metadata };
}

function readArrow(path: string): SnapshotFile {
  const table = tableFromIPC(readFileSync(path));
  return {
    columns: table.schema.fields.map((f) => f.name),
    rows: table.toArray().map((row) => row.toJSON() as Record<string, unknown>),
    metadata: Object.fromEntries(table.schema.metadata),
  };
}
