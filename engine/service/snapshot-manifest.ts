/**
 * The sidecar `<file>.meta.json` beside a CSV or JSON-lines snapshot: those formats have no
 * place for metadata, so the query, trigger and watermark (issue 5 §7), the schema (Spark
 * DDL, so `spark.read.schema(ddl)` reads the file back with its types) and the row count
 * live here instead.
 */
import type { StructType } from '../types/struct-type';
import type { SnapshotFormat } from './protocol';
import { schemaToDDL } from './schema-ddl';

export interface ManifestColumn {
  readonly name: string;
  /** Spark's type as DDL (`int`, `struct<a:int>`): the type in the table. */
  readonly type: string;
  readonly nullable: boolean;
  /** Set when the file holds the column in another form, e.g. `json` for to_json text. */
  readonly writtenAs?: string;
}

export interface SnapshotManifest {
  /** The data file's name (the manifest sits in the same folder). */
  readonly file: string;
  readonly format: SnapshotFormat;
  readonly numRows: number;
  /** Size of the data file in bytes. */
  readonly bytes: number;
  /** The table's schema as Spark DDL (StructType.toDDL), e.g. `id INT, loc STRUCT<x: INT>`. */
  readonly schema: string;
  readonly columns: readonly ManifestColumn[];
  /** The reader options that match how the file was written (Spark option names). */
  readonly options: Readonly<Record<string, string>>;
  /** The `tidemark.*` record: query, trigger, watermark, or the SQL text. */
  readonly metadata: Readonly<Record<string, string>>;
}

export function manifestPathFor(path: string): string {
  return `${path}.meta.json`;
}

export function snapshotManifest(args: {
  file: string;
  format: SnapshotFormat;
  schema: StructType;
  numRows: number;
  bytes: number;
  options: Readonly<Record<string, string>>;
  metadata: Readonly<Record<string, string>>;
  writtenAs?: (column: number) => string | undefined;
}): SnapshotManifest {
  return {
    file: args.file,
    format: args.format,
    numRows: args.numRows,
    bytes: args.bytes,
    schema: schemaToDDL(args.schema),
    columns: args.schema.fields.map((f, i) => {
      const writtenAs = args.writtenAs?.(i);
      return {
        name: f.name,
        type: f.dataType.simpleString(),
        nullable: f.nullable,
        ...(writtenAs === undefined ? {} : { writtenAs }),
      };
    }),
    options: args.options,
    metadata: args.metadata,
  };
}

export function manifestBytes(manifest: SnapshotManifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
}
