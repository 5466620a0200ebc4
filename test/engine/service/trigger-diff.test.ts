import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { changedRows } from '../../../engine/service/trigger-diff';
import { parseDDL } from '../../../engine/types/ddl';

const schema = parseDDL('gt STRING, count BIGINT');
const table = (rows: [string | null, number][]) =>
  ColumnBatch.fromRows(
    schema,
    rows.map(([gt, count]) => ({ gt, count })),
  );

describe('changedRows: rows of the result table not present after the previous trigger', () => {
  it('marks every row of the first trigger', () => {
    expect(
      changedRows(
        table([
          ['sit', 1],
          ['walk', 2],
        ]),
        null,
      ),
    ).toEqual([0, 1]);
  });

  it('marks groups whose count moved and new groups, as Update mode would emit them (complete-mode activity count)', () => {
    const before = table([
      ['sit', 10],
      ['walk', 5],
      [null, 1],
    ]);
    const after = table([
      ['walk', 5],
      ['sit', 12],
      [null, 1],
      ['bike', 3],
    ]);
    expect(changedRows(after, before)).toEqual([1, 3]);
  });

  it('compares rows as multisets, so a duplicated row is new once', () => {
    const before = table([['sit', 1]]);
    expect(
      changedRows(
        table([
          ['sit', 1],
          ['sit', 1],
        ]),
        before,
      ),
    ).toEqual([1]);
  });

  it('tells NULL from the string "null" and an unchanged table has no changed rows', () => {
    const before = table([[null, 1]]);
    expect(changedRows(table([['null', 1]]), before)).toEqual([0]);
    expect(changedRows(table([[null, 1]]), before)).toEqual([]);
  });

  it('treats a table with another schema as all new', () => {
    const other = ColumnBatch.fromRows(parseDDL('gt STRING, n INT'), [{ gt: 'sit', n: 1 }]);
    expect(changedRows(table([['sit', 1]]), other)).toEqual([0]);
  });
});
