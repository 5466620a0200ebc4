/**
 * Numeric literal typing as Spark's AstBuilder does it (visitIntegerLiteral,
 * visitBigIntLiteral, …): an integer is INT when it fits 32 bits, else BIGINT; suffixes
 * pick the type (L bigint, S smallint, Y tinyint, D double, F float, BD decimal) and a
 * value out of the suffix type's range is INVALID_NUMERIC_LITERAL_RANGE.
 *
 * Tidemark deviation: Spark types `1.5` as DECIMAL(2,1) and an integer beyond BIGINT as
 * DECIMAL(n,0); decimal is optional in Tidemark, so both become DOUBLE here (as do `BD`
 * literals).
 */
import { ParseException } from '../errors';
import type { LiteralExpr, Span } from './ast';

const RANGES: Record<string, readonly [bigint, bigint]> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

export function numericLiteral(text: string, negative: boolean, source: string, span: Span): LiteralExpr {
  const lower = text.toLowerCase();
  const signed = (negative ? '-' : '') + text;
  if (lower.endsWith('bd')) return { kind: 'literal', value: Number(signed.slice(0, -2)), dataType: 'double', span };
  const suffix = lower[lower.length - 1];
  const body = /[lsydf]/.test(suffix) ? signed.slice(0, -1) : signed;
  switch (suffix) {
    case 'd':
      return { kind: 'literal', value: Number(body), dataType: 'double', span };
    case 'f':
      return { kind: 'literal', value: Math.fround(Number(body)), dataType: 'float', span };
    case 'l':
      return ranged(body, 'bigint', source, span);
    case 's':
      return ranged(body, 'smallint', source, span);
    case 'y':
      return ranged(body, 'tinyint', source, span);
  }
  if (/^-?\d+$/.test(body)) {
    const big = BigInt(body);
    if (big >= -2147483648n && big <= 2147483647n) return { kind: 'literal', value: Number(big), dataType: 'int', span };
    if (big >= -9223372036854775808n && big <= 9223372036854775807n) return { kind: 'literal', value: Number(big), dataType: 'bigint', span };
  }
  return { kind: 'literal', value: Number(body), dataType: 'double', span };
}

function ranged(body: string, type: 'bigint' | 'smallint' | 'tinyint', source: string, span: Span): LiteralExpr {
  const [min, max] = RANGES[type];
  const valid = /^-?\d+$/.test(body);
  const big = valid ? BigInt(body) : 0n;
  if (!valid || big < min || big > max) {
    const bounds = [String(min), String(max)];
    throw new ParseException(
      'INVALID_NUMERIC_LITERAL_RANGE',
      `Numeric literal ${body} is outside the valid range for ${type} with minimum value of ${bounds[0]} and maximum value of ${bounds[1]}. Please adjust the value accordingly.`,
      { messageParameters: { rawStrippedQualifier: body, typeName: type, minValue: bounds[0], maxValue: bounds[1] }, sqlState: '22003', context: { text: source, start: span[0], stop: span[1] } },
    );
  }
  return { kind: 'literal', value: Number(big), dataType: type, span };
}
