import { describe, expect, it } from 'vitest';
import { RecordLocator } from '../../../engine/service/corrupt-record-lines';

describe('RecordLocator', () => {
  it('finds each bad record at the start of its own line, in file order', () => {
    const text = 'bad\r\n{"w":"bad"}\nbad\rgood\nbad';
    const at = new RecordLocator(text, null);
    // `bad` inside line 2 is not a record start; \r\n and \r both end lines.
    expect([at.locate('bad'), at.locate('bad'), at.locate('bad')]).toEqual([1, 3, 5]);
  });

  it('steps over the lines of a multi-line record', () => {
    const text = 'a,"x\ny"\nx\ny"\nb';
    const at = new RecordLocator(text, null);
    expect(at.locate('a,"x\ny"')).toBe(1);
    // Line 2 is the inside of the first record; the next `y"` record is line 4.
    expect(at.locate('y"')).toBe(4);
  });

  it('counts lines by the lineSep option when it is set', () => {
    const at = new RecordLocator('one|two\nstill two|three', '|');
    expect(at.locate('two\nstill two')).toBe(2);
    expect(at.locate('three')).toBe(3);
  });

  it('returns null for a record that is not in the text', () => {
    expect(new RecordLocator('a\nb', null).locate('c')).toBeNull();
  });
});
