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
