import { describe, expect, it } from 'vitest';
import { EvictionIndex } from '../../../../engine/exec/state/eviction-index';

describe('EvictionIndex', () => {
  it('returns keys of every time at or below the watermark, earliest first, and only those', () => {
    const index = new EvictionIndex();
    for (const [t, k] of [[30, 'c'], [10, 'a'], [20, 'b'], [10, 'a2'], [40, 'd']] as const) index.add(t, k);
    expect(index.size).toBe(4);
    expect(index.takeExpired(20)).toEqual(['a', 'a2', 'b']);
    expect(index.peek()).toBe(30);
    expect(index.takeExpired(25)).toEqual([]);
    expect(index.takeExpired(100)).toEqual(['c', 'd']);
    expect(index.size).toBe(0);
  });
});
