import { describe, expect, it } from 'vitest';
import { markedSpan, positionLabel } from '../../../renderer/src/lib/error-position';

describe('error-position: the failing span of an expression or statement', () => {
  it('splits the text around [start, stop) with the line and column of the start', () => {
    const text = 'SELECT gt,\n  cnt(x) FROM activity_count';
    const start = text.indexOf('cnt');
    expect(markedSpan({ text, start, stop: start + 6 })).toEqual({
      before: 'SELECT gt,\n  ',
      span: 'cnt(x)',
      after: ' FROM activity_count',
      line: 2,
      column: 3,
    });
    expect(positionLabel({ text, start, stop: start + 6 })).toBe('line 2, column 3');
  });

  it('marks one character for a zero-width position, and a space at the end of the text', () => {
    expect(markedSpan({ text: 'x +', start: 2, stop: 2 })?.span).toBe('+');
    expect(markedSpan({ text: 'x +', start: 3 })).toMatchObject({ before: 'x +', span: ' ', after: '' });
  });

  it('names a file and line, and nothing for no position or a bad offset', () => {
    expect(positionLabel({ file: 'sensors/part-3.json', line: 12 })).toBe('sensors/part-3.json:12');
    expect(positionLabel({ file: 'a.json' })).toBe('a.json');
    expect(positionLabel(undefined)).toBeNull();
    expect(markedSpan({ text: 'abc', start: 9 })).toBeNull();
    expect(markedSpan({ file: 'a.json', line: 1 })).toBeNull();
  });
});
