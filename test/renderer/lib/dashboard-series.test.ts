import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_TRIGGERS,
  durationSplit,
  finiteOrNull,
  hasState,
  hasWatermark,
  recentTriggers,
  watermarkGapSeconds,
} from '../../../renderer/src/lib/dashboard-series';
import { detail, trigger } from './dashboard-fixtures';

describe('dashboard series: gaps, never NaN', () => {
  it('turns NaN, ±Infinity, null and missing into gaps', () => {
    expect([Number.NaN, Infinity, -Infinity, null, undefined, 0, 2.5].map(finiteOrNull)).toEqual([
      null,
      null,
      null,
      null,
      null,
      0,
      2.5,
    ]);
  });

  it('watermark gap = trigger start − watermark, in seconds; no point without one or at the epoch', () => {
    expect(
      watermarkGapSeconds(
        trigger(3, {
          timestamp: '2024-05-01T10:00:30.000Z',
          watermark: '2024-05-01T09:59:45.500Z',
        }),
      ),
    ).toBe(44.5);
    expect(watermarkGapSeconds(trigger(0, { watermark: null }))).toBeNull();
    // Spark's StreamingQueryStatisticsPage skips a watermark of 0 (none set yet).
    expect(watermarkGapSeconds(trigger(0, { watermark: '1970-01-01T00:00:00.000Z' }))).toBeNull();
    expect(watermarkGapSeconds(trigger(0, { watermark: 'garbage' }))).toBeNull();
  });

  it('knows whether the query has a watermark and state at all', () => {
    expect(hasWatermark([trigger(0), trigger(1)])).toBe(false);
    expect(hasWatermark([trigger(0), trigger(1, { watermark: '1970-01-01T00:00:00.000Z' })])).toBe(
      true,
    );
    expect(hasState([trigger(0, { detail: detail({ stateRowsTotal: null }) })])).toBe(false);
    expect(hasState([trigger(0, { detail: undefined }), trigger(1)])).toBe(true);
  });

  it('splits the duration into stacked parts that add up to triggerExecution', () => {
    const split = durationSplit([
      trigger(0),
      trigger(1, { detail: detail({ durationMs: { addBatch: 7, triggerExecution: 10 } }) }),
      trigger(2, { detail: undefined, batchDuration: 12 }),
    ]);
    expect(split.parts.addBatch).toEqual([10, 7, null]);
    expect(split.parts.walCommit).toEqual([4, null, null]);
    expect(split.total).toEqual([25, 10, 12]);
    // 25 − (2+3+1+4+10+3) = 2; 10 − 7 = 3; no parts known: a gap, not the whole total.
    expect(split.other).toEqual([2, 3, null]);
  });

  it('keeps the newest DASHBOARD_TRIGGERS triggers in the page', () => {
    const many = Array.from({ length: DASHBOARD_TRIGGERS + 7 }, (_, i) =>
      trigger(i, { detail: undefined }),
    );
    const kept = recentTriggers(many);
    expect(kept).toHaveLength(DASHBOARD_TRIGGERS);
    expect(kept[0].batchId).toBe(7);
    expect(recentTriggers(many.slice(0, 3))).toHaveLength(3);
  });
});
