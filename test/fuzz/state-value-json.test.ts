/**
 * stateValueJson's shortcut (JSON.stringify of the value itself when nothing in it needs a
 * tag), and the state file writer that writes such values straight into bytes, must write
 * exactly what the tagged encoding writes, for any value a state row can hold: otherwise a
 * delta written by one path would read back differently from the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStateChanges, serializeStateChanges } from '../../engine/exec/state/state-file-format';
import type { StateChange } from '../../engine/exec/state/operator-state';
import { decodeStateValue, encodeStateValue, stateValueJson } from '../../engine/exec/state/state-value-codec';
import { fuzzParams } from './arbitraries/fuzz-settings';

/** Leaves a state row holds, the awkward ones (NaN, -0, $-keys, undefined) weighted in. */
const leaf = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, undefined, null, true, '$x', '', 2 ** 53),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.string({ unit: 'binary' }), // any code point, lone surrogates too
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 4 }),
  fc.float64Array({ maxLength: 3 }),
);

const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('sparse'), tie('object'), tie('map')),
  array: fc.array(tie('any'), { maxLength: 4 }),
  sparse: fc.sparseArray(tie('any'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('$nan', '$obj', '$', 'start')), tie('any'), { maxKeys: 3 }),
  map: fc.array(fc.tuple(tie('any'), tie('any')), { maxLength: 2 }).map((entries) => new Map(entries)),
})).any;

describe('stateValueJson', () => {
  it('writes the same text as JSON.stringify(encodeStateValue(v)) for any state value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(stateValueJson(v)).toBe(JSON.stringify(encodeStateValue(v)));
      }),
      fuzzParams(500),
    );
  });

  it('takes the shortcut for rows without tags and still reads them back', () => {
    const row = { key: [{ start: 0, end: 30_000_000 }, 'a'], buffers: [12, null, 'x'] };
    expect(stateValueJson(row)).toBe(JSON.stringify(row));
    expect(decodeStateValue(JSON.parse(stateValueJson(row)))).toEqual(row);
    // Holes and class instances go the long way (a hole reads undefined, a Date has its own
    // form); a hole still comes out as null, as Array#map in encodeStateValue leaves it.
    const holed = [1, 2, 3];
    delete holed[1];
    expect(stateValueJson(holed)).toBe('[1,null,3]');
    expect(stateValueJson({ d: new Date(5) })).toBe('{"d":{"$date":5}}');
    expect(stateValueJson({ $nan: 1 })).toBe('{"$obj":{"$nan":1}}');
  });

  it('writes state files byte for byte as JSON.stringify([key, encodeStateValue(value)]) per line', () => {
    const key = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('[{"start":0,"end":30000000},"a"]', ''));
    const change: fc.Arbitrary<StateChange> = fc.oneof(fc.tuple(key), fc.tuple(key, value));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 5 }), (changes) => {
        const expected = ['v1', ...changes.map((c) => JSON.stringify(c.length === 1 ? [c[0]] : [c[0], encodeStateValue(c[1])]))].join('\n') + '\n';
        const text = serializeStateChanges(changes);
        expect(text).toBe(expected);
        expect(parseStateChanges(text, 'x').map((c) => c[0])).toEqual(changes.map((c) => c[0]));
      }),
      fuzzParams(500),
    );
    // Integers of every size the writer spells digit by digit, and the numbers it leaves to String().
    const numbers = [1, -1, 9, 10, -10, 123456789, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 1.5, 1e21, 1e-7, 5e-324, 0];
    expect(serializeStateChanges([['k', numbers]])).toBe(`v1\n["k",${JSON.stringify(numbers)}]\n`);
  });
});
