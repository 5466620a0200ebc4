import { describe, expect, it } from 'vitest';
import { likeToRegExp } from '../../../engine/expr/like';
import { errorOf, evalOne, evalRows } from './expr-harness';

describe('LIKE (Like, StringUtils.escapeLikeRegex)', () => {
  it('% matches any sequence, _ exactly one character, the whole string', () => {
    expect(evalOne("'stairsup' LIKE '%stairs%'")).toBe(true);
    expect(evalOne("'abc' LIKE 'a_c'")).toBe(true);
    expect(evalOne("'abbc' LIKE 'a_c'")).toBe(false);
    expect(evalOne("'abc' LIKE 'b'")).toBe(false);
    expect(evalOne("'a\nb' LIKE 'a%b'")).toBe(true);
  });
  it('is case-sensitive; ILIKE is not', () => {
    expect(evalOne("'ABC' LIKE 'abc'")).toBe(false);
    expect(evalOne("'ABC' ILIKE 'a%'")).toBe(true);
  });
  it('escapes with \\ by default', () => {
    expect(evalOne("'100%' LIKE '100\\%'")).toBe(true);
    expect(evalOne("'1000' LIKE '100\\%'")).toBe(false);
    expect(evalOne("'a_b' LIKE 'a\\_b'")).toBe(true);
  });
  it('takes another escape character with ESCAPE', () => {
    expect(evalOne("'%SystemDrive%/Users/John' LIKE '/%SystemDrive/%//Users%' ESCAPE '/'")).toBe(true);
  });
  it('rejects a pattern ending in the escape character (INVALID_FORMAT.ESC_AT_THE_END)', () => {
    const e = errorOf(() => evalOne("'a' LIKE 'a\\\\'"));
    expect(e.errorClass).toBe('INVALID_FORMAT.ESC_AT_THE_END');
    expect(() => likeToRegExp('a/', '/')).toThrow(/escape character is not allowed to end with/);
    expect(() => likeToRegExp('/a', '/')).toThrow(/not allowed to precede 'a'/);
  });
  it('gives NULL for NULL input or pattern, and NOT LIKE negates', () => {
    expect(evalRows("s LIKE 'a%'", [{ s: 'ab' }, { s: null }, { s: 'b' }])).toEqual([true, null, false]);
    expect(evalRows("s NOT LIKE 'a%'", [{ s: 'ab' }, { s: null }, { s: 'b' }])).toEqual([false, null, true]);
    expect(evalOne("'a' LIKE NULL")).toBe(null);
  });
  it('matches a per-row pattern column', () => {
    expect(evalRows('s LIKE t', [{ s: 'abc', t: 'a%' }, { s: 'abc', t: 'b%' }])).toEqual([true, false]);
  });
});

describe('RLIKE / REGEXP (Java regex, unanchored find)', () => {
  it('matches anywhere in the string', () => {
    expect(evalOne("'stairsdown' RLIKE 'stairs'")).toBe(true);
    expect(evalOne("'abc' RLIKE '^b'")).toBe(false);
    expect(evalOne("'a1' REGEXP '\\\\d'")).toBe(true);
  });
  it("honours Java's inline (?i) flag", () => {
    expect(evalOne("'ABC' RLIKE '(?i)abc'")).toBe(true);
  });
  it('reports an invalid regex as INVALID_PARAMETER_VALUE.PATTERN', () => {
    expect(errorOf(() => evalRows("s RLIKE '('", [{ s: 'x' }])).errorClass).toBe('INVALID_PARAMETER_VALUE.PATTERN');
  });
});
