/**
 * Spark data types → Arrow types, as Spark's own ArrowUtils.toArrowType maps them for
 * Arrow-based collection (toPandas, Arrow-optimised Python UDFs), with Tidemark's storage
 * in mind:
 *
 * | Spark            | Arrow                      | storage / copy                         |
 * | ---------------- | -------------------------- | -------------------------------------- |
 * | boolean          | Bool                       | bytes → bits                           |
 * | tinyint/smallint | Int8 / Int16               | narrowed copy                          |
 * | int, date        | Int32, Date(DAY)           | Int32Array shared (zero-copy)          |
 * | bigint           | Int64                      | float64 → BigInt64Array copy           |
 * | float            | Float32                    | narrowed copy                          |
 * | double, decimal  | Float64                    | Float64Array shared (zero-copy)        |
 * | timestamp        | Timestamp(MICROSECOND,UTC) | float64 → BigInt64Array copy           |
 * | string           | Dictionary<Int32, Utf8>    | codes shared, dictionary built once    |
 * | binary           | Binary                     | copy                                   |
 * | void             | Null                       | —                                      |
 * | array/map/struct | List / Map / Struct        | children converted recursively         |
 *
 * Decimal differs from Spark (Decimal128 there): Tidemark keeps decimals as doubles, so
 * they leave as Float64; the Spark type travels in the field metadata (`spark.type`) so a
 * reader can still tell a decimal(10,2) column from a double one.
 */
import {
  Binary,
  Bool,
  DateDay,
  Dictionary,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  Map_,
  Null,
  Struct,
  TimeUnit,
  Timestamp,
  Utf8,
  type DataType as ArrowDataType,
} from 'apache-arrow';
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
} from '../types/data-types';
import { StructType } from '../types/struct-type';

/** Field metadata key holding the Spark type's simpleString (`bigint`, `decimal(10,2)`). */
export const SPARK_TYPE_METADATA_KEY = 'spark.type';

/**
 * The Arrow type a column of `type` is exported as. Timestamps carry the UTC zone:
 * Tidemark's values are instants (µs since the epoch, UTC), as Spark's TimestampType.
 */
export function arrowTypeFor(type: DataType): ArrowDataType {
  if (type instanceof BooleanType) return new Bool();
  if (type instanceof ByteType) return new Int8();
  if (type instanceof ShortType) return new Int16();
  if (type instanceof IntegerType) return new Int32();
  if (type instanceof LongType) return new Int64();
  if (type instanceof FloatType) return new Float32();
  if (type instanceof DoubleType || type instanceof DecimalType) return new Float64();
  if (type instanceof TimestampType) return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
  if (type instanceof DateType) return new DateDay();
  if (type instanceof StringType) return new Dictionary(new Utf8(), new Int32());
  if (type instanceof BinaryType) return new Binary();
  if (type instanceof NullType) return new Null();
  if (type instanceof ArrayType)
    return new List(new Field('element', arrowTypeFor(type.elementType), type.containsNull));
  if (type instanceof MapType)
    return new Map_(new Field('entries', mapEntryArrowType(type), false));
  if (type instanceof StructType) {
    return new Struct(type.fields.map((f) => arrowFieldFor(f.name, f.dataType, f.nullable)));
  }
  throw new TypeError(`No Arrow type for Spark type ${type.simpleString()}`);
}

/** An Arrow field for a Spark field, with the Spark type in its metadata. */
export function arrowFieldFor(name: string, type: DataType, nullable: boolean): Field {
  return new Field(
    name,
    arrowTypeFor(type),
    nullable,
    new Map([[SPARK_TYPE_METADATA_KEY, type.simpleString()]]),
  );
}

/** Arrow's map layout: a list of non-null `entries` structs of (key, value). */
export function mapEntryArrowType(type: MapType): Struct {
  return new Struct([
    new Field('key', arrowTypeFor(type.keyType), false),
    new Field('value', arrowTypeFor(type.valueType), type.valueContainsNull),
  ]);
}

/** The (key, value) struct a map's entries are built as before conversion. */
export function mapEntrySparkType(type: MapType): StructType {
  return new StructType()
    .add('key', type.keyType, false)
    .add('value', type.valueType, type.valueContainsNull);
}
