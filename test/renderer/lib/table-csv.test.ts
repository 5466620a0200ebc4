import { describe, expect, it } from 'vitest';
import { csvField, exportFileName, toCSV } from '../../../renderer/src/lib/table-csv';

describe('table CSV (RFC 4180)', () => {
  it('quotes only what must be quoted and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('5" screen')).toBe('"5"" screen"');
    expect(csvField(true)).toBe('true');
  });

  it('writes NULL and non-finite numbers as empty fields, as Spark’s CSV writer writes NULL', () => {
    expect(
      toCSV(
        ['a', 'b', 'c'],
        [
          [null, undefined, Infinity],
          [0, -1.5, 'x'],
        ],
      ),
    ).toBe('a,b,c\n,,\n0,-1.5,x\n');
  });

  it('makes safe export file names', () => {
    expect(exportFileName('activity count/input-rate', 'png')).toBe(
      'activity_count_input-rate.png',
    );
    expect(exportFileName('..', 'csv')).toBe('export.csv');
  });
});
