import { describe, expect, it } from 'vitest';
import { InputHealthTracker } from '../../../engine/service/input-health';

describe('InputHealthTracker', () => {
  it('adds corrupt records across triggers and folds warnings per code and column', () => {
    const t = new InputHealthTracker();
    const warn = (file: string, column: string) => ({
      code: 'IMPLAUSIBLE_TIMESTAMP',
      message: `${column} in ${file} decodes to year +248979: set option timestampUnit=ns`,
      file,
      column,
    });
    t.record({ numCorruptRecords: 2, warnings: [warn('a.json', 'Creation_Time'), warn('a.json', 'Arrival_Time')] });
    t.record(undefined);
    t.record({ numCorruptRecords: 3, warnings: [warn('b.json', 'Creation_Time')] });
    const h = t.snapshot();
    expect(h.numCorruptRecords).toBe(5);
    expect(h.warnings.map((w) => [w.column, w.numFiles])).toEqual([
      ['Creation_Time', 2],
      ['Arrival_Time', 1],
    ]);
    expect(h.warnings[0].message).toContain('a.json');
  });
});

describe('InputHealthTracker: resource warnings', () => {
  it('keeps the newest message of a warning about the query (no file), so its sizes are current', () => {
    const t = new InputHealthTracker();
    const high = (batch: number, share: number) => ({
      code: 'STATE_MEMORY_HIGH',
      message: `After batch ${batch} the query's state holds ${share}% of its limit`,
    });
    t.record({ numCorruptRecords: 0, warnings: [high(3, 81)] });
    t.record({ numCorruptRecords: 0, warnings: [] });
    t.record({ numCorruptRecords: 0, warnings: [high(5, 93)] });
    const h = t.snapshot();
    expect(h.warnings).toEqual([
      {
        code: 'STATE_MEMORY_HIGH',
        message: "After batch 5 the query's state holds 93% of its limit",
        column: null,
        numFiles: 0,
      },
    ]);
  });
});
