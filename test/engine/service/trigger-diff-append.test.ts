/**
 * The appended-rows diff (issue 8): a memory sink in append/update mode only adds rows after
 * the ones it holds, so the changed rows are the appended ones, found without comparing the
 * whole table. It must agree with the general compares whenever the old table is a prefix,
 * and decline when the table was cleared, replaced, or capped by dropping rows.
 */
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { appendedDiff, changedRows, keyedDiff } from '../../../engine/service/trigger-diff';
import { parseDDL } from '../../../engine/types/ddl';

const schema = parseDDL('user STRING, n BIGINT');
const table = (rows: [string | null, number][]): ColumnBatch =>
  ColumnBatch.fromRows(
    schema,
    rows.map(([user, n]) => ({ user, n })),
  );

describe('appendedDiff', () => {
  it('marks exactly the appended rows, as the whole-table compares do for a grown table', () => {
    const before = table([['a', 1], ['b', 2], ['a', 1]]);
    const after = table([['a', 1], ['b', 2], ['a', 1], ['a', 1], ['c', 3]]);
    const d = appendedDiff(after, before, 2, []);
    expect(d).toEqual({ keyColumns: [], added: [3, 4], updated: [], removed: [] });
    expect(d?.added).toEqual(changedRows(after, before));
    expect(d).toEqual(keyedDiff(after, before, ['user']));
  });

  it('reports the key columns when the caller vouches they stay unique (append mode)', () => {
    const before = table([['a', 1]]);
    const after = table([['a', 1], ['b', 5]]);
    expect(appendedDiff(after, before, 1, ['user'])).toEqual(keyedDiff(after, before, ['user']));
    expect(appendedDiff(after, before, 1, ['user'])?.keyColumns).toEqual(['user']);
    // Columns that do not lead the table are not a key.
    expect(appendedDiff(after, before, 1, ['n'])?.keyColumns).toEqual([]);
  });

  it('handles an empty previous table and a trigger that appended nothing', () => {
    const empty = table([]);
    const one = table([['a', 1]]);
    expect(appendedDiff(one, empty, 1, [])?.added).toEqual([0]);
    expect(appendedDiff(one, one, 0, [])).toEqual({ keyColumns: [], added: [], updated: [], removed: [] });
  });

  it('declines without a previous table, with another schema, or a count that does not add up', () => {
    const before = table([['a', 1]]);
    const after = table([['a', 1], ['b', 2]]);
    expect(appendedDiff(after, null, 2, [])).toBeNull();
    const other = ColumnBatch.fromRows(parseDDL('user STRING, m BIGINT'), [{ user: 'a', m: 1 }]);
    expect(appendedDiff(after, other, 1, [])).toBeNull();
    expect(appendedDiff(after, before, 2, [])).toBeNull();
    expect(appendedDiff(after, before, -1, [])).toBeNull(); // sink.numOutputRows unknown
    expect(appendedDiff(before, after, 0, [])).toBeNull(); // the table shrank (cleared)
  });

  it('declines a table capped by dropping its oldest rows (the prefix moved), so the general diff runs', () => {
    // A capped table of 3 rows: the oldest row left as the newest came; the count still
    // reads as "previous + 0 appended" to a caller that lost track, or +1 against an older one.
    const before = table([['a', 1], ['b', 2], ['c', 3]]);
    const capped = table([['b', 2], ['c', 3], ['d', 4]]);
    expect(appendedDiff(capped, before, 0, [])).toBeNull();
    const shorter = table([['a', 1], ['b', 2]]);
    expect(appendedDiff(capped, shorter, 1, [])).toBeNull();
    // The general compare then names what really changed.
    expect(keyedDiff(capped, before, [])).toEqual({ keyColumns: [], added: [2], updated: [], removed: [0] });
  });

  it('declines when a value at the boundary of the old rows changed', () => {
    const before = table([['a', 1], ['b', 2]]);
    expect(appendedDiff(table([['a', 1], ['b', 9], ['c', 3]]), before, 1, [])).toBeNull();
    expect(appendedDiff(table([['z', 1], ['b', 2], ['c', 3]]), before, 1, [])).toBeNull();
    expect(appendedDiff(table([[null, 1], ['b', 2], ['c', 3]]), before, 1, [])).toBeNull();
  });
});
