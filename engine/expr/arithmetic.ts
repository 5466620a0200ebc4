/**
 * Binary arithmetic (Spark's Add, Subtract, Multiply, Divide, Remainder, IntegralDivide,
 * BitwiseAnd/Or/Xor) over two vectors already cast to the operation's type.
 *
 * Modes (EvalMode): 'ansi' raises DIVIDE_BY_ZERO / ARITHMETIC_OVERFLOW; 'legacy' gives
 * NULL for a zero divisor and wraps integer overflow (Java int/long arithmetic); 'try'
 * (try_add, try_divide, …) gives NULL for both.
 *
 * INT, SMALLINT and TINYINT results are exact (computed in doubles, then range-checked).
 * BIGINT is stored as float64, so its overflow check is approximate: a result is flagged
 * when its double magnitude exceeds 2^63, and results beyond 2^53 lose low bits — a
 * documented Tidemark deviation. Wrapping (legacy mode) uses BigInt and is exact for
 * operands that are themselves exact.
 */
import type { Vector } from '../batch/vector';
import type { ErrorContext } from '../errors';
import { ByteType, FloatType, IntegerType, LongType, ShortType, isIntegral, type DataType } from '../types/data-types';
import type { CastMode } from './cast-rules';
import { arithmeticOverflow, binaryArithmeticOverflow, divideByZero, toSQLValue } from './expr-errors';
import { makeEvaluator, type Evaluator } from './evaluator';
import { allocNumbers, compactValidity, numberVector } from './vector-factory';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | 'div' | '&' | '|' | '^';

const TRY_FUNCTION: Readonly<Record<string, string>> = { '+': 'try_add', '-': 'try_subtract', '*': 'try_multiply', '/': 'try_divide', '%': 'try_mod', div: 'try_divide' };

const LONG_LIMIT = 9223372036854775808;

function rangeOf(t: DataType): readonly [number, number] {
  if (t instanceof ByteType) return [-128, 127];
  if (t instanceof ShortType) return [-32768, 32767];
  if (t instanceof IntegerType) return [-2147483648, 2147483647];
  return [-LONG_LIMIT, LONG_LIMIT - 1];
}

function kernel(op: ArithmeticOp): (a: number, b: number) => number {
  switch (op) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return (a, b) => a / b;
    case '%':
      return (a, b) => a % b;
    case 'div':
      return (a, b) => Math.trunc(a / b);
    case '&':
      return bitwise((a, b) => a & b, (a, b) => a & b);
    case '|':
      return bitwise((a, b) => a | b, (a, b) => a | b);
    case '^':
      return bitwise((a, b) => a ^ b, (a, b) => a ^ b);
  }
}

/** 32-bit operators when both fit, BigInt (64-bit two's complement) otherwise. */
function bitwise(small: (a: number, b: number) => number, big: (a: bigint, b: bigint) => bigint): (a: number, b: number) => number {
  return (a, b) => ((a | 0) === a && (b | 0) === b ? small(a, b) : Number(BigInt.asIntN(64, big(BigInt(a), BigInt(b)))));
}

/** Java's wrapping result of an integral op whose exact result left the type's range. */
function wrapped(op: ArithmeticOp, a: number, b: number, exact: number, t: DataType): number {
  if (t instanceof LongType) {
    const x = BigInt(a);
    const y = BigInt(b);
    const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === 'div' ? x / y : x % y;
    return Number(BigInt.asIntN(64, r));
  }
  const i = op === '*' ? Math.imul(a, b) : exact | 0;
  if (t instanceof ShortType) return (i << 16) >> 16;
  if (t instanceof ByteType) return (i << 24) >> 24;
  return i;
}

export interface ArithmeticOptions {
  readonly mode: CastMode;
  readonly context?: ErrorContext;
}

export function arithmeticEvaluator(op: ArithmeticOp, type: DataType, left: Evaluator, right: Evaluator, o: ArithmeticOptions): Evaluator {
  const divides = op === '/' || op === '%' || op === 'div';
  const nullable = left.nullable || right.nullable || (divides && o.mode !== 'ansi') || o.mode === 'try';
  const f = kernel(op);
  const integral = isIntegral(type);
  const isFloat = type instanceof FloatType;
  const [min, max] = rangeOf(type);
  const checkRange = integral && op !== '&' && op !== '|' && op !== '^';
  const overflow = (a: number, b: number): Error => {
    if (type instanceof ByteType || type instanceof ShortType) {
      return binaryArithmeticOverflow(toSQLValue(a, type), op, toSQLValue(b, type), TRY_FUNCTION[op] ?? 'try_add', o.context);
    }
    return arithmeticOverflow(type instanceof LongType ? 'long overflow' : 'integer overflow', TRY_FUNCTION[op], o.context);
  };
  return makeEvaluator(type, nullable, left.foldable && right.foldable, (batch, ctx) => {
    const lv = left.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const rv = right.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const n = batch.numRows;
    const a = lv.values;
    const b = rv.values;
    const lValid = lv.validity;
    const rValid = rv.validity;
    const out = allocNumbers(type, n);
    const validity = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if ((lValid !== null && lValid[i] === 0) || (rValid !== null && rValid[i] === 0)) continue;
      const x = a[i];
      const y = b[i];
      if (divides && y === 0) {
        if (o.mode === 'ansi') throw divideByZero(o.context);
        continue;
      }
      let r = f(x, y);
      if (checkRange && (r < min || r > max)) {
        if (o.mode === 'ansi') throw overflow(x, y);
        if (o.mode === 'try') continue;
        r = wrapped(op, x, y, r, type);
      }
      out[i] = isFloat ? Math.fround(r) : r;
      validity[i] = 1;
    }
    return numberVector(type, out, compactValidity(validity, n));
  });
}

/** UnaryMinus / Abs: integral MIN_VALUE has no negation (ANSI: ARITHMETIC_OVERFLOW, else it stays MIN_VALUE). */
export function negateEvaluator(arg: Evaluator, absolute: boolean, o: ArithmeticOptions): Evaluator {
  const type = arg.dataType;
  const integral = isIntegral(type);
  const [min] = rangeOf(type);
  return makeEvaluator(type, arg.nullable, arg.foldable, (batch, ctx) => {
    const v = arg.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const n = batch.numRows;
    const out = allocNumbers(type, n);
    const src = v.values;
    for (let i = 0; i < n; i++) {
      const x = src[i];
      if (integral && x === min && (v.validity === null || v.validity[i] === 1)) {
        if (o.mode === 'ansi') throw arithmeticOverflow(type instanceof LongType ? 'long overflow' : 'integer overflow', absolute ? undefined : 'try_subtract', o.context);
        out[i] = x;
        continue;
      }
      const r = absolute ? Math.abs(x) : -x;
      out[i] = r === 0 ? 0 : r;
    }
    return numberVector(type, out, v.validity);
  });
}

/** BitwiseNot (~) on an integral vector. */
export function bitwiseNotEvaluator(arg: Evaluator): Evaluator {
  const type = arg.dataType;
  return makeEvaluator(type, arg.nullable, arg.foldable, (batch, ctx) => {
    const v = arg.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const n = batch.numRows;
    const out = allocNumbers(type, n);
    for (let i = 0; i < n; i++) {
      const x = v.values[i];
      out[i] = (x | 0) === x ? ~x : Number(BigInt.asIntN(64, ~BigInt(x)));
    }
    return numberVector(type, out, v.validity);
  });
}
