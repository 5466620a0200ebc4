/**
 * Which casts exist (Spark's Cast.canCast / canAnsiCast / canTryCast) and the errors for
 * the ones that do not (Cast.typeCheckFailureMessage), plus the scalar conversions of
 * strings that CAST applies (UTF8String.toLong / toDouble, StringUtils.isTrueString).
 */
import { ArrayType, BooleanType, DateType, MapType, NullType, StringType, TimestampType, isNumeric, type DataType } from '../types/data-types';
import type { ErrorContext } from '../errors';
import { StructType } from '../types/struct-type';
import { dataTypeMismatch, toSQLType } from './expr-errors';

export type CastMode = 'legacy' | 'ansi' | 'try';

export function canCast(from: DataType, to: DataType, mode: CastMode): boolean {
  if (from.equals(to) || from instanceof NullType || to instanceof StringType) return true;
  if (from instanceof StructType || from instanceof ArrayType || from instanceof MapType || to instanceof StructType || to instanceof ArrayType || to instanceof MapType) return false;
  const strict = mode !== 'legacy';
  if (to instanceof BooleanType) return from instanceof StringType || isNumeric(from) || (!strict && (from instanceof DateType || from instanceof TimestampType));
  if (to instanceof TimestampType) return from instanceof StringType || from instanceof DateType || isNumeric(from) || (!strict && from instanceof BooleanType);
  if (to instanceof DateType) return from instanceof StringType || from instanceof TimestampType;
  if (isNumeric(to)) return from instanceof StringType || from instanceof BooleanType || isNumeric(from) || from instanceof TimestampType || (!strict && from instanceof DateType);
  return false;
}

/** The DATATYPE_MISMATCH.CAST_* error for an impossible cast. */
export function castMismatch(sqlExpr: string, from: DataType, to: DataType, mode: CastMode, context?: ErrorContext): Error {
  const src = toSQLType(from);
  const target = toSQLType(to);
  const withFunctions = (names: string[]): Error => {
    const functionNames = names.map((n) => '`' + n + '`').join('/');
    return dataTypeMismatch('CAST_WITH_FUNC_SUGGESTION', sqlExpr, `cannot cast ${src} to ${target}. To convert values from ${src} to ${target}, you can use the functions ${functionNames} instead.`, { srcType: src, targetType: target, functionNames }, context);
  };
  if (isNumeric(from) && to instanceof DateType) return withFunctions(['DATE_FROM_UNIX_DATE']);
  if (from instanceof DateType && isNumeric(to)) return withFunctions(['UNIX_DATE']);
  if (mode === 'ansi' && canCast(from, to, 'legacy')) {
    return dataTypeMismatch(
      'CAST_WITH_CONF_SUGGESTION',
      sqlExpr,
      `cannot cast ${src} to ${target} with ANSI mode on. If you have to cast ${src} to ${target}, you can set "spark.sql.ansi.enabled" as 'false'.`,
      { srcType: src, targetType: target, config: '"spark.sql.ansi.enabled"', configVal: "'false'" },
      context,
    );
  }
  return dataTypeMismatch('CAST_WITHOUT_SUGGESTION', sqlExpr, `cannot cast ${src} to ${target}.`, { srcType: src, targetType: target }, context);
}

/** UTF8String.trimAll: whitespace and ISO control characters at both ends. */
export function trimAll(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) <= 0x20 || /\s/.test(s[a]))) a++;
  while (b > a && (s.charCodeAt(b - 1) <= 0x20 || /\s/.test(s[b - 1]))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * UTF8String.toLong: optional sign and digits; non-ANSI also accepts a fraction, which
 * is truncated ("1.9" → 1). Returns null when malformed or outside [min, max].
 */
export function parseIntegral(s: string, min: number, max: number, allowFraction: boolean): number | null {
  const t = trimAll(s);
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(t) ?? (allowFraction ? /^([+-]?)()\.(\d+)$/.exec(t) : null);
  if (!m) return null;
  if (m[3] !== undefined && !allowFraction) return null;
  const digits = m[2] === '' ? '0' : m[2];
  if (digits.length > 19) return null;
  const big = BigInt(m[1] === '-' ? '-' + digits : digits);
  if (big < BigInt(min) || big > BigInt(max)) return null;
  return Number(big);
}

const FLOAT_SYNTAX = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/;

/** Java's Double.parseDouble after Spark's special literals ('inf', '-infinity', 'nan', any case). */
export function parseDouble(s: string): number | null {
  const t = trimAll(s);
  switch (t.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'nan':
      return NaN;
  }
  if (!FLOAT_SYNTAX.test(t)) return null;
  return Number(t.replace(/[fFdD]$/, ''));
}

const TRUE_STRINGS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_STRINGS = new Set(['f', 'false', 'n', 'no', '0']);

/** StringUtils.isTrueString / isFalseString on the trimmed, lower-cased text. */
export function parseBoolean(s: string): boolean | null {
  const t = trimAll(s).toLowerCase();
  if (TRUE_STRINGS.has(t)) return true;
  if (FALSE_STRINGS.has(t)) return false;
  return null;
}
