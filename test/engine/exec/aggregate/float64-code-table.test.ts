import { describe, expect, it } from 'vitest';
import { Float64CodeTable } from '../../../../engine/exec/aggregate/float64-code-table';

describe('Float64CodeTable', () => {
  it('gives equal numbers one code and distinct numbers dense codes in first-seen order', () => {
    const t = new Float64CodeTable();
    const codes = [1.5, 2, 1.5, 1424686735123000, 2, -7].map((x) => t.codeOf(x));
    expect(codes).toEqual([0, 1, 0, 2, 1, 3]);
    expect(t.size).toBe(4);
  });

  it('groups as SameValueZero after NormalizeFloatingNumbers: NaN meets NaN, -0.0 meets 0.0', () => {
    const t = new Float64CodeTable();
    expect(t.codeOf(NaN)).toBe(t.codeOf(0 / 0));
    expect(t.codeOf(-0)).toBe(t.codeOf(0));
    expect(t.codeOf(Infinity)).not.toBe(t.codeOf(-Infinity));
    expect(t.size).toBe(4);
  });

  it('draws the NULL code from the same counter, once', () => {
    const t = new Float64CodeTable();
    t.codeOf(3);
    expect(t.nullCode()).toBe(1);
    expect(t.codeOf(4)).toBe(2);
    expect(t.nullCode()).toBe(1);
    expect(t.size).toBe(3);
  });

  it('keeps every code through growth, for keys that share their low bits (window bounds in µs)', () => {
    const t = new Float64CodeTable();
    const start = 1_424_686_730_000_000;
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(t.codeOf(start + i * 30_000_000)).toBe(i);
    for (let i = n - 1; i >= 0; i -= 7) expect(t.codeOf(start + i * 30_000_000)).toBe(i);
    expect(t.size).toBe(n);
  });

  it('forgets its codes on reset, and hands them out again from 0', () => {
    const t = new Float64CodeTable();
    for (let i = 0; i < 5000; i++) t.codeOf(i + 0.5);
    t.nullCode();
    t.codeOf(NaN);
    t.reset();
    expect(t.size).toBe(0);
    expect(t.codeOf(4999.5)).toBe(0);
    expect(t.codeOf(NaN)).toBe(1);
    expect(t.nullCode()).toBe(2);
    expect(t.codeOf(0.5)).toBe(3);
  });
});
