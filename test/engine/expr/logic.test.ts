import { describe, expect, it } from 'vitest';
import { ANSI, LEGACY, evalOne, evalRows, typeOf } from './expr-harness';

describe('three-valued logic (And, Or, Not)', () => {
  it.each([
    ['NULL AND false', false],
    ['NULL AND true', null],
    ['NULL OR true', true],
    ['NULL OR false', null],
    ['NOT NULL', null],
    ['true AND true', true],
    ['false OR false', false],
  ])('%s = %s', (text, expected) => {
    expect(evalOne(text)).toBe(expected);
  });
  it('works column-wise with NULLs', () => {
    const rows = [{ b: true }, { b: false }, { b: null }];
    expect(evalRows('b AND true', rows)).toEqual([true, false, null]);
    expect(evalRows('b OR true', rows)).toEqual([true, true, true]);
    expect(evalRows('NOT b', rows)).toEqual([false, true, null]);
  });
});

describe('comparisons', () => {
  it('any NULL side gives NULL; <=> never does', () => {
    expect(evalOne('NULL = 1')).toBe(null);
    expect(evalOne('NULL <=> NULL')).toBe(true);
    expect(evalOne('1 <=> NULL')).toBe(false);
    expect(evalRows('i <=> j', [{ i: 1, j: 1 }, { i: null, j: 1 }, { i: null, j: null }])).toEqual([true, false, true]);
  });
  it('NaN equals NaN and is larger than any double (SQLOrderingUtil.compareDoubles)', () => {
    expect(evalOne("CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE)")).toBe(true);
    expect(evalOne("CAST('NaN' AS DOUBLE) > 1e308")).toBe(true);
    expect(evalOne('0.0 = -0.0')).toBe(true);
  });
  it('compares strings, and a string column with a constant per dictionary entry', () => {
    expect(evalRows("s < 'b'", [{ s: 'a' }, { s: 'c' }, { s: 'a' }, { s: null }])).toEqual([true, false, true, null]);
    expect(evalRows('s = t', [{ s: 'x', t: 'x' }, { s: 'x', t: 'y' }])).toEqual([true, false]);
  });
  it('casts a string to the timestamp it is compared with', () => {
    expect(evalRows("ts > '2024-01-01 00:00:00'", [{ ts: Date.UTC(2024, 0, 2) * 1000 }, { ts: 0 }])).toEqual([true, false]);
    expect(evalRows("dt = '2024-01-01'", [{ dt: 19723 }])).toEqual([true]);
  });
  it('compares a string with a number as numbers: BIGINT under ANSI, the number type otherwise', () => {
    expect(evalOne("'10' > 9")).toBe(true);
    expect(evalOne("'1.5' = 1", LEGACY)).toBe(true);
  });
  it('compares date with timestamp as timestamps', () => {
    expect(evalOne("DATE '2024-01-01' = TIMESTAMP '2024-01-01 00:00:00'")).toBe(true);
    expect(evalOne("DATE '2024-01-01' < TIMESTAMP '2024-01-01 00:00:01'")).toBe(true);
  });
});

describe('IS [NOT] NULL never returns NULL', () => {
  it('on every row', () => {
    expect(evalRows('s IS NULL', [{ s: 'a' }, { s: null }])).toEqual([false, true]);
    expect(evalRows('s IS NOT NULL', [{ s: 'a' }, { s: null }])).toEqual([true, false]);
    expect(typeOf('s IS NULL').simpleString()).toBe('boolean');
  });
});

describe('IN (In, with SQL NULL semantics)', () => {
  it('is true on a match, NULL when unmatched and the list has a NULL, NULL for a NULL input', () => {
    expect(evalOne('1 IN (1, NULL)')).toBe(true);
    expect(evalOne('2 IN (1, NULL)')).toBe(null);
    expect(evalOne('2 IN (1, 3)')).toBe(false);
    expect(evalOne('NULL IN (1, 2)')).toBe(null);
    expect(evalOne('2 NOT IN (1, NULL)')).toBe(null);
    expect(evalOne('2 NOT IN (1, 3)')).toBe(true);
  });
  it('tests a string column against a constant list', () => {
    expect(evalRows("s IN ('sit', 'stand')", [{ s: 'sit' }, { s: 'walk' }, { s: null }])).toEqual([true, false, null]);
  });
  it('compares against non-constant items row by row', () => {
    expect(evalRows('i IN (j, 5)', [{ i: 1, j: 1 }, { i: 5, j: 2 }, { i: 3, j: null }])).toEqual([true, true, null]);
  });
});

describe('BETWEEN is inclusive', () => {
  it('includes both bounds and handles NOT', () => {
    expect(evalRows('i BETWEEN 1 AND 3', [{ i: 1 }, { i: 3 }, { i: 4 }, { i: null }])).toEqual([true, true, false, null]);
    expect(evalOne('5 NOT BETWEEN 1 AND 3')).toBe(true);
  });
});

describe('CASE WHEN', () => {
  it('takes the first TRUE branch; a NULL condition is not true; no ELSE gives NULL', () => {
    expect(evalOne("CASE WHEN NULL THEN 'a' WHEN true THEN 'b' END")).toBe('b');
    expect(evalOne("CASE WHEN false THEN 'a' END")).toBe(null);
    expect(evalRows("CASE WHEN i > 1 THEN 'big' ELSE 'small' END", [{ i: 5 }, { i: 0 }, { i: null }])).toEqual(['big', 'small', 'small']);
  });
  it('compares the operand form with =', () => {
    expect(evalRows("CASE i WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END", [{ i: 1 }, { i: 2 }, { i: 9 }, { i: null }])).toEqual(['one', 'two', 'many', 'many']);
  });
  it('widens branch types (int and double → double)', () => {
    expect(typeOf('CASE WHEN b THEN 1 ELSE 2.5 END').simpleString()).toBe('double');
    expect(evalRows('CASE WHEN b THEN 1 ELSE 2.5 END', [{ b: true }, { b: false }])).toEqual([1, 2.5]);
  });
  it('promotes string and int branches to STRING outside ANSI', () => {
    expect(typeOf("CASE WHEN b THEN 1 ELSE 'x' END", LEGACY).simpleString()).toBe('string');
    expect(typeOf("CASE WHEN b THEN 1 ELSE '2' END", ANSI).simpleString()).toBe('bigint');
  });
});
