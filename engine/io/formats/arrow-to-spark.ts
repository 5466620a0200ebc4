/**
 * Arrow schema → Spark schema, and Arrow row values → plain JS values. The type mapping
 * follows Spark's ArrowUtils.fromArrowType (what PySpark uses for Arrow data): Int8/16/32/64
 * → tinyint/smallint/int/bigint (unsigned ones to the next wider signed type, uint64 to
 * decimal(20,0)), Float16/32 → float, Float64 → double, Utf8 → string, Binary → binary,
 * Bool → boolean, Date → date, Timestamp → timestamp, Decimal → decimal, List → array,
 * Struct → struct, Map → map, Null → void, a dictionary → its value type. A field whose
 * metadata carries `spark.type` (Tidemark's own Arrow exports, arrow-types.ts) takes that type.
 */
import type { DataType as ArrowType, Field, Map_, Schema, Struct } from 'apache-arrow';
import { apacheArrow } from './format-libraries';
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
import { parseDataType } from '../../types/ddl';
import { StructField, StructType } from '../../types/struct-type';

/** arrow-types.ts's SPARK_TYPE_METADATA_KEY (kept here so the engine's io layer does not import the service layer). */
const SPARK_TYPE_KEY = 'spark.type';

export function sparkSchemaOfArrow(schema: Schema): StructType {
  return new StructType(schema.fields.map((f) => new StructField(f.name, fieldType(f), f.nullable)));
}

function fieldType(field: Field): DataType {
  const declared = field.metadata.get(SPARK_TYPE_KEY);
  if (declared !== undefined) {
    try {
      return parseDataType(declared);
    } catch {
      // Not a type we know: fall back to the Arrow type.
    }
  }
  return sparkTypeOf(field.type);
}

function sparkTypeOf(t: ArrowType): DataType {
  const A = apacheArrow();
  if (t instanceof A.Dictionary) return sparkTypeOf(t.dictionary);
  if (t instanceof A.Null) return new NullType();
  if (t instanceof A.Bool) return new BooleanType();
  if (t instanceof A.Int) return intType(t.bitWidth, t.isSigned);
  if (t instanceof A.Float) return t.precision === A.Precision.DOUBLE ? new DoubleType() : new FloatType();
  if (t instanceof A.Utf8 || t instanceof A.LargeUtf8) return new StringType();
  if (t instanceof A.Binary || t instanceof A.LargeBinary || t instanceof A.FixedSizeBinary) return new BinaryType();
  if (t instanceof A.Date_) return new DateType();
  if (t instanceof A.Timestamp) return new TimestampType();
  if (t instanceof A.Decimal) return new DecimalType(t.precision, t.scale);
  if (t instanceof A.Map_) {
    const entries = (t as Map_).children[0].type as Struct;
    const [key, value] = entries.children;
    return new MapType(fieldType(key), fieldType(value), value.nullable);
  }
  if (t instanceof A.List || t instanceof A.FixedSizeList) {
    const element = t.children[0];
    return new ArrayType(fieldType(element), element.nullable);
  }
  if (t instanceof A.Struct)
    return new StructType(t.children.map((c) => new StructField(c.name, fieldType(c), c.nullable)));
  throw new Error(`Unsupported Arrow type ${String(t)}`);
}

function intType(bitWidth: number, signed: boolean): DataType {
  if (signed) {
    if (bitWidth === 8) return new ByteType();
    if (bitWidth === 16) return new ShortType();
    if (bitWidth === 32) return new IntegerType();
    return new LongType();
  }
  if (bitWidth === 8) return new ShortType();
  if (bitWidth === 16) return new IntegerType();
  if (bitWidth === 32) return new LongType();
  return new DecimalType(20, 0);
}

/**
 * One value as apache-arrow's `get` returns it → plain JS for Spark type `type` (the file
 * column's own): struct and map rows become objects, lists arrays, recursively; timestamps
 * and dates, which `get` gives as epoch milliseconds, become microseconds and days. (Top-level
 * ones are read from the raw buffers instead, arrow-reader.ts, to keep microseconds.)
 */
export function arrowValue(v: unknown, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (type instanceof TimestampType) return typeof v === 'number' ? v * 1000 : Number(v) * 1000;
  if (type instanceof DateType) return Math.floor(Number(v) / 86_400_000);
  if (type instanceof ArrayType) {
    const items = (v as { toArray?: () => ArrayLike<unknown> }).toArray?.() ?? (v as ArrayLike<unknown>);
    return Array.from(items, (e) => arrowValue(e, type.elementType));
  }
  if (type instanceof StructType) {
    const row = toPlainObject(v);
    const out: Record<string, unknown> = {};
    for (const f of type.fields) out[f.name] = arrowValue(row[f.name], f.dataType);
    return out;
  }
  if (type instanceof MapType) {
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(toPlainObject(v));
    return new Map(entries.map(([k, e]) => [arrowValue(k, type.keyType), arrowValue(e, type.valueType)]));
  }
  return v;
}

/** StructRow and MapRow expose their fields through toJSON. */
function toPlainObject(v: unknown): Record<string, unknown> {
  const o = v as { toJSON?: () => unknown };
  return (typeof o.toJSON === 'function' ? o.toJSON() : v) as Record<string, unknown>;
}
