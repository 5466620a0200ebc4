/**
 * Which rows the grid shows, in which order: the filter box's matches, sorted by the
 * header the user clicked. The result is an index permutation over the decoded table
 * (result-table.ts), so sorting 100,000 rows moves 100,000 integers and no cell text.
 *
 * Sort order follows Spark's SortOrder defaults: ascending puts NULLs first
 * (ASC NULLS FIRST), descending puts them last (DESC NULLS LAST); equal rows keep the
 * table's order (a stable sort), so a live update does not shuffle ties.
 */
import type { ResultColumn, ResultTable } from './result-table';

export type SortDirection = 'asc' | 'desc';

/** The sorted column, by name, so the sort survives a live update that reorders columns. */
export interface SortState {
  readonly column: string;
  readonly direction: SortDirection;
}

/** A header click cycles ascending → descending → unsorted; another column starts ascending. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (current === null || current.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

export function ariaSort(
  sort: SortState | null,
  column: string,
): 'ascending' | 'descending' | 'none' {
  if (sort === null || sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/** What the filter box asks for: a lower-cased needle, in one column or in any. */
export interface RowFilter {
  /** Column index for the `column:value` form; null searches every column. */
  readonly column: number | null;
  readonly needle: string;
}

/**
 * `walk` matches rows with "walk" in any cell (case-insensitive, over the cells as shown);
 * `gt:walk` only in column `gt` (names case-insensitive, as Spark resolves them by
 * default). A prefix that names no column is searched as typed, colon included, so
 * timestamps like `10:18` still work.
 */
export function parseFilter(text: string, columns: readonly ResultColumn[]): RowFilter | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const colon = trimmed.indexOf(':');
  if (colon > 0) {
    const name = trimmed.slice(0, colon).trim().toLowerCase();
    const column = columns.findIndex((c) => c.name.toLowerCase() === name);
    if (column >= 0) return { column, needle: trimmed.slice(colon + 1).trim().toLowerCase() };
  }
  return { column: null, needle: trimmed.toLowerCase() };
}

/** Rows (ascending) whose cells contain the needle. */
export function filterRows(table: ResultTable, filter: RowFilter): Int32Array {
  const columns =
    filter.column === null ? table.columns.map((_, c) => c) : [filter.column];
  const texts = columns.map((c) => table.lowerTexts(c));
  const out = new Int32Array(table.numRows);
  let n = 0;
  for (let r = 0; r < table.numRows; r++) {
    for (const column of texts) {
      if (column[r].includes(filter.needle)) {
        out[n++] = r;
        break;
      }
    }
  }
  return out.slice(0, n);
}

/** `rows` ordered by `sort` (a new array; ties keep their order in `rows`). */
export function sortRows(table: ResultTable, rows: Int32Array, sort: SortState): Int32Array {
  const column = table.columns.findIndex((c) => c.name === sort.column);
  if (column < 0) return rows;
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Ties broken by position make the order stable whatever the engine's sort does.
  const position = new Int32Array(table.numRows);
  rows.forEach((row, i) => (position[row] = i));
  return Int32Array.from(rows).sort(
    (a, b) => sign * table.compare(column, a, b) || position[a] - position[b],
  );
}

/** The grid's rows: filtered by `filterText`, then sorted. */
export function gridView(
  table: ResultTable,
  sort: SortState | null,
  filterText: string,
): Int32Array {
  const filter = parseFilter(filterText, table.columns);
  const rows = filter === null ? allRows(table.numRows) : filterRows(table, filter);
  return sort === null ? rows : sortRows(table, rows, sort);
}

/** 0 … n−1. A plain loop: Int32Array.from with a callback costs ~30× more at 1M rows. */
function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
