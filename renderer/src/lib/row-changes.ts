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

export function rowChanges(table: Pick<TriggerTable, 'changedRows' | 'diff'>): RowChanges {
  const byRow = new Map<number, RowChange>();
  const diff = table.diff;
  if (diff === undefined) {
    for (const r of table.changedRows) byRow.set(r, 'added');
    return { get: (r) => byRow.get(r), numAdded: byRow.size, numUpdated: 0, numRemoved: 0, keyColumns: [] };
  }
  for (const r of diff.added) byRow.set(r, 'added');
  for (const r of diff.updated) byRow.set(r, 'updated');
  return {
    get: (r) => byRow.get(r),
    numAdded: diff.added.length,
    numUpdated: diff.updated.length,
    numRemoved: diff.numRemoved,
    keyColumns: diff.keyColumns,
  };
}

/** `2 added · 1 updated · 1 removed`, leaving out the kinds that did not happen. */
export function describeChanges(changes: RowChanges): string {
  const parts: string[] = [];
  if (changes.numAdded > 0) parts.push(`${changes.numAdded.toLocaleString('en-US')} added`);
  if (changes.numUpdated > 0) parts.push(`${changes.numUpdated.toLocaleString('en-US')} updated`);
  if (changes.numRemoved > 0) parts.push(`${changes.numRemoved.toLocaleString('en-US')} removed`);
  return parts.length === 0 ? 'no changes' : parts.join(' · ');
}
