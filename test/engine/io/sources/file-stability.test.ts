import { describe, expect, it } from 'vitest';
import { FileStabilityTracker } from '../../../../engine/io/sources/file-stability';

const file = (path: string, size: number, mtimeMs: number) => ({ path, size, mtimeMs });

describe('FileStabilityTracker (Tidemark: no reads of files still being written)', () => {
  it('takes a file untouched for fileStableMs at once (e.g. renamed in after writing)', () => {
    const t = new FileStabilityTracker(50);
    expect(t.ready([file('/a', 10, 1000)], 1050).map((f) => f.path)).toEqual(['/a']);
    expect(t.numPending).toBe(0);
  });

  it('counts a file written within the clock\'s current millisecond as 0 ms old (fileStableMs=0 takes it)', () => {
    const t = new FileStabilityTracker(0);
    expect(t.ready([file('/a', 10, 1000.7)], 1000).map((f) => f.path)).toEqual(['/a']);
    const held = new FileStabilityTracker(1);
    expect(held.ready([file('/b', 10, 1000.7)], 1000)).toEqual([]);
    expect(held.ready([file('/b', 10, 1000.7)], 1001)).toHaveLength(1);
  });

  it('holds a freshly modified file until its mtime is fileStableMs old', () => {
    const t = new FileStabilityTracker(50);
    expect(t.ready([file('/a', 10, 1000)], 1010)).toEqual([]);
    expect(t.nextCheckInMs(1010)).toBe(40);
    // Still growing: new size and mtime.
    expect(t.ready([file('/a', 20, 1030)], 1040)).toEqual([]);
    expect(t.ready([file('/a', 20, 1030)], 1080)).toHaveLength(1);
  });

  it('takes a file with a future mtime once two listings fileStableMs apart agree', () => {
    const t = new FileStabilityTracker(50);
    expect(t.ready([file('/skewed', 5, 9_999_999)], 1000)).toEqual([]);
    expect(t.ready([file('/skewed', 5, 9_999_999)], 1020)).toEqual([]);
    expect(t.ready([file('/skewed', 5, 9_999_999)], 1050)).toHaveLength(1);
  });

  it('forgets pending files that disappeared', () => {
    const t = new FileStabilityTracker(50);
    t.ready([file('/a', 1, 1000)], 1000);
    t.ready([], 1010);
    expect(t.numPending).toBe(0);
    expect(t.nextCheckInMs(1010)).toBeNull();
  });
});
