import { describe, expect, it } from 'vitest';
import { SparkArithmeticException } from '../../../engine/errors';
import { ANSI, LEGACY, errorOf, evalOne, evalRows, typeOf } from './expr-harness';

const type = (text: string, conf = ANSI): string => typeOf(text, conf).simpleString();

describe('result types (Arithmetic.scala, TypeCoercion)', () => {
  it('int + int = int, int + bigint = bigint, anything with double = double', () => {
    expect(type('i + j')).toBe('int');
    expect(type('i + l')).toBe('bigint');
    expect(type('i * d')).toBe('double');
    expect(type('l - 1.5F')).toBe('float');
    expect(type('1Y + 1Y')).toBe('tinyint');
  });
  it('/ is always double for non-decimals; div is bigint', () => {
    expect(type('i / j')).toBe('double');
    expect(evalOne('3 / 2')).toBe(1.5);
    expect(type('i div j')).toBe('bigint');
    expect(evalOne('7 div 2')).toBe(3);
    expect(evalOne('-7 div 2')).toBe(-3);
  });
  it('% takes the sign of the dividend', () => {
    expect(evalOne('-7 % 3')).toBe(-1);
    expect(evalOne('7 % -3')).toBe(1);
    expect(evalOne('-7.5 % 2')).toBe(-1.5);
  });
  it('a string in arithmetic is BIGINT under ANSI and DOUBLE otherwise (SPARK-38176)', () => {
    expect(type("'1' + 1")).toBe('bigint');
    expect(evalOne("'1' + 1")).toBe(2);
    expect(type("'1' + 1", LEGACY)).toBe('double');
    expect(evalOne("'1.5' + 1", LEGACY)).toBe(2.5);
    expect(errorOf(() => evalOne("'1.5' + 1")).errorClass).toBe('CAST_INVALID_INPUT');
    expect(type("'1' + 1.5D")).toBe('double');
  });
  it('date + int is date_add', () => {
    expect(type("DATE '2024-01-30' + 3")).toBe('date');
    expect(evalOne("CAST(DATE '2024-01-30' + 3 AS STRING)")).toBe('2024-02-02');
    expect(evalOne("CAST(DATE '2024-03-01' - 1 AS STRING)")).toBe('2024-02-29');
  });
  it('rejects non-numeric operands with DATATYPE_MISMATCH', () => {
    expect(errorOf(() => typeOf('b + 1')).errorClass).toBe('DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES');
    expect(errorOf(() => typeOf('b + b')).errorClass).toBe('DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE');
  });
});

describe('NULL handling', () => {
  it('any NULL operand gives NULL', () => {
    expect(evalRows('i + j', [{ i: 1, j: null }, { i: null, j: 2 }, { i: 1, j: 2 }])).toEqual([null, null, 3]);
    expect(evalOne('NULL * 2')).toBe(null);
    expect(evalOne('-NULL')).toBe(null);
  });
});

describe('ANSI mode (spark.sql.ansi.enabled=true, the Spark 4 default)', () => {
  it('raises DIVIDE_BY_ZERO with the failing fragment', () => {
    const e = errorOf(() => evalRows('d / i', [{ d: 1, i: 0 }]));
    expect(e).toBeInstanceOf(SparkArithmeticException);
    expect(e.errorClass).toBe('DIVIDE_BY_ZERO');
    expect(e.sqlState).toBe('22012');
    expect(e.message).toContain(
      '[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22012',
    );
    expect(e.message).toContain('== SQL (line 1, position 1) ==\nd / i\n^^^^^');
    expect(errorOf(() => evalOne('5 % 0')).errorClass).toBe('DIVIDE_BY_ZERO');
    expect(errorOf(() => evalOne('5 div 0')).errorClass).toBe('DIVIDE_BY_ZERO');
  });
  it('raises ARITHMETIC_OVERFLOW on 32-bit int overflow', () => {
    const e = errorOf(() => evalRows('i + 1', [{ i: 2147483647 }]));
    expect(e.errorClass).toBe('ARITHMETIC_OVERFLOW');
    expect(e.message).toContain("integer overflow. Use 'try_add' to tolerate overflow and return NULL instead.");
    expect(errorOf(() => evalRows('i * 2', [{ i: 2000000000 }])).message).toContain("'try_multiply'");
    expect(errorOf(() => evalRows('-i', [{ i: -2147483648 }])).errorClass).toBe('ARITHMETIC_OVERFLOW');
  });
  it('raises BINARY_ARITHMETIC_OVERFLOW for tinyint', () => {
    const e = errorOf(() => evalOne('100Y + 100Y'));
    expect(e.errorClass).toBe('BINARY_ARITHMETIC_OVERFLOW');
    expect(e.message).toContain('100Y + 100Y caused overflow.');
  });
  it('does not fail on rows a CASE branch never reaches (lazy CASE)', () => {
    expect(evalRows('CASE WHEN i = 0 THEN NULL ELSE d / i END', [{ d: 1, i: 0 }, { d: 6, i: 3 }])).toEqual([null, 2]);
  });
  it('does not evaluate the right side of AND where the left is false (short-circuit)', () => {
    expect(evalRows('i != 0 AND d / i > 1', [{ d: 1, i: 0 }, { d: 6, i: 3 }])).toEqual([false, true]);
  });
});

describe('non-ANSI mode (Spark 3 default)', () => {
  it('gives NULL for a zero divisor, for doubles too', () => {
    expect(evalOne('1 / 0', LEGACY)).toBe(null);
    expect(evalOne('1.5 / 0', LEGACY)).toBe(null);
    expect(evalOne('5 % 0', LEGACY)).toBe(null);
    expect(evalOne('5 div 0', LEGACY)).toBe(null);
  });
  it('wraps 32-bit int overflow like Java', () => {
    expect(evalOne('2147483647 + 1', LEGACY)).toBe(-2147483648);
    expect(evalOne('2000000000 * 2', LEGACY)).toBe(-294967296);
    expect(evalOne('100Y + 100Y', LEGACY)).toBe(-56);
  });
});

describe('try_* functions are NULL on error in both modes', () => {
  it('try_divide, try_add', () => {
    expect(evalOne('try_divide(1, 0)')).toBe(null);
    expect(evalOne('try_divide(3, 2)')).toBe(1.5);
    expect(evalOne('try_add(2147483647, 1)')).toBe(null);
    expect(evalOne('try_add(2147483647, 1)', LEGACY)).toBe(null);
    expect(evalOne('try_multiply(3, 4)')).toBe(12);
  });
});

describe('bitwise operators', () => {
  it('&, |, ^, ~ on integers', () => {
    expect(evalOne('12 & 10')).toBe(8);
    expect(evalOne('12 | 10')).toBe(14);
    expect(evalOne('12 ^ 10')).toBe(6);
    expect(evalOne('~5')).toBe(-6);
  });
});
