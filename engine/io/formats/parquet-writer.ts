/**
 * The Parquet format writer: one ColumnBatch → the bytes of one Parquet file, through the
 * pure-JS hyparquet-writer (no native build; key-value metadata and nested types supported).
 * Types map as parquet-schema.ts (Spark's SparkToParquetSchemaConverter); values are
 * converted here to what that schema stores: 64-bit integers and timestamps as BigInt,
 * decimals as their unscaled integer, maps as key/value entries. Nulls stay nulls at every
 * level (definition levels), structs, arrays and maps stay nested.
 *
 * As Spark's ParquetWriteSupport, the file's key-value metadata carries the Spark schema
 * JSON under `org.apache.spark.sql.parquet.row.metadata`, so Spark reads the exact types
 * back (tinyint vs int, interval, nullability), plus any caller metadata. Compression is
 * Snappy, Spark's default (spark.sql.parquet.compression.codec).
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { valueAt } from '../../batch/values';
import { nullCount } from '../../batch/vector';
import { AnalysisException, quoteId } from '../../errors';
import { hyparquetWriter } from './format-libraries';
import {
  ArrayType,
  DayTimeIntervalType,
  DecimalType,
  LongType,
  MapType,
  TimestampType,
  type DataType,
} from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import type { FormatWriter } from './format';
import { parquetSchemaOf } from './parquet-schema';

/** ParquetReadSupport.SPARK_METADATA_KEY. */
export const SPARK_ROW_METADATA_KEY = 'org.apache.spark.sql.parquet.row.metadata';

export class ParquetWriter implements FormatWriter {
  readonly extension = 'parquet';

  /** `keyValueMetadata` is recorded in the file footer beside Spark's schema. */
  constructor(private readonly keyValueMetadata: Readonly<Record<string, string>> = {}) {}

  encode(batch: ColumnBatch): Uint8Array {
    checkDistinctNames(batch.schema);
    // A column Spark declares non-nullable but that holds NULLs (it should not happen) is
    // written OPTIONAL rather than failing the whole file.
    const schema = parquetSchemaOf(
      batch.schema,
      (c) => batch.schema.fields[c].nullable || nullCount(batch.columns[c]) > 0,
    );
    const columnData = batch.schema.fields.map((f, c) => {
      const convert = converterFor(f.dataType);
      const data = new Array<unknown>(batch.numRows);
      for (let r = 0; r < batch.numRows; r++) data[r] = convert(valueAt(batch.columns[c], r));
      return { name: f.name, data };
    });
    const kvMetadata = [
      ...Object.entries(this.keyValueMetadata).map(([key, value]) => ({ key, value })),
      { key: SPARK_ROW_METADATA_KEY, value: batch.schema.json() },
    ];
    return new Uint8Array(
      hyparquetWriter().parquetWriteBuffer({
        columnData,
        schema,
        kvMetadata,
        codec: 'SNAPPY',
        createdBy: 'tidemark (hyparquet-writer)',
      }),
    );
  }
}

/**
 * Parquet resolves columns by name, so a file cannot hold two of the same name; Spark
 * refuses such a write with COLUMN_ALREADY_EXISTS (SchemaUtils.checkColumnNameDuplication).
 */
function checkDistinctNames(schema: StructType): void {
  const seen = new Set<string>();
  for (const name of schema.names) {
    if (seen.has(name))
      throw new AnalysisException(
        'COLUMN_ALREADY_EXISTS',
        `The column ${quoteId(name)} already exists. Choose another name or rename the existing column.`,
        { messageParameters: { columnName: quoteId(name) }, sqlState: '42711' },
      );
    seen.add(name);
  }
}

type Converter = (value: unknown) => unknown;

const identity: Converter = (v) => v;

/** A row value (as `valueAt` returns it) → the value hyparquet-writer stores for `type`. */
function converterFor(type: DataType): Converter {
  if (
    type instanceof LongType ||
    type instanceof TimestampType ||
    type instanceof DayTimeIntervalType
  )
    return (v) => (v === null ? null : BigInt(Math.trunc(v as number)));
  if (type instanceof DecimalType)
    return (v) => (v === null ? null : unscaledDecimal(v as number, type.scale));
  if (type instanceof StructType) {
    const fields = type.fields.map((f) => ({ name: f.name, convert: converterFor(f.dataType) }));
    return (v) => {
      if (v === null || v === undefined) return null;
      const row = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of fields) out[f.name] = f.convert(row[f.name] ?? null);
      return out;
    };
  }
  if (type instanceof ArrayType) {
    const element = converterFor(type.elementType);
    return (v) =>
      v === null || v === undefined
        ? null
        : (v as readonly unknown[]).map((e) => element(e ?? null));
  }
  if (type instanceof MapType) {
    const key = converterFor(type.keyType);
    const value = converterFor(type.valueType);
    return (v) => {
      if (v === null || v === undefined) return null;
      const entries =
        v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
      return entries.map(([k, e]) => ({ key: key(k), value: value(e ?? null) }));
    };
  }
  return identity;
}

/**
 * A decimal (held as a double) → its unscaled integer, through the decimal text so that
 * 0.29 at scale 2 is 29, not 28.999…; as Spark's Decimal.toUnscaledLong.
 */
function unscaledDecimal(v: number, scale: number): bigint {
  if (Math.abs(v) >= 1e21) return BigInt(Math.round(v)) * 10n ** BigInt(scale);
  return BigInt(v.toFixed(scale).replace('.', ''));
}
