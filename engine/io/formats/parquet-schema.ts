/**
 * Spark schema → Parquet schema, as Spark's SparkToParquetSchemaConverter writes it in its
 * standard (non-legacy, spark.sql.parquet.writeLegacyFormat=false) layout:
 *
 * | Spark               | Parquet physical       | annotation (logical / converted)          |
 * | ------------------- | ---------------------- | ----------------------------------------- |
 * | boolean             | BOOLEAN                |                                           |
 * | tinyint / smallint  | INT32                  | INTEGER(8/16, signed) / INT_8, INT_16     |
 * | int                 | INT32                  |                                           |
 * | bigint              | INT64                  |                                           |
 * | float / double      | FLOAT / DOUBLE         |                                           |
 * | decimal(p,s)        | INT32 p≤9, INT64 p≤18, | DECIMAL(p,s)                              |
 * |                     | else FIXED_LEN_BYTE_ARRAY (minBytesForPrecision)                   |
 * | string              | BYTE_ARRAY             | STRING / UTF8                             |
 * | binary              | BYTE_ARRAY             |                                           |
 * | date                | INT32                  | DATE                                      |
 * | timestamp           | INT64                  | TIMESTAMP(MICROS, adjustedToUTC=true)     |
 * | interval day to sec | INT64 (microseconds)   |                                           |
 * | struct              | group of its fields    |                                           |
 * | array               | group (LIST) { repeated group list { element } }                   |
 * | map                 | group (MAP) { repeated group key_value { required key; value } }   |
 * | void                | INT32, always null     | NULL (Parquet's UNKNOWN)                  |
 *
 * Timestamps are written as Spark does with spark.sql.parquet.outputTimestampType=
 * TIMESTAMP_MICROS; Spark's default (INT96) is deprecated in Parquet and loses the
 * instant semantics other readers need. Spark refuses void columns in Parquet
 * (ParquetFileFormat.supportDataType); a snapshot keeps them as Parquet's always-null type.
 * Nullable fields are OPTIONAL and non-nullable ones REQUIRED, as Spark writes them.
 */
import type { SchemaElement } from 'hyparquet';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
  DayTimeIntervalType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampType,
  type DataType,
} from '../../types/data-types';
import { StructType } from '../../types/struct-type';

/**
 * The flattened (depth-first) Parquet schema of a batch, root first, as the footer stores it.
 * `isOptional(i)` decides each top-level column's repetition (nested fields follow their
 * Spark nullability).
 */
export function parquetSchemaOf(
  schema: StructType,
  isOptional: (column: number) => boolean,
): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'spark_schema', num_children: schema.fields.length }];
  schema.fields.forEach((f, i) => appendField(out, f.name, f.dataType, isOptional(i)));
  return out;
}

function appendField(out: SchemaElement[], name: string, type: DataType, optional: boolean): void {
  const repetition_type = optional ? 'OPTIONAL' : 'REQUIRED';
  if (type instanceof StructType) {
    out.push({ name, repetition_type, num_children: type.fields.length });
    for (const f of type.fields) appendField(out, f.name, f.dataType, f.nullable);
    return;
  }
  if (type instanceof ArrayType) {
    out.push({
      name,
      repetition_type,
      num_children: 1,
      converted_type: 'LIST',
      logical_type: { type: 'LIST' },
    });
    out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
    appendField(out, 'element', type.elementType, type.containsNull);
    return;
  }
  if (type instanceof MapType) {
    out.push({
      name,
      repetition_type,
      num_children: 1,
      converted_type: 'MAP',
      logical_type: { type: 'MAP' },
    });
    out.push({ name: 'key_value', repetition_type: 'REPEATED', num_children: 2 });
    appendField(out, 'key', type.keyType, false);
    appendField(out, 'value', type.valueType, type.valueContainsNull);
    return;
  }
  out.push({ name, repetition_type, ...primitiveOf(type) });
}

type Primitive = Omit<SchemaElement, 'name' | 'repetition_type'>;

function primitiveOf(type: DataType): Primitive {
  if (type instanceof BooleanType) return { type: 'BOOLEAN' };
  if (type instanceof ByteType)
    return {
      type: 'INT32',
      converted_type: 'INT_8',
      logical_type: { type: 'INTEGER', bitWidth: 8, isSigned: true },
    };
  if (type instanceof ShortType)
    return {
      type: 'INT32',
      converted_type: 'INT_16',
      logical_type: { type: 'INTEGER', bitWidth: 16, isSigned: true },
    };
  if (type instanceof IntegerType) return { type: 'INT32' };
  if (type instanceof LongType || type instanceof DayTimeIntervalType) return { type: 'INT64' };
  if (type instanceof FloatType) return { type: 'FLOAT' };
  if (type instanceof DoubleType) return { type: 'DOUBLE' };
  if (type instanceof StringType)
    return { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
  if (type instanceof BinaryType) return { type: 'BYTE_ARRAY' };
  if (type instanceof DateType)
    return { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
  if (type instanceof TimestampType)
    return {
      type: 'INT64',
      converted_type: 'TIMESTAMP_MICROS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    };
  if (type instanceof DecimalType) return decimalOf(type);
  if (type instanceof NullType) return { type: 'INT32', logical_type: { type: 'NULL' } };
  throw new TypeError(`No Parquet type for Spark type ${type.simpleString()}`);
}

/** SparkToParquetSchemaConverter's decimal rule: the smallest integer type that holds p digits. */
function decimalOf(type: DecimalType): Primitive {
  const annotation = {
    converted_type: 'DECIMAL' as const,
    precision: type.precision,
    scale: type.scale,
    logical_type: { type: 'DECIMAL' as const, precision: type.precision, scale: type.scale },
  };
  if (type.precision <= 9) return { type: 'INT32', ...annotation };
  if (type.precision <= 18) return { type: 'INT64', ...annotation };
  return {
    type: 'FIXED_LEN_BYTE_ARRAY',
    type_length: minBytesForPrecision(type.precision),
    ...annotation,
  };
}

/** Spark's Decimal.minBytesForPrecision: bytes of a two's-complement integer of p digits. */
export function minBytesForPrecision(precision: number): number {
  let bytes = 1;
  while (2 ** (8 * bytes - 1) < 10 ** precision) bytes++;
  return bytes;
}
