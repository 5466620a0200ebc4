import { describe, expect, it } from 'vitest';
import { StateStore } from '../../../../engine/exec/state/state-store';
import { StateStoreOverCeiling, withStateStoreCeiling } from '../../../../engine/exec/state/state-store-ceiling';

// Every row is estimated at exactly 100 bytes, so the ceiling is crossed at a known row.
const hundredBytes = (): StateStore<number> => new StateStore<number>(() => 100);

describe('the state store ceiling of a running batch', () => {
  it('stops a batch at the put that passes the ceiling, and abort restores the committed rows and estimate', () => {
    const store = hundredBytes();
    for (let i = 0; i < 3; i++) store.put(`k${i}`, i);
    store.commit();
    let thrown: unknown;
    try {
      withStateStoreCeiling(1000, () => {
        for (let i = 3; i < 1_000_000; i++) store.put(`k${i}`, i);
      });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StateStoreOverCeiling);
    const over = thrown as StateStoreOverCeiling;
    expect(over.store).toBe(store);
    expect(over.bytes).toBe(1100);
    // The eleventh row crossed the ceiling: the loop never got near a million rows.
    expect(store.size).toBe(11);
    store.abort();
    expect(store.size).toBe(3);
    expect(store.memoryUsedBytes()).toBe(300);
  });

  it('has no ceiling outside a batch (restoring a checkpoint) or after the batch returns', () => {
    const store = hundredBytes();
    withStateStoreCeiling(1000, () => store.put('a', 1));
    for (let i = 0; i < 50; i++) store.put(`k${i}`, i);
    store.restore({ version: 1, rows: Array.from({ length: 50 }, (_, i) => [`r${i}`, i] as const) });
    expect(store.memoryUsedBytes()).toBe(5000);
  });

  it('replacing a value does not count its key twice', () => {
    const store = hundredBytes();
    withStateStoreCeiling(250, () => {
      store.put('a', 1);
      store.put('b', 1);
      for (let i = 0; i < 100; i++) store.put('a', i);
    });
    expect(store.memoryUsedBytes()).toBe(200);
  });
});
