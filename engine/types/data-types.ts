/**
 * Spark SQL data types under PySpark's names (pyspark.sql.types), with Spark's
 * `simpleString` (DDL) and JSON forms. Every type says how its values are stored in a
 * column (see engine/batch/vector.ts), so the columnar layer needs no type switch sprawl.
 */

/** How a column of this type is stored: see engine/batch/vector.ts. */
export type Storage = 'bool' | 'int32' | 'float64' | 'string' | 'struct' | 'object';

export abstract class DataType {
  /** Spark's `typeName` (JSON form of atomic types): "string", "integer", "long", ... */
  abstract readonly typeName: string;
  abstract readonly storage: Storage;
  /** Spark's `simpleString`, also the DDL spelling: "int", "bigint", "struct<a:int>". */
  abstract simpleString(): string;
  /** Spark's JSON form (DataType.jsonValue). */
  jsonValue(): unknown {
    return this.typeName;
  }
  equals(other: DataType): boolean {
    return this.simpleString() === other.simpleString();
  }
  /** PySpark's repr: `StringType()`. */
  toString(): string {
    return `${this.constructor.name}()`;
  }
}

abstract class AtomicType extends DataType {}

export class StringType extends AtomicType {
  readonly typeName = 'string';
  readonly storage = 'string';
  simpleString(): string {
    return 'string';
  }
}
export class BinaryType extends AtomicType {
  readonly typeName = 'binary';
  readonly storage = 'object';
  simpleString(): string {
    return 'binary';
  }
}
export class BooleanType extends AtomicType {
  readonly typeName = 'boolean';
  readonly storage = 'bool';
  simpleString(): string {
    return 'boolean';
  }
}
export class ByteType extends AtomicType {
  readonly typeName = 'byte';
  readonly storage = 'int32';
  simpleString(): string {
    return 'tinyint';
  }
}
export class ShortType extends AtomicType {
  readonly typeName = 'short';
  readonly storage = 'int32';
  simpleString(): string {
    return 'smallint';
  }
}
export class IntegerType extends AtomicType {
  readonly typeName = 'integer';
  readonly storage = 'int32';
  simpleString(): string {
    return 'int';
  }
}
/**
 * 64-bit integers. Stored as float64: exact within ±2^53, which covers counts, sums of
 * sensor indices and epoch microseconds up to year 2255. Values beyond that lose low
 * bits (documented deviation from Spark's exact 64-bit arithmetic).
 */
export class LongType extends AtomicType {
  readonly typeName = 'long';
  readonly storage = 'float64';
  simpleString(): string {
    return 'bigint';
  }
}
/** 32-bit float: stored as float64 holding Math.fround-ed values. */
export class FloatType extends AtomicType {
  readonly typeName = 'float';
  readonly storage = 'float64';
  simpleString(): string {
    return 'float';
  }
}
export class DoubleType extends AtomicType {
  readonly typeName = 'double';
  readonly storage = 'float64';
  simpleString(): string {
    return 'double';
  }
}
/** Decimal(p, s): values are kept as doubles (approximate; decimal is optional in Tidemark). */
export class DecimalType extends AtomicType {
  readonly typeName = 'decimal';
  readonly storage = 'float64';
  constructor(
    readonly precision = 10,
    readonly scale = 0,
  ) {
    super();
  }
  simpleString(): string {
    return `decimal(${this.precision},${this.scale})`;
  }
  override jsonValue(): unknown {
    return this.simpleString();
  }
  override toString(): string {
    return `DecimalType(${this.precision}, ${this.scale})`;
  }
}
/** Microseconds since the epoch, UTC (Spark's TimestampType, session-time-zone aware). */
export class TimestampType extends AtomicType {
  readonly typeName = 'timestamp';
  readonly storage = 'float64';
  simpleString(): string {
    return 'timestamp';
  }
}
/** Days since 1970-01-01. */
export class DateType extends AtomicType {
  readonly typeName = 'date';
  readonly storage = 'int32';
  simpleString(): string {
    return 'date';
  }
}
/**
 * A day-time interval (Spark's DayTimeIntervalType), as microseconds in a float64: what
 * `INTERVAL 1 HOUR` is, and what timestamp ± interval arithmetic takes. Tidemark keeps one
 * DAY TO SECOND type; year-month intervals are not supported.
 */
export class DayTimeIntervalType extends AtomicType {
  readonly typeName = 'interval day to second';
  readonly storage = 'float64';
  simpleString(): string {
    return 'interval day to second';
  }
}

/** The type of an untyped NULL literal (Spark's NullType, "void"). */
export class NullType extends AtomicType {
  readonly typeName = 'void';
  readonly storage = 'object';
  simpleString(): string {
    return 'void';
  }
}

export class ArrayType extends DataType {
  readonly typeName = 'array';
  readonly storage = 'object';
  constructor(
    readonly elementType: DataType,
    readonly containsNull = true,
  ) {
    super();
  }
  simpleString(): string {
    return `array<${this.elementType.simpleString()}>`;
  }
  override jsonValue(): unknown {
    return { type: 'array', elementType: this.elementType.jsonValue(), containsNull: this.containsNull };
  }
  override toString(): string {
    return `ArrayType(${this.elementType.toString()}, ${this.containsNull ? 'True' : 'False'})`;
  }
}

export class MapType extends DataType {
  readonly typeName = 'map';
  readonly storage = 'object';
  constructor(
    readonly keyType: DataType,
    readonly valueType: DataType,
    readonly valueContainsNull = true,
  ) {
    super();
  }
  simpleString(): string {
    return `map<${this.keyType.simpleString()},${this.valueType.simpleString()}>`;
  }
  override jsonValue(): unknown {
    return {
      type: 'map',
      keyType: this.keyType.jsonValue(),
      valueType: this.valueType.jsonValue(),
      valueContainsNull: this.valueContainsNull,
    };
  }
  override toString(): string {
    return `MapType(${this.keyType.toString()}, ${this.valueType.toString()}, ${this.valueContainsNull ? 'True' : 'False'})`;
  }
}

/** Shared singletons for code that does not need a fresh instance. */
export const T = {
  string: new StringType(),
  binary: new BinaryType(),
  boolean: new BooleanType(),
  byte: new ByteType(),
  short: new ShortType(),
  int: new IntegerType(),
  long: new LongType(),
  float: new FloatType(),
  double: new DoubleType(),
  timestamp: new TimestampType(),
  date: new DateType(),
  null: new NullType(),
} as const;

export function isIntegral(t: DataType): boolean {
  return t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType;
}
export function isFractional(t: DataType): boolean {
  return t instanceof FloatType || t instanceof DoubleType || t instanceof DecimalType;
}
export function isNumeric(t: DataType): boolean {
  return isIntegral(t) || isFractional(t);
}
/** Types whose values have a total order (ORDER BY, min/max, comparisons). */
export function isOrderable(t: DataType): boolean {
  return !(t instanceof MapType);
}
