import { describe, expect, it } from 'vitest';
import { roundDecimal } from '../../../engine/expr/math-functions';
import { LEGACY, errorOf, evalOne, evalRows, typeOf } from './expr-harness';

describe('math functions (mathExpressions.scala)', () => {
  it('abs keeps the type; ANSI overflow on Int.MinValue', () => {
    expect(evalOne('abs(-5)')).toBe(5);
    expect(typeOf('abs(i)').simpleString()).toBe('int');
    expect(errorOf(() => evalRows('abs(i)', [{ i: -2147483648 }])).errorClass).toBe('ARITHMETIC_OVERFLOW');
    expect(evalRows('abs(i)', [{ i: -2147483648 }], LEGACY)).toEqual([-2147483648]);
  });
  it('round is HALF_UP on the decimal value; bround HALF_EVEN', () => {
    expect(evalOne('round(2.5)')).toBe(3);
    expect(evalOne('round(-2.5)')).toBe(-3);
    expect(evalOne('round(2.675, 2)')).toBe(2.68);
    expect(evalOne('bround(2.5)')).toBe(2);
    expect(evalOne('bround(3.5)')).toBe(4);
    expect(evalOne('round(1234, -2)')).toBe(1200);
    expect(typeOf('round(i)').simpleString()).toBe('int');
    expect(roundDecimal(1.005, 2, false)).toBe(1.01);
  });
  it('ceil and floor return BIGINT', () => {
    expect(evalOne('ceil(1.2)')).toBe(2);
    expect(evalOne('floor(-1.2)')).toBe(-2);
    expect(typeOf('ceil(d)').simpleString()).toBe('bigint');
  });
  it('sqrt, pow, exp, logarithms (NULL for non-positive input)', () => {
    expect(evalOne('sqrt(16)')).toBe(4);
    expect(Number.isNaN(evalOne('sqrt(-1)'))).toBe(true);
    expect(evalOne('pow(2, 10)')).toBe(1024);
    expect(evalOne('power(2, 0.5)')).toBeCloseTo(Math.SQRT2);
    expect(evalOne('exp(0)')).toBe(1);
    expect(evalOne('ln(1)')).toBe(0);
    expect(evalOne('ln(0)')).toBe(null);
    expect(evalOne('log10(1000)')).toBe(3);
    expect(evalOne('log2(8)')).toBe(3);
    expect(evalOne('log(2, 8)')).toBeCloseTo(3);
  });
  it('signum', () => {
    expect(evalOne('signum(-3)')).toBe(-1);
    expect(evalOne('signum(0)')).toBe(0);
  });
  it('greatest and least skip NULLs', () => {
    expect(evalOne('greatest(1, NULL, 3)')).toBe(3);
    expect(evalOne('least(4, NULL, 2)')).toBe(2);
    expect(evalOne('greatest(NULL, NULL)')).toBe(null);
    expect(typeOf('greatest(i, d)').simpleString()).toBe('double');
  });
});
