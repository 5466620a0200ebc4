/**
 * The Parquet format reader (Spark's ParquetFileFormat with its vectorized reader).
 *
 * The declared schema is read from the file by name: a declared column is matched to the
 * file's column of the same name, case-insensitively (spark.sql.caseSensitive=false;
 * ParquetReadSupport.clipParquetSchema), a column the file lacks reads as NULL, and only
 * `requiredColumns` are decoded. A file column whose type the declared one cannot be read
 * from fails with FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH (parquet-type-compat.ts).
 * Bytes that are not a Parquet file throw a plain Error, which the file source turns into
 * FAILED_READ_FILE.NO_HINT naming the file or skips with ignoreCorruptFiles (read-files.ts).
 *
 * Parquet has no malformed records, so parse modes and the corrupt-record column do not
 * apply (a `_corrupt_record` column is simply absent from the file, hence NULL).
 */
import type { FileMetaData, SchemaTree } from 'hyparquet';
import { AnalysisException } from '../../errors';
import { StructType } from '../../types/struct-type';
import { decodedValueConverter } from './decoded-values';
import type { FileReadResult, FormatReader } from './format';
import { hyparquetModule } from './format-libraries';
import { readTopLevelColumn } from './parquet-column-data';
import { sparkSchemaOfParquet } from './parquet-to-spark-schema';
import { canReadAs, columnTypeMismatch } from './parquet-type-compat';
import { RowBuilders } from './row-builders';

export class ParquetReader implements FormatReader {
  read(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult {
    const buffer = ownBuffer(data);
    const metadata = parquetFooter(buffer);
    const tree = hyparquetModule().parquetSchema(metadata);
    const fileSchema = sparkSchemaOfParquet(metadata);
    const required = requiredColumns === undefined ? null : new Set(requiredColumns);
    const numRows = Number(metadata.num_rows);

    const columns = schema.fields.map((f) => {
      if (required !== null && !required.has(f.name)) return null;
      const node = matchColumn(tree, f.name);
      if (node === null) return null;
      const actual = fileSchema.fields.find((x) => x.name === node.element.name)?.dataType;
      if (actual !== undefined && !canReadAs(f.dataType, actual))
        throw columnTypeMismatch(path, f.name, f.dataType, parquetTypeName(node));
      const convert = decodedValueConverter(f.dataType);
      return readTopLevelColumn(buffer, metadata, tree, node).map(convert);
    });

    const out = new RowBuilders(schema);
    const row = new Array<unknown>(schema.fields.length);
    for (let r = 0; r < numRows; r++) {
      for (let c = 0; c < row.length; c++) row[c] = columns[c]?.[r] ?? null;
      out.appendRow(row);
    }
    return { batch: out.finish(), numCorruptRecords: 0, warnings: [] };
  }
}

/** The schema Spark reads from the footer of the first file (ParquetFileFormat.inferSchema, mergeSchema=false). */
export function inferParquetSchema(samples: readonly { path: string; data: Uint8Array }[]): StructType {
  const first = samples[0];
  // No file: no columns, as JSON and CSV inference (the readers report UNABLE_TO_INFER_SCHEMA).
  if (first === undefined) return new StructType();
  return sparkSchemaOfParquet(parquetFooter(ownBuffer(first.data)));
}

function parquetFooter(buffer: ArrayBuffer): FileMetaData {
  try {
    return hyparquetModule().parquetMetadata(buffer);
  } catch (e) {
    // hyparquet's "parquet file invalid (footer != PAR1)" and friends; read-files.ts adds the file.
    throw new Error(`Not a Parquet file or a damaged one: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** The bytes as an ArrayBuffer of their own (hyparquet reads offsets from buffer start). */
function ownBuffer(data: Uint8Array): ArrayBuffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer)
    return data.buffer;
  // A copy: Buffer#slice (a Node Buffer is a Uint8Array) is a view, not a copy, and a small
  // file read with readFileSync sits in Node's shared 8 KiB pool.
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}

/**
 * The file's top-level column for a declared name: exact, else the one case-insensitive
 * match; several case-insensitive matches are ambiguous (Spark's
 * _LEGACY_ERROR_TEMP_2093, "Found duplicate field(s)").
 */
function matchColumn(tree: SchemaTree, name: string): SchemaTree | null {
  const exact = tree.children.find((c) => c.element.name === name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const matches = tree.children.filter((c) => c.element.name.toLowerCase() === lower);
  if (matches.length > 1)
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_2093',
      `Found duplicate field(s) "${name}": [${matches.map((m) => m.element.name).join(', ')}] in case-insensitive mode`,
      { messageParameters: { requiredFieldName: name, matchedOrcFields: matches.map((m) => m.element.name).join(', ') } },
    );
  return matches[0] ?? null;
}

/** The Parquet type named in a mismatch: the physical type of a leaf, the annotation of a group. */
function parquetTypeName(node: SchemaTree): string {
  const e = node.element;
  if (node.children.length === 0) return e.type ?? 'UNKNOWN';
  return e.converted_type ?? e.logical_type?.type ?? 'STRUCT';
}
