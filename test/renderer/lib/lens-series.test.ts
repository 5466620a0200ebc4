/**
 * The lens's chart data: the watermark step, window bands, each window's count over triggers
 * with its late updates, refusals, finalisation and eviction, and the state-growth test the
 * side-by-side replay shows.
 */
import { describe, expect, it } from 'vitest';
import type { LateDataTriggerInfo, ReplayTriggerStats } from '../../../engine/service/protocol';
import {
  stateKeepsGrowing,
  triggerSeries,
  watermarkSteps,
  windowBands,
  windowHistories,
} from '../../../renderer/src/lib/lens-series';
import type { LensRows, LensWindows } from '../../../renderer/src/lib/lens-trace';

const trigger = (
  batchId: number,
  over: Partial<LateDataTriggerInfo> = {},
): LateDataTriggerInfo => ({
  batchId,
  arrivalUs: batchId * 1e6,
  watermarkBeforeUs: 0,
  lateEventsWatermarkUs: batchId * 5e6,
  watermarkAfterUs: 0,
  numRows: 0,
  numOnTime: 0,
  numLateAccepted: 0,
  numDropped: batchId,
  numRowsDroppedByWatermark: batchId === 2 ? null : 1,
  numStateRows: batchId === 2 ? null : 10 * batchId,
  numOutputRows: 0,
  files: [],
  ...over,
});

describe('lens series', () => {
  it('draws the watermark for late rows as a step at each trigger time (ms), from the first one set', () => {
    expect(watermarkSteps([trigger(0), trigger(1), trigger(2)])).toEqual([
      { x: 1000, y: 5000 },
      { x: 2000, y: 10000 },
    ]);
    expect(watermarkSteps([trigger(0)])).toEqual([]);
  });

  it('plots state and dropped rows per trigger; triggers without progress yet have no engine numbers', () => {
    const s = triggerSeries([trigger(0), trigger(1), trigger(2)]);
    expect(s.stateRows).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 10 },
    ]);
    expect(s.droppedRows.map((p) => p.y)).toEqual([0, 1, 2]);
  });

  it('follows each window over triggers and marks late updates, refusals, finalisation and eviction', () => {
    // Window [10, 15) s: on time in batch 0, a late row in batch 1, finalised+evicted in 2, refused in 3.
    const windows: LensWindows = {
      batchId: Int32Array.from([0, 1, 2, 3, 3]),
      startUs: Float64Array.from([10e6, 10e6, 10e6, 10e6, 30e6]),
      endUs: Float64Array.from([15e6, 15e6, 15e6, 15e6, 35e6]),
      accepted: Int32Array.from([2, 1, 0, 0, 1]),
      dropped: Int32Array.from([0, 0, 0, 2, 0]),
      finalised: Uint8Array.from([0, 0, 1, 0, 0]),
      evicted: Uint8Array.from([0, 0, 1, 0, 0]),
    };
    const rows: LensRows = {
      batchId: Int32Array.from([1]),
      row: Int32Array.from([0]),
      eventTimeUs: Float64Array.from([12e6]),
      fate: Uint8Array.from([1]),
      windowStartUs: Float64Array.from([10e6]),
      windowEndUs: Float64Array.from([15e6]),
    };
    const [w, later] = windowHistories(windows, rows);
    expect(w.startMs).toBe(10_000);
    expect(w.points).toEqual([
      { batchId: 0, count: 2, mark: 'update' },
      { batchId: 1, count: 3, mark: 'late' },
      { batchId: 2, count: 3, mark: 'evicted' },
      { batchId: 3, count: 3, mark: 'refused' },
    ]);
    expect(w.droppedRows).toBe(2);
    expect(later.startMs).toBe(30_000);
    expect(windowBands(windows)).toEqual([
      { startMs: 10_000, endMs: 15_000 },
      { startMs: 30_000, endMs: 35_000 },
    ]);
    expect(windowBands(windows, 1)).toEqual([]);
  });

  it('tells growing state from bounded state over the triggers that read rows', () => {
    const stats = (state: number[], inputs: number[]): ReplayTriggerStats[] =>
      state.map((numStateRows, batchId) => ({
        batchId,
        numInputRows: inputs[batchId],
        numStateRows,
        numRowsDroppedByWatermark: 0,
        numDroppedRows: 0,
        numOutputRows: 0,
        numResultRows: 0,
        watermarkBeforeUs: 0,
        watermarkAfterUs: 0,
      }));
    expect(stateKeepsGrowing(stats([2, 4, 4, 6], [3, 3, 0, 3]))).toBe(true);
    expect(stateKeepsGrowing(stats([2, 4, 3, 4], [3, 3, 3, 3]))).toBe(false);
  });
});
