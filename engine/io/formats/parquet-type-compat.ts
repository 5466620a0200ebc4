/**
 * Whether a declared Spark type can be read from a Parquet column of another Spark type, as
 * Spark 4's vectorized reader allows (ParquetVectorUpdaterFactory, with its type widening):
 * the same type, integral widening (tinyint/smallint/int → bigint, → double for int and
 * smaller), float → double, date → timestamp, and decimal widening that keeps every integer
 * digit and the scale. Nested types compare element by element; struct fields the file lacks
 * read as NULL. Anything else fails with FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH
 * (QueryExecutionErrors.parquetColumnDataTypeMismatchError).
 */
import { pathToFileURL } from 'node:url';
import { SparkRuntimeException } from '../../errors';
import {
  ArrayType,
  ByteType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  ShortType,
  TimestampType,
  type DataType,
} from '../../types/data-types';
import { StructType } from '../../types/struct-type';

export function canReadAs(declared: DataType, actual: DataType): boolean {
  if (declared.equals(actual)) return true;
  if (declared instanceof StructType && actual instanceof StructType) {
    return declared.fields.every((f) => {
      const match = findField(actual, f.name);
      return match === undefined || canReadAs(f.dataType, match.dataType);
    });
  }
  if (declared instanceof ArrayType && actual instanceof ArrayType)
    return canReadAs(declared.elementType, actual.elementType);
  if (declared instanceof MapType && actual instanceof MapType)
    return canReadAs(declared.keyType, actual.keyType) && canReadAs(declared.valueType, actual.valueType);
  const smallInt = actual instanceof ByteType || actual instanceof ShortType || actual instanceof IntegerType;
  if (declared instanceof ShortType) return actual instanceof ByteType;
  if (declared instanceof IntegerType) return actual instanceof ByteType || actual instanceof ShortType;
  if (declared instanceof LongType) return smallInt;
  if (declared instanceof DoubleType) return smallInt || actual instanceof FloatType;
  if (declared instanceof TimestampType) return actual instanceof DateType;
  if (declared instanceof DecimalType) {
    const from = decimalOf(actual);
    return (
      from !== null &&
      declared.scale >= from.scale &&
      declared.precision - declared.scale >= from.precision - from.scale
    );
  }
  return false;
}

/** Integral types as the decimal that holds them (DecimalType.forType). */
function decimalOf(t: DataType): { precision: number; scale: number } | null {
  if (t instanceof DecimalType) return t;
  if (t instanceof ByteType) return { precision: 3, scale: 0 };
  if (t instanceof ShortType) return { precision: 5, scale: 0 };
  if (t instanceof IntegerType) return { precision: 10, scale: 0 };
  if (t instanceof LongType) return { precision: 20, scale: 0 };
  return null;
}

/** Parquet resolves names case-insensitively by default (spark.sql.caseSensitive=false). */
export function findField(struct: StructType, name: string): StructType['fields'][number] | undefined {
  const lower = name.toLowerCase();
  return struct.fields.find((f) => f.name === name) ?? struct.fields.find((f) => f.name.toLowerCase() === lower);
}

export function columnTypeMismatch(
  path: string,
  column: string,
  expected: DataType,
  actualParquetType: string,
): SparkRuntimeException {
  const uri = pathToFileURL(path).href;
  const col = `[${column}]`;
  return new SparkRuntimeException(
    'FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH',
    `Error while reading file ${uri}. Data type mismatches when reading Parquet column ${col}. Expected Spark type ${expected.simpleString()}, actual Parquet type ${actualParquetType}.`,
    {
      messageParameters: { path: uri, column: col, expectedType: expected.simpleString(), actualType: actualParquetType },
      sqlState: 'KD001',
      context: { file: path },
    },
  );
}
