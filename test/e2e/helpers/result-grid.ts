/**
 * Reading the result grid as the user sees it. The grid is virtualised: only the rows in
 * view are in the DOM (`grid-row`, with `data-row-index` in the sorted/filtered view), each
 * cell marked with its column (`[data-column]`), and the whole view's size is the grid's
 * `data-row-count`. The tables these helpers read whole (a few activity groups) fit on screen.
 */
import type { Locator, Page } from 'playwright-core';

/** One rendered row: cell text by column name, its view index and change mark. */
export interface GridRow {
  readonly index: number;
  readonly change: string | null;
  readonly cells: Readonly<Record<string, string>>;
}

/** The rendered rows of the grid(s) under `scope`, in view order. */
export async function renderedRows(scope: Locator): Promise<GridRow[]> {
  const rows = await scope.locator('[data-testid="grid-row"]').evaluateAll((elements) =>
    elements.map((row) => ({
      index: Number(row.getAttribute('data-row-index')),
      change: row.getAttribute('data-change'),
      cells: Object.fromEntries(
        [...row.querySelectorAll('[data-column]')].map((cell) => [
          cell.getAttribute('data-column') ?? '',
          (cell.textContent ?? '').trim(),
        ]),
      ),
    })),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** The trigger table on screen: the batch it is after, and its rendered rows. */
export async function shownTriggerTable(
  page: Page,
): Promise<{ batchId: number | null; rows: GridRow[] }> {
  // One evaluate, so the batch id and the rows come from the same rendering.
  const [shown] = await page.locator('[data-testid="result-table"]').evaluateAll((tables) =>
    tables.map((table) => ({
      batchId: table.getAttribute('data-batch-id'),
      rows: [...table.querySelectorAll('[data-testid="grid-row"]')].map((row) => ({
        index: Number(row.getAttribute('data-row-index')),
        change: row.getAttribute('data-change'),
        cells: Object.fromEntries(
          [...row.querySelectorAll('[data-column]')].map((cell) => [
            cell.getAttribute('data-column') ?? '',
            (cell.textContent ?? '').trim(),
          ]),
        ),
      })),
    })),
  );
  if (shown === undefined) return { batchId: null, rows: [] };
  return {
    batchId: shown.batchId === null ? null : Number(shown.batchId),
    rows: shown.rows.sort((a, b) => a.index - b.index),
  };
}

/** An activity count table as {gt: count}; the NULL group (unlabelled rows) under 'NULL'. */
export function countsByActivity(rows: readonly GridRow[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.cells.gt, Number(r.cells.count)]));
}

export const sumOf = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);
