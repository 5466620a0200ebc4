import { describe, expect, it } from 'vitest';
import { chartDataToCSV } from '../../../renderer/src/lib/chart-export';
import {
  chartColumns,
  dashboardCharts,
  exactValue,
  pointCount,
} from '../../../renderer/src/lib/dashboard-charts';
import { detail, trigger } from './dashboard-fixtures';

const byId = (triggers: Parameters<typeof dashboardCharts>[0]) =>
  Object.fromEntries(dashboardCharts(triggers).map((c) => [c.id, c]));

describe('dashboard charts', () => {
  it('has the Spark UI statistics rows and Tidemark’s, one value per trigger', () => {
    const charts = byId([trigger(0), trigger(1), trigger(2)]);
    expect(Object.keys(charts)).toEqual([
      'input-rate',
      'process-rate',
      'input-rows',
      'batch-duration',
      'watermark-gap',
      'state-rows',
      'state-memory',
      'dropped-rows',
      'corrupt-records',
    ]);
    expect(charts['input-rows'].series[0].values).toEqual([100, 101, 102]);
    // The first batch has no rate (Spark leaves it out): a gap, so 2 points of 3.
    expect(charts['input-rate'].series[0].values).toEqual([null, 50.5, 50.5]);
    expect(pointCount(charts['input-rate'])).toBe(2);
    expect(charts['state-memory'].series[0].values).toEqual([4096, 4096, 4096]);
    for (const c of Object.values(charts))
      for (const s of c.series) expect(s.definition.length).toBeGreaterThan(10);
  });

  it('says explicitly when there is no watermark or no state, instead of drawing NaN', () => {
    const charts = byId([
      trigger(0, {
        detail: detail({
          stateRowsTotal: null,
          stateMemoryBytes: null,
          rowsDroppedByWatermark: null,
          stateRowsUpdated: null,
        }),
      }),
    ]);
    expect(charts['watermark-gap'].absentReason).toMatch(/^No watermark/);
    expect(charts['state-rows'].absentReason).toMatch(/^No state/);
    expect(charts['dropped-rows'].absentReason).toMatch(/^No state/);
    expect(charts['input-rows'].absentReason).toBeNull();
    const watermarked = byId([
      trigger(0, { watermark: '1970-01-01T00:00:00.000Z' }),
      trigger(1, { watermark: '2024-05-01T10:00:00.000Z' }),
    ]);
    expect(watermarked['watermark-gap'].absentReason).toBeNull();
    expect(watermarked['watermark-gap'].series[0].values).toEqual([null, 2]);
  });

  it('exports a chart’s data as CSV with one row per trigger, gaps as empty fields', () => {
    const chart = byId([trigger(0), trigger(1)])['input-rate'];
    expect(chartDataToCSV(chartColumns(chart))).toBe(
      'batchId,timestamp,Input rate (rows/s)\n0,2024-05-01T10:00:00.000Z,\n1,2024-05-01T10:00:02.000Z,50.5\n',
    );
    const duration = chartDataToCSV(chartColumns(byId([trigger(0)])['batch-duration'])).split('\n');
    expect(duration[0]).toBe(
      'batchId,timestamp,latestOffset (ms),getBatch (ms),queryPlanning (ms),walCommit (ms),addBatch (ms),commitOffsets (ms),other (ms),triggerExecution (total) (ms)',
    );
    expect(duration[1]).toBe('0,2024-05-01T10:00:00.000Z,2,3,1,4,10,3,2,25');
  });

  it('prints exact values with their unit, and says when there is none', () => {
    expect(exactValue(1234567, 'rows')).toBe('1,234,567 rows');
    expect(exactValue(400.123456789, 'rows/s')).toBe('400.123457 rows/s');
    expect(exactValue(null, 'ms')).toBe('no value');
    expect(exactValue(Number.NaN, 'ms')).toBe('no value');
  });
});
