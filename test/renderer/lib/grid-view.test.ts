import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { toArrowIPC } from '../../../engine/service/arrow-export';
import { parseDDL } from '../../../engine/types/ddl';
import {
  ariaSort,
  gridView,
  nextSort,
  parseFilter,
  type SortState,
} from '../../../renderer/src/lib/grid-view';
import { decodeResultTable } from '../../../renderer/src/lib/result-table';

const activity = decodeResultTable(
  toArrowIPC(
    ColumnBatch.fromRows(parseDDL('gt STRING, count BIGINT, last TIMESTAMP'), [
      { gt: 'walk', count: 5, last: 1424686735000000 },
      { gt: 'sit', count: 12, last: 1424686736000000 },
      { gt: null, count: 1, last: null },
      { gt: 'stand', count: 5, last: 1424686734000000 },
      { gt: 'Stairsup', count: 120, last: 1424686737000000 },
    ]),
  ),
);
/** The gt column of the rows the view shows, in its order. */
const gts = (rows: Int32Array): string[] => [...rows].map((r) => activity.text(r, 0));

describe('grid-view: sorting, as Spark’s ORDER BY with its default null ordering', () => {
  it('cycles a header through ascending, descending and unsorted', () => {
    let sort: SortState | null = null;
    sort = nextSort(sort, 'count');
    expect(sort).toEqual({ column: 'count', direction: 'asc' });
    expect(ariaSort(sort, 'count')).toBe('ascending');
    expect(ariaSort(sort, 'gt')).toBe('none');
    sort = nextSort(sort, 'count');
    expect(ariaSort(sort, 'count')).toBe('descending');
    expect(nextSort(sort, 'count')).toBeNull();
    expect(nextSort(sort, 'gt')).toEqual({ column: 'gt', direction: 'asc' });
  });

  it('sorts numbers as numbers (120 after 12), NULLS FIRST ascending and NULLS LAST descending', () => {
    expect(gts(gridView(activity, { column: 'count', direction: 'asc' }, ''))).toEqual([
      'NULL',
      'walk',
      'stand',
      'sit',
      'Stairsup',
    ]);
    expect(gts(gridView(activity, { column: 'last', direction: 'asc' }, ''))).toEqual([
      'NULL',
      'stand',
      'walk',
      'sit',
      'Stairsup',
    ]);
    expect(gts(gridView(activity, { column: 'gt', direction: 'desc' }, ''))).toEqual([
      'walk',
      'stand',
      'sit',
      'Stairsup',
      'NULL',
    ]);
  });

  it('is stable: rows with equal values keep the table’s order, both directions', () => {
    // walk (row 0) and stand (row 3) both count 5.
    expect(gts(gridView(activity, { column: 'count', direction: 'desc' }, ''))).toEqual([
      'Stairsup',
      'sit',
      'walk',
      'stand',
      'NULL',
    ]);
  });

  it('leaves the table order alone for an unknown column or no sort', () => {
    expect([...gridView(activity, { column: 'gone', direction: 'asc' }, '')]).toEqual([0, 1, 2, 3, 4]);
    expect([...gridView(activity, null, '')]).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('grid-view: the filter box', () => {
  it('matches any cell as shown, case-insensitively', () => {
    expect(gts(gridView(activity, null, 'ST'))).toEqual(['stand', 'Stairsup']);
    expect(gts(gridView(activity, null, '  null '))).toEqual(['NULL']);
    expect(gts(gridView(activity, null, '10:18:57'))).toEqual(['Stairsup']);
  });

  it('reads column:value as a filter on one column, names case-insensitive', () => {
    expect(parseFilter('GT:s', activity.columns)).toEqual({ column: 0, needle: 's' });
    expect(gts(gridView(activity, null, 'count:5'))).toEqual(['walk', 'stand']);
    expect(gts(gridView(activity, null, 'gt:5'))).toEqual([]);
    // A prefix naming no column is searched as typed, colon and all.
    expect(parseFilter('10:18', activity.columns)).toEqual({ column: null, needle: '10:18' });
    expect(parseFilter('   ', activity.columns)).toBeNull();
  });

  it('filters, then sorts what is left', () => {
    expect(gts(gridView(activity, { column: 'count', direction: 'desc' }, 's'))).toEqual([
      'Stairsup',
      'sit',
      'stand',
    ]);
  });
});

describe('grid-view at 100,000 rows', () => {
  it('sorts and filters a 100,000-row table through its typed columns', () => {
    const n = 100_000;
    const rows = Array.from({ length: n }, (_, i) => ({
      id: i,
      v: (i * 7919) % 1000,
      s: `k${i % 97}`,
    }));
    const big = decodeResultTable(
      toArrowIPC(ColumnBatch.fromRows(parseDDL('id BIGINT, v INT, s STRING'), rows)),
    );
    const sorted = gridView(big, { column: 'v', direction: 'asc' }, '');
    expect(sorted.length).toBe(n);
    let outOfOrder = 0;
    for (let i = 1; i < n; i++) {
      const a = rows[sorted[i - 1]];
      const b = rows[sorted[i]];
      if (!(a.v < b.v || (a.v === b.v && a.id < b.id))) outOfOrder++;
    }
    expect(outOfOrder).toBe(0);
    const filtered = gridView(big, null, 's:k96');
    expect(filtered.length).toBe(rows.filter((r) => r.s.includes('k96')).length);
  });
});
