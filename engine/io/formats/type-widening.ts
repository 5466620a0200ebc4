/**
 * How schema inference merges the types seen in different records (JsonInferSchema /
 * CSVInferSchema.compatibleType over TypeCoercion.findTightestCommonType): equal types stay,
 * NULL gives way to anything, integers widen to bigint and to double, decimals widen to hold
 * both, structs merge field by field (sorted by name), arrays merge their elements, and
 * anything else becomes string. canonicalizeType turns still-unknown types into string.
 */
import { ArrayType, ByteType, DataType, DecimalType, DoubleType, FloatType, IntegerType, NullType, ShortType, StringType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';

const INTEGRAL_RANK = new Map<string, number>([
  ['byte', 1],
  ['short', 2],
  ['integer', 3],
  ['long', 4],
]);

function integralRank(t: DataType): number {
  return INTEGRAL_RANK.get(t.typeName) ?? 0;
}

/** Digits a decimal needs for an integral type (DecimalType.forType). */
function integralDecimal(t: DataType): DecimalType {
  return t instanceof ByteType ? new DecimalType(3, 0) : t instanceof ShortType ? new DecimalType(5, 0) : t instanceof IntegerType ? new DecimalType(10, 0) : new DecimalType(20, 0);
}

function widerDecimal(a: DecimalType, b: DecimalType): DataType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return range + scale > 38 ? new DoubleType() : new DecimalType(range + scale, scale);
}

export function compatibleType(a: DataType, b: DataType): DataType {
  if (a.equals(b)) return a;
  if (a instanceof NullType) return b;
  if (b instanceof NullType) return a;
  const ra = integralRank(a);
  const rb = integralRank(b);
  if (ra > 0 && rb > 0) return ra >= rb ? a : b;
  const fractional = (t: DataType): boolean => t instanceof DoubleType || t instanceof FloatType;
  if ((ra > 0 || fractional(a)) && (rb > 0 || fractional(b))) return new DoubleType();
  if (a instanceof DecimalType && b instanceof DecimalType) return widerDecimal(a, b);
  if ((a instanceof DecimalType && fractional(b)) || (b instanceof DecimalType && fractional(a))) return new DoubleType();
  if (a instanceof DecimalType && rb > 0) return widerDecimal(a, integralDecimal(b));
  if (b instanceof DecimalType && ra > 0) return widerDecimal(integralDecimal(a), b);
  if (a instanceof StructType && b instanceof StructType) return mergeStructs(a, b);
  if (a instanceof ArrayType && b instanceof ArrayType) {
    return new ArrayType(compatibleType(a.elementType, b.elementType), a.containsNull || b.containsNull);
  }
  return new StringType();
}

function mergeStructs(a: StructType, b: StructType): StructType {
  const merged = new Map<string, DataType>();
  for (const f of a.fields) merged.set(f.name, f.dataType);
  for (const f of b.fields) {
    const prev = merged.get(f.name);
    merged.set(f.name, prev === undefined ? f.dataType : compatibleType(prev, f.dataType));
  }
  const names = [...merged.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return new StructType(names.map((n) => new StructField(n, merged.get(n)!, true)));
}

/** JsonInferSchema.canonicalizeType: NULL → string (or dropped with dropFieldIfAllNull). */
export function canonicalizeType(t: DataType, dropFieldIfAllNull: boolean): DataType | null {
  if (t instanceof NullType) return dropFieldIfAllNull ? null : new StringType();
  if (t instanceof ArrayType) {
    const e = canonicalizeType(t.elementType, dropFieldIfAllNull);
    return e === null ? null : new ArrayType(e, t.containsNull);
  }
  if (t instanceof StructType) {
    const fields: StructField[] = [];
    for (const f of t.fields) {
      if (f.name.length === 0) continue;
      const c = canonicalizeType(f.dataType, dropFieldIfAllNull);
      if (c !== null) fields.push(new StructField(f.name, c, true));
    }
    if (fields.length === 0 && dropFieldIfAllNull && t.fields.length > 0) return null;
    return new StructType(fields);
  }
  return t;
}
