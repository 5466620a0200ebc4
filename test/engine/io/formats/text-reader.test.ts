import { describe, expect, it } from 'vitest';
import { TextReader } from '../../../../engine/io/formats/text-reader';
import { parseDDL } from '../../../../engine/types/index';

const schema = parseDDL('value STRING');
const read = (text: string, options: Record<string, string> = {}) =>
  new TextReader(options).read('f.txt', new TextEncoder().encode(text), schema).batch.toRows().map((r) => r.value);

describe('text format (TextSuite)', () => {
  it('one row per line, empty lines included, any line ending', () => {
    expect(read('a\r\n\nb\rc\n')).toEqual(['a', '', 'b', 'c']);
  });
  it('wholetext gives one row per file', () => {
    expect(read('a\nb\n', { wholetext: 'true' })).toEqual(['a\nb\n']);
  });
  it('lineSep', () => {
    expect(read('a;b;', { lineSep: ';' })).toEqual(['a', 'b']);
  });
  it('strips a BOM', () => {
    expect(read('\uFEFFa\n')).toEqual(['a']);
  });
});
