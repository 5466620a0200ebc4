/**
 * All-NULL vectors (vector.ts nullVector): views of one shared zero buffer, so they must read
 * as NULL/zero whatever was made before or after them, and concatenate without copying.
 */
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { isNullVector, nullVector, type Vector } from '../../../engine/batch/vector';
import { parseDDL } from '../../../engine/types/ddl';

const schema = parseDDL('b BOOLEAN, i INT, d DOUBLE, s STRING, st STRUCT<x: INT, y: STRING>, a ARRAY<INT>');

/** The typed arrays of a vector (and its children). */
function arrays(v: Vector): (Uint8Array | Int32Array | Float64Array)[] {
  const own = v.validity === null ? [] : [v.validity];
  switch (v.storage) {
    case 'bool':
    case 'int32':
    case 'float64':
      return [...own, v.values];
    case 'string':
      return [...own, v.codes];
    case 'struct':
      return [...own, ...v.children.flatMap(arrays)];
    default:
      return own;
  }
}

describe('nullVector', () => {
  it('reads NULL in every row of every type, at exactly its length', () => {
    for (const length of [0, 1, 7, 25_000, 3]) {
      const batch = new ColumnBatch(schema, schema.fields.map((f) => nullVector(f.dataType, length)), length);
      expect(batch.toRows()).toEqual(Array.from({ length }, () => ({ b: null, i: null, d: null, s: null, st: null, a: null })));
      for (const v of batch.columns) {
        expect(isNullVector(v)).toBe(true);
        for (const a of arrays(v)) {
          expect(a.length).toBe(length);
          expect(a.every((x) => x === 0)).toBe(true);
        }
      }
    }
  });

  it('concatenates all-NULL parts into an all-NULL vector, and mixed parts into real values', () => {
    const t = schema.fields[1].dataType;
    const both = ColumnBatch.concat(parseDDL('i INT'), [
      new ColumnBatch(parseDDL('i INT'), [nullVector(t, 3)], 3),
      new ColumnBatch(parseDDL('i INT'), [nullVector(t, 2)], 2),
    ]);
    expect(isNullVector(both.columns[0])).toBe(true);
    expect(both.toRows()).toEqual([{ i: null }, { i: null }, { i: null }, { i: null }, { i: null }]);
    const mixed = ColumnBatch.concat(parseDDL('i INT'), [
      new ColumnBatch(parseDDL('i INT'), [nullVector(t, 2)], 2),
      ColumnBatch.fromRows(parseDDL('i INT'), [{ i: 5 }]),
    ]);
    expect(mixed.toRows()).toEqual([{ i: null }, { i: null }, { i: 5 }]);
    expect(isNullVector(mixed.columns[0])).toBe(false);
  });

  it('gives vectors past the shared size their own arrays', () => {
    const big = nullVector(schema.fields[2].dataType, (1 << 20) + 1);
    for (const a of arrays(big)) expect(a.byteLength).toBe(a.buffer.byteLength);
  });
});
