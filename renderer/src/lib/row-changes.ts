/**
 * How each row of a trigger's result table changed since the previous trigger, as the grid
 * highlights it: `added` (a key the previous table lacked) or `updated` (a key it had, with
 * other values), from the engine's keyed diff (engine/service/trigger-diff.ts). Tables sent
 * without a diff fall back to `changedRows`, every one of them `added`.
 */
import type { TriggerTable } from '../../../engine/service/protocol';

export type RowChange = 'added' | 'updated';

export interface RowChanges {
  /** The change of table row `row`, or undefined when it is as it was. */
  get(row: number): RowChange | undefined;
  readonly numAdded: number;
  readonly numUpdated: number;
  readonly numRemoved: number;
  /** The columns rows were matched by; empty when whole rows were compared. */
  readonly keyColumns: readonly string[];
}

export const NO_CHANGES: RowChanges = {
  get: () => undefined,
  numAdded: 0,
  numUpdated: 0,
  numRemoved: 0,
  keyColumns: [],
};

const ADDED = 1;
const UPDATED = 2;

export function rowChanges(
  table: Pick<TriggerTable, 'changedRows' | 'diff'> & { readonly numRows?: number },
): RowChanges {
  // One byte per row, not a Map: a catch-up trigger marks every row of a 1M-row table.
  const byRow = new Uint8Array(table.numRows ?? 1 + maxRow(table));
  const get = (r: number): RowChange | undefined =>
    byRow[r] === ADDED ? 'added' : byRow[r] === UPDATED ? 'updated' : undefined;
  const diff = table.diff;
  if (diff === undefined) {
    let numAdded = 0;
    for (const r of table.changedRows) {
      if (r >= byRow.length || byRow[r] === ADDED) continue;
      byRow[r] = ADDED;
      numAdded++;
    }
    return { get, numAdded, numUpdated: 0, numRemoved: 0, keyColumns: [] };
  }
  for (const r of diff.added) byRow[r] = ADDED;
  for (const r of diff.updated) byRow[r] = UPDATED;
  return {
    get,
    numAdded: diff.added.length,
    numUpdated: diff.updated.length,
    numRemoved: diff.numRemoved,
    keyColumns: diff.keyColumns,
  };
}

/** The highest row index the changes name (−1: none), when the table's size is not given. */
function maxRow(table: Pick<TriggerTable, 'changedRows' | 'diff'>): number {
  let max = -1;
  for (const rows of [table.changedRows, table.diff?.added ?? [], table.diff?.updated ?? []])
    for (const r of rows) if (r > max) max = r;
  return max;
}

/** `2 added · 1 updated · 1 removed`, leaving out the kinds that did not happen. */
export function describeChanges(changes: RowChanges): string {
  const parts: string[] = [];
  if (changes.numAdded > 0) parts.push(`${changes.numAdded.toLocaleString('en-US')} added`);
  if (changes.numUpdated > 0) parts.push(`${changes.numUpdated.toLocaleString('en-US')} updated`);
  if (changes.numRemoved > 0) parts.push(`${changes.numRemoved.toLocaleString('en-US')} removed`);
  return parts.length === 0 ? 'no changes' : parts.join(' · ');
}
