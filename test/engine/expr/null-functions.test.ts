import { describe, expect, it } from 'vitest';
import { errorOf, evalOne, evalRows, typeOf } from './expr-harness';

describe('NULL functions (nullExpressions.scala)', () => {
  it('coalesce, nvl, ifnull take the first non-NULL', () => {
    expect(evalRows('coalesce(s, t, \'none\')', [{ s: 'a', t: 'b' }, { s: null, t: 'b' }, { s: null, t: null }])).toEqual(['a', 'b', 'none']);
    expect(evalOne('nvl(NULL, 2)')).toBe(2);
    expect(evalOne('ifnull(1, 2)')).toBe(1);
    expect(typeOf('coalesce(i, d)').simpleString()).toBe('double');
  });
  it('coalesce evaluates later arguments only where earlier ones are NULL', () => {
    expect(evalRows('coalesce(d, 1 / i)', [{ d: 5, i: 0 }, { d: null, i: 2 }])).toEqual([5, 0.5]);
  });
  it('nullif, nvl2, if', () => {
    expect(evalOne('nullif(1, 1)')).toBe(null);
    expect(evalOne('nullif(1, 2)')).toBe(1);
    expect(evalOne("nvl2(NULL, 'a', 'b')")).toBe('b');
    expect(evalOne("nvl2(1, 'a', 'b')")).toBe('a');
    expect(evalOne("if(1 > 2, 'a', 'b')")).toBe('b');
    expect(evalOne("if(NULL, 'a', 'b')")).toBe('b');
  });
  it('isnull / isnotnull never NULL; isnan is false for NULL', () => {
    expect(evalOne('isnull(NULL)')).toBe(true);
    expect(evalOne('isnotnull(NULL)')).toBe(false);
    expect(evalOne("isnan(CAST('NaN' AS DOUBLE))")).toBe(true);
    expect(evalOne('isnan(NULL)')).toBe(false);
    expect(evalOne("nanvl(CAST('NaN' AS DOUBLE), 0)")).toBe(0);
    expect(evalOne('nanvl(1.5, 0)')).toBe(1.5);
  });
  it('rejects arguments with no common type', () => {
    expect(errorOf(() => typeOf('coalesce(b, ts)')).errorClass).toBe('DATATYPE_MISMATCH.DATA_DIFF_TYPES');
  });
});

describe('nanvl with NULLs (NaNvl)', () => {
  it('keeps a non-NaN first value even when the second is NULL', () => {
    expect(evalOne('nanvl(1.5, NULL)')).toBe(1.5);
    expect(evalOne("nanvl(CAST('NaN' AS DOUBLE), NULL)")).toBe(null);
    expect(evalOne('nanvl(NULL, 1.0)')).toBe(null);
  });
});
