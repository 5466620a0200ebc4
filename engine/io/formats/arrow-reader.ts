/**
 * The Arrow IPC format reader: a Tidemark extension (Spark has no Arrow file source;
 * docs/spark-differences.md). Reads both IPC layouts, the file format (`ARROW1` magic, what
 * pyarrow.ipc.new_file / Feather v2 write) and the stream format, through apache-arrow's
 * tableFromIPC.
 *
 * Columns resolve as Parquet's do: by name, case-insensitively, missing ones NULL, only
 * `requiredColumns` converted, and a declared type the file's cannot be read as fails with
 * FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH's sibling message (same widening rules,
 * parquet-type-compat.ts). Bytes that are not Arrow IPC throw a plain Error, which the file
 * source reports as FAILED_READ_FILE.NO_HINT naming the file (or skips with ignoreCorruptFiles).
 */
import type { Table, Vector } from 'apache-arrow';
import { pathToFileURL } from 'node:url';
import { SparkRuntimeException } from '../../errors';
import { DateType, TimestampType, type DataType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { arrowValue, sparkSchemaOfArrow } from './arrow-to-spark';
import { apacheArrow } from './format-libraries';
import { decodedValueConverter } from './decoded-values';
import type { FileReadResult, FormatReader } from './format';
import { canReadAs } from './parquet-type-compat';
import { RowBuilders } from './row-builders';

export class ArrowReader implements FormatReader {
  read(path: string, data: Uint8Array, schema: StructType, requiredColumns?: readonly string[]): FileReadResult {
    const table = arrowTable(data);
    const fileSchema = sparkSchemaOfArrow(table.schema);
    const required = requiredColumns === undefined ? null : new Set(requiredColumns);
    const columns = schema.fields.map((f) => {
      if (required !== null && !required.has(f.name)) return null;
      const index = matchColumn(table, f.name);
      if (index < 0) return null;
      const actual = fileSchema.fields[index].dataType;
      if (!canReadAs(f.dataType, actual)) throw arrowTypeMismatch(path, f.name, f.dataType, actual);
      return columnValues(table.getChildAt(index)!, actual).map(decodedValueConverter(f.dataType));
    });
    const out = new RowBuilders(schema);
    const row = new Array<unknown>(schema.fields.length);
    for (let r = 0; r < table.numRows; r++) {
      for (let c = 0; c < row.length; c++) row[c] = columns[c]?.[r] ?? null;
      out.appendRow(row);
    }
    return { batch: out.finish(), numCorruptRecords: 0, warnings: [] };
  }
}

/** The schema of the first file (its fields' `spark.type` metadata wins, arrow-to-spark.ts). */
export function inferArrowSchema(samples: readonly { path: string; data: Uint8Array }[]): StructType {
  const first = samples[0];
  // No file: no columns, as JSON and CSV inference (the readers report UNABLE_TO_INFER_SCHEMA).
  if (first === undefined) return new StructType();
  return sparkSchemaOfArrow(arrowTable(first.data).schema);
}

function arrowTable(data: Uint8Array): Table {
  let table: Table;
  try {
    table = apacheArrow().tableFromIPC(data);
  } catch (e) {
    throw new Error(`Not an Arrow IPC file or stream, or a damaged one: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  // tableFromIPC accepts bytes that hold no IPC message at all as an empty table.
  if (table.schema.fields.length === 0 && data.byteLength > 0)
    throw new Error('Not an Arrow IPC file or stream: no schema message found');
  return table;
}

function matchColumn(table: Table, name: string): number {
  const names = table.schema.fields.map((f) => f.name);
  const exact = names.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  return names.findIndex((n) => n.toLowerCase() === lower);
}

/**
 * A column's values in Tidemark's representation for its own Spark type. Top-level
 * timestamps and dates are read from the raw buffers: apache-arrow's `get` gives
 * milliseconds, dropping microseconds.
 */
function columnValues(vector: Vector, type: DataType): unknown[] {
  if (type instanceof TimestampType || type instanceof DateType) {
    const out: unknown[] = [];
    for (const data of vector.data) {
      const unit = (data.type as { unit: number }).unit;
      for (let i = 0; i < data.length; i++) {
        if (!data.getValid(i)) {
          out.push(null);
          continue;
        }
        const raw = Number(data.values[data.offset + i] as number | bigint);
        out.push(type instanceof DateType ? dateDays(unit, raw) : timestampMicros(unit, raw));
      }
    }
    return out;
  }
  const out = new Array<unknown>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = arrowValue(vector.get(i), type);
  return out;
}

/** Arrow TimeUnit: SECOND=0, MILLISECOND=1, MICROSECOND=2, NANOSECOND=3. */
function timestampMicros(unit: number, raw: number): number {
  switch (unit) {
    case 0:
      return raw * 1_000_000;
    case 1:
      return raw * 1000;
    case 3:
      return Math.floor(raw / 1000);
    default:
      return raw;
  }
}

/** Arrow DateUnit: DAY=0, MILLISECOND=1. */
function dateDays(unit: number, raw: number): number {
  return unit === 0 ? raw : Math.floor(raw / 86_400_000);
}

function arrowTypeMismatch(path: string, column: string, expected: DataType, actual: DataType): SparkRuntimeException {
  const uri = pathToFileURL(path).href;
  return new SparkRuntimeException(
    'FAILED_READ_FILE.NO_HINT',
    `Encountered error while reading file ${uri}. Data type mismatches when reading Arrow column [${column}]. Expected Spark type ${expected.simpleString()}, actual Arrow column type ${actual.simpleString()}.`,
    { messageParameters: { path: uri }, sqlState: 'KD001', context: { file: path } },
  );
}
