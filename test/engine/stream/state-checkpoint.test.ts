/**
 * HDFSBackedStateStoreProvider's file life cycle: a delta per version with only the changed
 * keys, a snapshot every minDeltasForSnapshot versions, old files removed past
 * minBatchesToRetain, and restore = newest snapshot <= version + the deltas after it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatefulOperatorEntry } from '../../../engine/exec/physical-plan';
import type { StatefulOperator } from '../../../engine/exec/operator';
import type { RestoredStores } from '../../../engine/exec/state/operator-state';
import { StateStore } from '../../../engine/exec/state/state-store';
import { StateCheckpoint } from '../../../engine/stream/state-checkpoint';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A counting operator over a real StateStore: the parts of StatefulOperator the checkpoint uses. */
function counter(): { entry: StatefulOperatorEntry; store: StateStore<number>; restored: RestoredStores[] } {
  const store = new StateStore<number>();
  const restored: RestoredStores[] = [];
  const operator = {
    operatorName: 'stateStoreSave',
    stateStores: () => new Map([['default', store]]),
    restoreState: (stores: RestoredStores, version: number) => {
      restored.push(stores);
      store.restore({ version, rows: (stores.get('default') ?? []) as [string, number][] });
    },
  } as unknown as StatefulOperator;
  return { entry: { operatorId: 0, operator }, store, restored };
}

const files = () => readdirSync(join(dir, '0', '0')).sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));

describe('state files (HDFSBackedStateStoreProvider layout)', () => {
  it('writes only the changed keys per version, and restores by replaying deltas', async () => {
    const state = new StateCheckpoint(dir, { minDeltasForSnapshot: 10, minBatchesToRetain: 100 });
    const { entry, store } = counter();
    store.put('a', 1);
    store.put('b', 1);
    store.commit(1);
    await state.commit([entry], 1);
    store.put('a', 2);
    store.remove('b');
    store.commit(2);
    await state.commit([entry], 2);
    expect(readFileSync(join(dir, '0', '0', '2.delta'), 'utf8')).toBe('v1\n["a",2]\n["b"]\n');

    const fresh = counter();
    await new StateCheckpoint(dir, { minDeltasForSnapshot: 10, minBatchesToRetain: 100 }).restore([fresh.entry], 2);
    expect([...fresh.store.entries()]).toEqual([['a', 2]]);
    const older = counter();
    await new StateCheckpoint(dir, { minDeltasForSnapshot: 10, minBatchesToRetain: 100 }).restore([older.entry], 1);
    expect([...older.store.entries()]).toEqual([['a', 1], ['b', 1]]);
  });

  it('snapshots every minDeltasForSnapshot versions, cleans files past minBatchesToRetain, restores from the snapshot', async () => {
    const state = new StateCheckpoint(dir, { minDeltasForSnapshot: 2, minBatchesToRetain: 3 });
    const { entry, store } = counter();
    for (let v = 1; v <= 8; v++) {
      store.put(`k${v}`, v);
      store.commit(v);
      await state.commit([entry], v);
    }
    // Snapshots at 2, 4, 6, 8; versions 5..8 must stay rebuildable: from snapshot 4 on.
    expect(files()).toEqual(['4.delta', '4.snapshot', '5.delta', '6.delta', '6.snapshot', '7.delta', '8.delta', '8.snapshot']);
    // Without the deltas before it, version 7 still comes back (snapshot 6 + delta 7).
    unlinkSync(join(dir, '0', '0', '5.delta'));
    const fresh = counter();
    await new StateCheckpoint(dir, { minDeltasForSnapshot: 2, minBatchesToRetain: 3 }).restore([fresh.entry], 7);
    expect(fresh.store.size).toBe(7);
    expect(fresh.store.get('k7')).toBe(7);
    expect(fresh.store.has('k8')).toBe(false);
  });

  it('a missing delta fails the restore with CANNOT_LOAD_STATE_STORE', async () => {
    const state = new StateCheckpoint(dir, { minDeltasForSnapshot: 10, minBatchesToRetain: 100 });
    const { entry, store } = counter();
    for (let v = 1; v <= 3; v++) {
      store.put('k', v);
      store.commit(v);
      await state.commit([entry], v);
    }
    unlinkSync(join(dir, '0', '0', '2.delta'));
    await expect(state.restore([counter().entry], 3)).rejects.toMatchObject({
      errorClass: 'CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS',
    });
  });
});
