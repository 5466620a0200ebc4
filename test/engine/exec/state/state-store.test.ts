import { describe, expect, it } from 'vitest';
import { StateStore } from '../../../../engine/exec/state/state-store';

describe('StateStore (after Spark HDFSBackedStateStoreProvider)', () => {
  it('counts numRowsTotal / numRowsUpdated / numRowsRemoved per committed version', () => {
    const s = new StateStore<number>();
    s.put('a', 1);
    s.put('b', 2);
    expect(s.commit()).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 2, numRowsRemoved: 0 });
    expect(s.version).toBe(1);
    s.put('a', 3);
    s.remove('b');
    const m = s.commit();
    expect(m).toMatchObject({ numRowsTotal: 1, numRowsUpdated: 1, numRowsRemoved: 1 });
    expect(m.memoryUsedBytes).toBeGreaterThan(0);
    expect(s.get('a')).toBe(3);
  });

  it('abort undoes every change since the last commit (a failed batch re-runs on committed state)', () => {
    const s = new StateStore<number>();
    s.put('a', 1);
    s.commit();
    s.put('a', 2);
    s.put('c', 9);
    s.remove('a');
    s.abort();
    expect([...s.entries()]).toEqual([['a', 1]]);
    expect(s.metrics()).toMatchObject({ numRowsTotal: 1, numRowsUpdated: 0, numRowsRemoved: 0 });
  });

  it('keeps first-insertion order and round-trips through snapshot/restore', () => {
    const s = new StateStore<string>();
    s.put('x', 'one');
    s.put('y', 'two');
    s.put('x', 'three');
    s.commit(7);
    const copy = new StateStore<string>();
    copy.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(copy.version).toBe(7);
    expect([...copy.entries()]).toEqual([
      ['x', 'three'],
      ['y', 'two'],
    ]);
  });

  it('leaves out of the delta a key made and removed in the same batch, keeps every real change', () => {
    const s = new StateStore<number>();
    s.put('kept', 1);
    s.put('gone', 2);
    s.commit();
    s.put('kept', 3); // updated
    s.remove('gone'); // removed: existed before the batch
    s.put('brief', 4); // made and removed within the batch: no change at all
    s.remove('brief');
    s.put('new', 5); // made
    s.put('back', 6); // made, removed, made again: a change
    s.remove('back');
    s.put('back', 7);
    const m = s.commit();
    expect(m).toMatchObject({ numRowsTotal: 3, numRowsUpdated: 5, numRowsRemoved: 3 });
    expect(s.lastCommittedChanges()).toEqual([['kept', 3], ['gone'], ['new', 5], ['back', 7]]);
  });
});
