/**
 * Spark's implicit type coercion, in its two flavours:
 * - non-ANSI (TypeCoercion, Spark 3 default): strings in arithmetic become DOUBLE; a
 *   string compared with an atomic type is cast to that type (findCommonTypeForBinaryComparison);
 *   CASE/coalesce branches of string and other atomics widen to STRING (stringPromotion).
 * - ANSI (AnsiTypeCoercion, Spark 4 default, SPARK-38176): a string takes the first type
 *   of its precedence list the other side accepts — BIGINT for integral contexts, DOUBLE
 *   for fractional ones, DATE/TIMESTAMP/BOOLEAN as asked — so `'1' + 1` is BIGINT 2 and
 *   `'1.5' + 1` fails with CAST_INVALID_INPUT.
 * Numeric widening is the same in both: tinyint < smallint < int < bigint < float < double
 * (decimal is carried as double in Tidemark).
 */
import {
  BooleanType,
  DateType,
  DecimalType,
  NullType,
  StringType,
  T,
  TimestampType,
  isNumeric,
  type DataType,
} from '../types/data-types';

const NUMERIC_ORDER = ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double'];

function numericRank(t: DataType): number {
  if (t instanceof DecimalType) return NUMERIC_ORDER.indexOf('double');
  return NUMERIC_ORDER.indexOf(t.simpleString());
}

/** The wider of two numeric types (TypeCoercion.findTightestCommonType for numerics). */
export function widerNumeric(a: DataType, b: DataType): DataType {
  const ra = numericRank(a);
  const rb = numericRank(b);
  const wider = ra >= rb ? a : b;
  return wider instanceof DecimalType ? T.double : wider;
}

/** The type a string becomes next to `other` in arithmetic. */
function stringInArithmetic(other: DataType, ansi: boolean): DataType {
  if (!ansi) return T.double;
  return isNumeric(other) && numericRank(other) >= numericRank(T.float) ? T.double : T.long;
}

/**
 * Operand type of + - * % and bitwise operators, or null when the pair is not numeric.
 * NULL next to a type takes that type; NULL with NULL is DOUBLE for arithmetic.
 */
export function arithmeticType(l: DataType, r: DataType, ansi: boolean): DataType | null {
  const ln = l instanceof NullType;
  const rn = r instanceof NullType;
  if (ln && rn) return T.double;
  const left = ln ? r : l;
  const right = rn ? l : r;
  const lt = left instanceof StringType ? stringInArithmetic(right, ansi) : left;
  const rt = right instanceof StringType ? stringInArithmetic(left, ansi) : right;
  if (lt instanceof StringType && rt instanceof StringType) return ansi ? T.long : T.double;
  if (!isNumeric(lt) || !isNumeric(rt)) return null;
  return widerNumeric(lt, rt);
}

/** findCommonTypeForBinaryComparison / AnsiTypeCoercion's comparison rule; null when incomparable. */
export function comparisonType(l: DataType, r: DataType, ansi: boolean): DataType | null {
  if (l.equals(r)) return l instanceof DecimalType ? T.double : l;
  if (l instanceof NullType) return r;
  if (r instanceof NullType) return l;
  if (isNumeric(l) && isNumeric(r)) return widerNumeric(l, r);
  if ((l instanceof DateType && r instanceof TimestampType) || (l instanceof TimestampType && r instanceof DateType)) return T.timestamp;
  if (l instanceof StringType) return stringVersus(r, ansi);
  if (r instanceof StringType) return stringVersus(l, ansi);
  return null;
}

function stringVersus(other: DataType, ansi: boolean): DataType | null {
  if (other instanceof DateType || other instanceof TimestampType || other instanceof BooleanType) return other;
  if (isNumeric(other)) {
    if (other instanceof DecimalType) return T.double;
    return ansi ? widerNumeric(T.long, other) : other;
  }
  return null;
}

/**
 * The common type of several values that must agree (CASE branches, coalesce, IN lists,
 * greatest/least): TypeCoercion.findWiderCommonType, or the ANSI precedence version.
 */
export function widerCommonType(types: readonly DataType[], ansi: boolean): DataType | null {
  let acc: DataType = T.null;
  for (const t of types) {
    const next = widerOfTwo(acc, t, ansi);
    if (next === null) return null;
    acc = next;
  }
  return acc;
}

function widerOfTwo(a: DataType, b: DataType, ansi: boolean): DataType | null {
  if (a.equals(b)) return a;
  if (a instanceof NullType) return b;
  if (b instanceof NullType) return a;
  if (isNumeric(a) && isNumeric(b)) return widerNumeric(a, b);
  if ((a instanceof DateType && b instanceof TimestampType) || (a instanceof TimestampType && b instanceof DateType)) return T.timestamp;
  if (a instanceof StringType || b instanceof StringType) {
    const other = a instanceof StringType ? b : a;
    if (ansi) return stringVersus(other, true);
    // stringPromotion: any atomic but boolean/binary widens to string.
    return other instanceof BooleanType ? null : T.string;
  }
  return null;
}

/**
 * Whether an argument of type `from` may be implicitly cast to a function's expected
 * `to` (ImplicitCastInputTypes). Non-ANSI allows any atomic conversion Cast supports;
 * ANSI only the precedence-list ones.
 */
export function canImplicitCast(from: DataType, to: DataType, ansi: boolean): boolean {
  if (from.equals(to) || from instanceof NullType) return true;
  if (to instanceof StringType) return !ansi || isNumeric(from) || from instanceof DateType || from instanceof TimestampType || from instanceof BooleanType;
  if (isNumeric(to)) {
    if (isNumeric(from)) return ansi ? numericRank(from) <= numericRank(to) || (from instanceof DecimalType) : true;
    return from instanceof StringType || (!ansi && from instanceof BooleanType);
  }
  if (to instanceof TimestampType) return from instanceof StringType || from instanceof DateType;
  if (to instanceof DateType) return from instanceof StringType || from instanceof TimestampType;
  if (to instanceof BooleanType) return from instanceof StringType;
  return false;
}
