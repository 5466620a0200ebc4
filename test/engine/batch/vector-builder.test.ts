// The typed-array builders: validity appears only with the first NULL (and then covers the rows
// before it), and reserve() sizes the arrays once without changing what finish() returns.
import { describe, expect, it } from 'vitest';
import { BoolBuilder, NumericBuilder, StringBuilder } from '../../../engine/batch/vector-builder';
import { T } from '../../../engine/types/data-types';

describe('typed vector builders', () => {
  it('have no validity while every value is valid', () => {
    const b = new NumericBuilder(T.double, 'float64');
    for (let i = 0; i < 1000; i++) b.appendNumber(i / 2);
    const v = b.finish();
    expect(v.validity).toBeNull();
    expect(v.length).toBe(1000);
    expect(Array.from((v as { values: Float64Array }).values.slice(998))).toEqual([499, 499.5]);
  });

  it('mark the rows before and after the first NULL valid, across growth', () => {
    const b = new StringBuilder(T.string);
    for (let i = 0; i < 100; i++) b.appendString(`s${i % 3}`);
    b.appendNull();
    for (let i = 0; i < 200; i++) b.append(i % 2 === 0 ? 'x' : null);
    const v = b.finish();
    expect(v.length).toBe(301);
    const valid = Array.from(v.validity!);
    expect(valid.slice(0, 100).every((x) => x === 1)).toBe(true);
    expect(valid[100]).toBe(0);
    expect(valid.slice(101, 105)).toEqual([1, 0, 1, 0]);
    expect(v.validity!.length).toBe(301);
  });

  it('give the same vector whether or not they were reserved, for more or fewer rows than reserved', () => {
    for (const reserve of [0, 10, 5000, 100_000]) {
      const n = new NumericBuilder(T.int, 'int32');
      const s = new BoolBuilder(T.boolean);
      n.reserve(reserve);
      s.reserve(reserve);
      for (let i = 0; i < 5000; i++) {
        if (i % 977 === 0) {
          n.appendNull();
          s.appendNull();
        } else {
          n.appendNumber(i);
          s.appendBool(i % 2 === 0);
        }
      }
      const nv = n.finish() as { values: Int32Array; validity: Uint8Array | null; length: number };
      const sv = s.finish() as { values: Uint8Array; validity: Uint8Array | null; length: number };
      expect(nv.length).toBe(5000);
      expect(nv.values.length).toBe(5000);
      expect(nv.values[4999]).toBe(4999);
      expect(nv.validity![977]).toBe(0);
      expect(nv.validity![978]).toBe(1);
      expect(sv.values[4998]).toBe(1);
      expect(sv.validity!.reduce((a, b) => a + b, 0)).toBe(5000 - 6);
    }
  });
});
