import { describe, expect, it } from 'vitest';
import { decodeStateValue, encodeStateValue } from '../../../../engine/exec/state/state-value-codec';
import { parseStateChanges, serializeStateChanges } from '../../../../engine/exec/state/state-file-format';

const roundTrip = (v: unknown) => decodeStateValue(JSON.parse(JSON.stringify(encodeStateValue(v))));

describe('state values survive the trip through a state file', () => {
  it('keeps NaN, infinities, -0, bigints, Maps, Sets, typed arrays and undefined', () => {
    const value = {
      nan: NaN,
      inf: [Infinity, -Infinity],
      negZero: -0,
      big: 12345678901234567890n,
      map: new Map<unknown, unknown>([['a', 1], [2, null]]),
      set: new Set(['x']),
      regs: Uint8Array.from([0, 7, 255]),
      f64: Float64Array.from([1.5, NaN]),
      unset: undefined,
      window: { start: 0, end: 5_000_000 },
    };
    const back = roundTrip(value) as typeof value;
    expect(back.nan).toBeNaN();
    expect(back.inf).toEqual([Infinity, -Infinity]);
    expect(Object.is(back.negZero, -0)).toBe(true);
    expect(back.big).toBe(12345678901234567890n);
    expect(back.map).toEqual(value.map);
    expect(back.set).toEqual(value.set);
    expect(back.regs).toEqual(value.regs);
    expect(back.f64[0]).toBe(1.5);
    expect(back.f64[1]).toBeNaN();
    expect('unset' in back && back.unset === undefined).toBe(true);
    expect(back.window).toEqual(value.window);
  });

  it('never mistakes a user object with a $-key for a tag', () => {
    expect(roundTrip({ $nan: 'not a tag' })).toEqual({ $nan: 'not a tag' });
  });

  it('writes a delta as v1 and one JSON line per change, removals as ["key"]', () => {
    const text = serializeStateChanges([['["a"]', { n: 1 }], ['["b"]']]);
    expect(text).toBe('v1\n["[\\"a\\"]",{"n":1}]\n["[\\"b\\"]"]\n');
    expect(parseStateChanges(text, 'x')).toEqual([['["a"]', { n: 1 }], ['["b"]']]);
    expect(() => parseStateChanges('v9\n', '/cp/state/0/0/1.delta')).toThrow(/1\.delta is not a state file/);
  });
});
