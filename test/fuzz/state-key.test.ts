/**
 * encodeStateKey skips JSON.stringify's replacer when no value needs it; the text must be the
 * replacer's exactly, or a restarted query would not find the groups its checkpoint holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStateKey, stateKeyReplacer } from '../../engine/exec/aggregate/state-key';
import { fuzzParams } from './arbitraries/fuzz-settings';

/** The key text as encodeStateKey wrote it before the shortcut: always through the replacer. */
const withReplacer = (values: readonly unknown[]): string => JSON.stringify(values, stateKeyReplacer);

const leaf = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, null, true, undefined, 1_425_676_650_000_000),
  fc.double(),
  fc.string({ unit: 'binary' }),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 3 }),
);

const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('struct'), tie('map')),
  array: fc.array(tie('any'), { maxLength: 3 }),
  struct: fc.dictionary(fc.constantFrom('start', 'end', 'x', '$'), tie('any'), { maxKeys: 3 }),
  map: fc.array(fc.tuple(tie('any'), tie('any')), { maxLength: 2 }).map((e) => new Map(e)),
})).any;

describe('encodeStateKey', () => {
  it('writes what the replacer writes, for any key values', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3 }), (values) => {
        expect(encodeStateKey(values)).toBe(withReplacer(values));
      }),
      fuzzParams(500),
    );
  });
});
