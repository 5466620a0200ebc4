import { describe, expect, it } from 'vitest';
import { SeenFilesMap } from '../../../../engine/io/sources/seen-files-map';

describe('SeenFilesMap (FileStreamSourceSuite "SeenFilesMap")', () => {
  it('basic add, isNewFile and purge relative to the newest file', () => {
    const map = new SeenFilesMap(20, false);
    map.add('/a', 5);
    expect(map.size).toBe(1);
    map.purge();
    expect(map.size).toBe(1);
    map.add('/b', 15);
    map.add('/c', 30);
    // newest 30 − maxAge 20 = 10: entries older than 10 go.
    expect(map.purge()).toBe(1);
    expect(map.size).toBe(2);
    expect(map.isNewFile('/d', 9)).toBe(false);
    expect(map.isNewFile('/d', 10)).toBe(true);
    expect(map.isNewFile('/b', 15)).toBe(false);
  });

  it('considers every file new before the first purge', () => {
    const map = new SeenFilesMap(1, false);
    map.add('/a', 1000);
    expect(map.isNewFile('/old', 0)).toBe(true);
  });

  it('keys by file name only with fileNameOnly', () => {
    const map = new SeenFilesMap(1000, true);
    map.add('/x/data.json', 5);
    expect(map.isNewFile('/y/data.json', 6)).toBe(false);
    expect(map.isNewFile('/y/other.json', 6)).toBe(true);
  });
});
