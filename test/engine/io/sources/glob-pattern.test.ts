import { describe, expect, it } from 'vitest';
import { compileGlob, isGlobPath } from '../../../../engine/io/sources/glob-pattern';
import { IllegalArgumentException } from '../../../../engine/errors';

describe('glob patterns (Hadoop GlobPattern, as Spark uses for paths and pathGlobFilter)', () => {
  it('matches *, ?, classes, negated classes and {a,b} alternatives within one name', () => {
    expect(compileGlob('*.json').test('part-0.json')).toBe(true);
    expect(compileGlob('*.json').test('part-0.csv')).toBe(false);
    expect(compileGlob('part-?.json').test('part-7.json')).toBe(true);
    expect(compileGlob('part-?.json').test('part-17.json')).toBe(false);
    expect(compileGlob('[ab]*').test('beta')).toBe(true);
    expect(compileGlob('[!ab]*').test('beta')).toBe(false);
    expect(compileGlob('[^ab]*').test('gamma')).toBe(true);
    expect(compileGlob('*.{json,csv}').test('x.csv')).toBe(true);
    expect(compileGlob('*.{json,csv}').test('x.txt')).toBe(false);
    expect(compileGlob('a\\*b').test('a*b')).toBe(true);
    expect(compileGlob('a\\*b').test('axb')).toBe(false);
    expect(compileGlob('v1.0').test('v1x0')).toBe(false);
  });

  it('rejects malformed globs with IllegalArgumentException', () => {
    expect(() => compileGlob('{a,b')).toThrow(IllegalArgumentException);
    expect(() => compileGlob('[ab')).toThrow(/Unclosed character class/);
  });

  it('detects glob paths like SparkHadoopUtil.isGlobPath', () => {
    expect(isGlobPath('/data/in')).toBe(false);
    expect(isGlobPath('/data/*/x')).toBe(true);
    expect(isGlobPath('/data/{a,b}')).toBe(true);
    expect(isGlobPath('/data/file?.json')).toBe(true);
  });
});
