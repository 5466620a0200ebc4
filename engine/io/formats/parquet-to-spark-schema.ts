/**
 * Parquet footer → Spark schema, as Spark's ParquetToSparkSchemaConverter (and
 * ParquetFileFormat.readSchemaFromFooter: a file Spark wrote carries its exact Spark schema
 * under `org.apache.spark.sql.parquet.row.metadata`, which wins over the conversion):
 *
 * - BOOLEAN → boolean; FLOAT → float; DOUBLE → double
 * - INT32 → int (INT_8 → tinyint, INT_16 → smallint, UINT_8 → smallint, UINT_16 → int,
 *   UINT_32 → bigint, DATE → date, DECIMAL → decimal(p,s))
 * - INT64 → bigint (UINT_64 → decimal(20,0), DECIMAL → decimal, TIMESTAMP(MILLIS|MICROS|NANOS)
 *   → timestamp)
 * - INT96 → timestamp
 * - BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY → binary (UTF8/STRING/ENUM/JSON → string, DECIMAL →
 *   decimal); spark.sql.parquet.binaryAsString=false
 * - groups: LIST → array, MAP → map, otherwise struct; a bare REPEATED field is an array
 *   of non-null elements.
 *
 * Tidemark has no timestamp_ntz, so timestamps with isAdjustedToUTC=false read as
 * timestamp too (docs/spark-differences.md).
 */
import type { FileMetaData, SchemaTree } from 'hyparquet';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
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
import { dataTypeFromJSON } from '../../types/ddl';
import { StructField, StructType } from '../../types/struct-type';
import { hyparquetModule } from './format-libraries';
import { SPARK_ROW_METADATA_KEY } from './parquet-writer';

/** The Spark schema of a Parquet file: the writer's Spark schema if recorded, else converted. */
export function sparkSchemaOfParquet(metadata: FileMetaData): StructType {
  const recorded = metadata.key_value_metadata?.find((kv) => kv.key === SPARK_ROW_METADATA_KEY);
  if (recorded?.value) {
    try {
      const t = dataTypeFromJSON(JSON.parse(recorded.value));
      if (t instanceof StructType) return t;
    } catch {
      // As ParquetFileFormat.deserializeSchemaString: an unreadable schema string falls
      // back to converting the Parquet schema.
    }
  }
  return structOf(hyparquetModule().parquetSchema(metadata));
}

function structOf(group: SchemaTree): StructType {
  return new StructType(
    group.children.map(
      (c) => new StructField(c.element.name, fieldType(c), c.element.repetition_type !== 'REQUIRED'),
    ),
  );
}

/** A field's type, with REPEATED (legacy unannotated list) as an array of it. */
function fieldType(node: SchemaTree): DataType {
  const t = nodeType(node);
  return node.element.repetition_type === 'REPEATED' ? new ArrayType(t, false) : t;
}

function nodeType(node: SchemaTree): DataType {
  const e = node.element;
  if (node.children.length === 0) return primitiveType(node);
  const annotation = e.converted_type ?? e.logical_type?.type;
  if (annotation === 'LIST') return listType(node);
  if (annotation === 'MAP' || annotation === 'MAP_KEY_VALUE') return mapType(node);
  return structOf(node);
}

/**
 * ParquetToSparkSchemaConverter.convertGroupField's LIST rules: the repeated child is the
 * element itself when it is primitive, has several fields, or is named `array` /
 * `<list>_tuple` (legacy layouts); otherwise its single child is the element.
 */
function listType(node: SchemaTree): DataType {
  const repeated = node.children[0];
  if (repeated === undefined) return new ArrayType(new NullType(), true);
  const legacy =
    repeated.children.length !== 1 ||
    repeated.element.name === 'array' ||
    repeated.element.name === `${node.element.name}_tuple`;
  if (legacy) return new ArrayType(nodeType(repeated), false);
  const element = repeated.children[0];
  return new ArrayType(nodeType(element), element.element.repetition_type !== 'REQUIRED');
}

function mapType(node: SchemaTree): DataType {
  const keyValue = node.children[0];
  const key = keyValue?.children[0];
  const value = keyValue?.children[1];
  if (key === undefined) return new MapType(new StringType(), new NullType(), true);
  return new MapType(
    nodeType(key),
    value === undefined ? new NullType() : nodeType(value),
    value === undefined || value.element.repetition_type !== 'REQUIRED',
  );
}

function primitiveType(node: SchemaTree): DataType {
  const e = node.element;
  const logical = e.logical_type;
  const converted = e.converted_type;
  if (converted === 'DECIMAL' || logical?.type === 'DECIMAL')
    return new DecimalType(e.precision ?? 38, e.scale ?? 0);
  switch (e.type) {
    case 'BOOLEAN':
      return new BooleanType();
    case 'FLOAT':
      return new FloatType();
    case 'DOUBLE':
      return new DoubleType();
    case 'INT96':
      return new TimestampType();
    case 'INT32':
      return int32Type(e.converted_type, logical);
    case 'INT64':
      return int64Type(e.converted_type, logical);
    default:
      // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
      if (
        converted === 'UTF8' ||
        converted === 'ENUM' ||
        converted === 'JSON' ||
        logical?.type === 'STRING' ||
        logical?.type === 'ENUM' ||
        logical?.type === 'JSON'
      )
        return new StringType();
      return new BinaryType();
  }
}

type Logical = SchemaTree['element']['logical_type'];

function int32Type(converted: string | undefined, logical: Logical): DataType {
  if (converted === 'DATE' || logical?.type === 'DATE') return new DateType();
  if (logical?.type === 'NULL') return new NullType();
  const width = logical?.type === 'INTEGER' ? logical.bitWidth : undefined;
  const signed = logical?.type === 'INTEGER' ? logical.isSigned : true;
  if (converted === 'INT_8' || (width === 8 && signed)) return new ByteType();
  if (converted === 'INT_16' || (width === 16 && signed)) return new ShortType();
  if (converted === 'UINT_8' || (width === 8 && !signed)) return new ShortType();
  if (converted === 'UINT_16' || (width === 16 && !signed)) return new IntegerType();
  if (converted === 'UINT_32' || (width === 32 && !signed)) return new LongType();
  return new IntegerType();
}

function int64Type(converted: string | undefined, logical: Logical): DataType {
  if (converted === 'TIMESTAMP_MICROS' || converted === 'TIMESTAMP_MILLIS' || logical?.type === 'TIMESTAMP')
    return new TimestampType();
  if (converted === 'UINT_64' || (logical?.type === 'INTEGER' && !logical.isSigned))
    return new DecimalType(20, 0);
  return new LongType();
}
