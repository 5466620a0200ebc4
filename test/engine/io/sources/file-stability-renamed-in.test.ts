import { describe, expect, it } from 'vitest';
import { FileStabilityTracker } from '../../../../engine/io/sources/file-stability';

const file = (path: string, size: number, mtimeMs: number) => ({ path, size, mtimeMs });
const paths = (files: readonly { path: string }[]): string[] => files.map((f) => f.path);

describe('FileStabilityTracker rule (c): a file renamed in whole needs no stability wait', () => {
  it('takes a just-written file at once when the watcher saw its name appear and no write', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/a.json', 1000);
    // mtime 1 ms old: rule (a) alone would hold it for 49 ms more.
    expect(paths(t.ready([file('/in/a.json', 200, 999)], 1001))).toEqual(['/in/a.json']);
    expect(t.numPending).toBe(0);
    expect(t.nextCheckInMs(1001)).toBeNull();
  });

  it('holds a file created in the folder and written there (a write event follows its creation)', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/b.json', 1000);
    t.noteWritten('/in/b.json');
    expect(t.ready([file('/in/b.json', 10, 1000)], 1002)).toEqual([]);
    expect(t.nextCheckInMs(1002)).toBe(48);
    // Appended again: still waiting, until nothing changes for the whole window.
    t.noteWritten('/in/b.json');
    expect(t.ready([file('/in/b.json', 20, 1030)], 1040)).toEqual([]);
    expect(paths(t.ready([file('/in/b.json', 20, 1030)], 1080))).toEqual(['/in/b.json']);
  });

  it('holds an empty file: created, its first write may still come', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/c.json', 1000);
    expect(t.ready([file('/in/c.json', 0, 1000)], 1001)).toEqual([]);
    expect(t.numPending).toBe(1);
  });

  it('holds a file the watcher never saw appear (listed before it started, or not covered)', () => {
    const t = new FileStabilityTracker(50);
    t.noteWritten('/in/d.json'); // a write without an arrival is no evidence either way
    expect(t.ready([file('/in/d.json', 10, 1000)], 1001)).toEqual([]);
  });

  it('a file renamed in and then appended to waits like any file being written', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/e.json', 1000);
    t.noteWritten('/in/e.json');
    expect(t.ready([file('/in/e.json', 10, 1001)], 1002)).toEqual([]);
  });

  it('a name written in place and then replaced by a rename is taken whole', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/f.json', 1000);
    t.noteWritten('/in/f.json');
    expect(t.ready([file('/in/f.json', 10, 1000)], 1001)).toEqual([]);
    t.noteNameChanged('/in/f.json', 1010); // `mv finished.json f.json` over it
    expect(paths(t.ready([file('/in/f.json', 30, 1009)], 1011))).toEqual(['/in/f.json']);
  });

  it('with fileStableMs 0 every file is ready, watcher or not', () => {
    const t = new FileStabilityTracker(0);
    t.noteNameChanged('/in/g.json', 1000);
    t.noteWritten('/in/g.json');
    expect(paths(t.ready([file('/in/g.json', 0, 1000), file('/in/h.json', 5, 1000)], 1000))).toEqual(
      ['/in/g.json', '/in/h.json'],
    );
  });

  it('forgets arrivals of names no listing shows as new (temp names, removed files) after a while', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/.tmp-1', 1000);
    t.ready([], 2000);
    // Still remembered within the memory window: a listing already under way may not have seen it.
    expect(paths(t.ready([file('/in/.tmp-1', 5, 1999)], 2001))).toEqual(['/in/.tmp-1']);
    t.noteNameChanged('/in/.tmp-2', 1000);
    t.ready([], 12_001);
    expect(t.ready([file('/in/.tmp-2', 5, 12_000)], 12_001)).toEqual([]);
  });

  it('an arrival taken once is not reused for a later file of the same name', () => {
    const t = new FileStabilityTracker(50);
    t.noteNameChanged('/in/i.json', 1000);
    expect(t.ready([file('/in/i.json', 5, 999)], 1001)).toHaveLength(1);
    // The same name listed again later (purged from the seen files, rewritten in place).
    expect(t.ready([file('/in/i.json', 9, 5000)], 5001)).toEqual([]);
  });
});
