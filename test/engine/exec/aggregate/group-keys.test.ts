import { describe, expect, it } from 'vitest';
import { makeBuilder } from '../../../../engine/batch/vector-builder';
import { GroupKeyEncoder } from '../../../../engine/exec/aggregate/group-keys';
import { encodeStateKey } from '../../../../engine/exec/aggregate/state-key';
import { T, type DataType } from '../../../../engine/types/data-types';

function vec(type: DataType, values: unknown[]) {
  const b = makeBuilder(type);
  for (const v of values) b.append(v);
  return b.finish();
}

describe('GroupKeyEncoder: dense group ids over typed arrays', () => {
  it('groups NaN with NaN and -0.0 with 0.0, NULL as its own group (NormalizeFloatingNumbers)', () => {
    const { gids, numGroups } = new GroupKeyEncoder().encode(
      [vec(T.double, [0, -0, NaN, NaN, null, 1])],
      6,
    );
    expect(numGroups).toBe(4);
    expect([...gids]).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('combines several key columns and reports the first row of each group', () => {
    const s = vec(T.string, ['a', 'b', 'a', 'a', null]);
    const i = vec(T.int, [1, 1, 2, 1, 1]);
    const { gids, numGroups, firstRow } = new GroupKeyEncoder().encode([s, i], 5);
    expect(numGroups).toBe(4);
    expect([...gids]).toEqual([0, 1, 2, 0, 3]);
    expect([...firstRow]).toEqual([0, 1, 2, 4]);
  });

  it('matches equal strings across batches with different dictionaries', () => {
    const enc = new GroupKeyEncoder();
    const a = enc.encode([vec(T.string, ['x', 'y'])], 2);
    const b = enc.encode([vec(T.string, ['y', 'y', 'x'])], 3);
    expect(a.numGroups).toBe(2);
    expect([...b.gids]).toEqual([0, 0, 1]);
  });

  it('a global aggregate has one group even over no rows (SPARK-21977)', () => {
    expect(new GroupKeyEncoder().encode([], 0).numGroups).toBe(1);
  });

  it('state keys tell strings from numbers and NaN from NULL', () => {
    expect(encodeStateKey([1])).not.toBe(encodeStateKey(['1']));
    expect(encodeStateKey([NaN])).not.toBe(encodeStateKey([null]));
    expect(encodeStateKey([-0])).toBe(encodeStateKey([0]));
  });
});
