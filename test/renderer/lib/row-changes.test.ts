import { describe, expect, it } from 'vitest';
import { describeChanges, rowChanges } from '../../../renderer/src/lib/row-changes';

describe('row-changes: the keyed diff as the grid highlights it', () => {
  it('marks added and updated rows from the diff', () => {
    const c = rowChanges({
      changedRows: [1, 3],
      diff: { keyColumns: ['gt'], added: [3], updated: [1], numRemoved: 2, removedIpc: null },
    });
    expect([0, 1, 2, 3].map((r) => c.get(r))).toEqual([undefined, 'updated', undefined, 'added']);
    expect(c).toMatchObject({ numAdded: 1, numUpdated: 1, numRemoved: 2, keyColumns: ['gt'] });
    expect(describeChanges(c)).toBe('1 added · 1 updated · 2 removed');
  });

  it('treats every changed row as added when the engine sent no diff', () => {
    const c = rowChanges({ changedRows: [0, 2] });
    expect([0, 1, 2].map((r) => c.get(r))).toEqual(['added', undefined, 'added']);
    expect(describeChanges(rowChanges({ changedRows: [] }))).toBe('no changes');
  });
});

describe('row-changes at catch-up size', () => {
  it('marks every row of a 1M-row trigger, and none past the table', () => {
    const numRows = 1_000_000;
    const added = Array.from({ length: numRows / 2 }, (_, i) => numRows / 2 + i);
    const c = rowChanges({
      numRows,
      changedRows: added,
      diff: { keyColumns: [], added, updated: [7], numRemoved: 0, removedIpc: null },
    });
    expect([0, 7, numRows / 2 - 1, numRows / 2, numRows - 1, numRows].map((r) => c.get(r))).toEqual([
      undefined,
      'updated',
      undefined,
      'added',
      'added',
      undefined,
    ]);
    expect(describeChanges(c)).toBe('500,000 added · 1 updated');
  });

  it('counts a row listed twice without a diff once', () => {
    expect(rowChanges({ numRows: 3, changedRows: [2, 2, 0] }).numAdded).toBe(2);
  });
});
