/**
 * The late-data scatter's points: every row below the threshold (clickable, with its trigger
 * and row), a 2D histogram per fate above it — a million rows must become a bounded number
 * of points whose counts still add up to the rows of each fate.
 */
import { describe, expect, it } from 'vitest';
import { binRadius, scatterOf } from '../../../renderer/src/lib/lens-binning';

function rows(n: number, fateOf: (i: number) => number) {
  return {
    arrivalUs: Float64Array.from({ length: n }, (_, i) => Math.floor(i / 1000) * 1e6),
    eventTimeUs: Float64Array.from({ length: n }, (_, i) => (i % 997) * 1e5),
    fate: Uint8Array.from({ length: n }, (_, i) => fateOf(i)),
    batchId: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 1000)),
    row: Int32Array.from({ length: n }, (_, i) => i % 1000),
  };
}

describe('scatterOf', () => {
  it('keeps every row as a point below the threshold, in ms, with its trigger and row', () => {
    const s = scatterOf(rows(5, (i) => (i === 3 ? 2 : 0)));
    expect(s.binned).toBe(false);
    expect(s.series.map((x) => x.numRows)).toEqual([4, 0, 1]);
    expect(s.series[2].points).toEqual([{ x: 0, y: 300, count: 1, batchId: 0, row: 3 }]);
  });

  it('bins a million rows into a bounded histogram per fate whose counts add up', () => {
    const n = 1_000_000;
    const fate = (i: number) => (i % 50 === 0 ? 2 : i % 7 === 0 ? 1 : 0);
    const s = scatterOf(rows(n, fate), { binsX: 100, binsY: 50 });
    expect(s.binned).toBe(true);
    const expected = [0, 0, 0];
    for (let i = 0; i < n; i++) expected[fate(i)]++;
    expect(s.series.map((x) => x.points.reduce((sum, p) => sum + p.count, 0))).toEqual(expected);
    for (const x of s.series) expect(x.points.length).toBeLessThanOrEqual(100 * 50);
    // Each bin names one real row of its fate, so clicking it can explain that row.
    const p = s.series[2].points[0];
    expect(fate(p.batchId * 1000 + p.row)).toBe(2);
  });

  it('sizes bins by the square root of their rows, between 2.5 and 10 px', () => {
    expect(binRadius(1, 100)).toBe(2.5);
    expect(binRadius(100, 100)).toBe(10);
    expect(binRadius(25, 100)).toBeGreaterThan(binRadius(10, 100));
  });
});
