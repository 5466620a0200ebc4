/**
 * EventTimeWatermarkSuite and StreamingAggregationSuite cases (spark-semantics-detail.md
 * §9.1, §9.4, §9.6), step by step through the real file source: windowed counts over
 * 5-second tumbling windows with a 10-second watermark in append, update and complete
 * mode; grouping by the raw event time; event-time statistics in progress; several
 * watermarks under the min policy; aggregation over empty batches.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, sum, window } from '../../../engine/index';
import { StreamHarness, sortRows, windowSeconds } from './watermark-stream-harness';

let h: StreamHarness;
afterEach(async () => h.close());

const seconds = (...values: number[]) => values.map((value) => ({ value }));
const windowed = () =>
  h
    .stream('value BIGINT')
    .selectExpr('timestamp_seconds(value) AS eventTime')
    .withWatermark('eventTime', '10 seconds')
    .groupBy(window(col('eventTime'), '5 seconds'))
    .agg(count('*').alias('count'));
const pairs = (rows: Record<string, unknown>[]) =>
  sortRows(rows.map((r) => [windowSeconds(r), Number(r.count)]));
const stateOp = () => h.lastProgress.stateOperators[0];

describe('EventTimeWatermarkSuite: windowed count, 5 s windows, 10 s watermark', () => {
  it('"append mode": a window is emitted once, after the watermark passes its end; late rows are dropped', async () => {
    h = new StreamHarness();
    h.start(windowed(), 'append');
    expect(await h.step(seconds(10, 11, 12, 13, 14, 15))).toEqual([]);
    // Batch 0 runs with watermark 0; the no-data batch 1 with 5 s (15 − 10).
    const executed = h.progress.filter((p, i, all) => all.findIndex((q) => q.batchId === p.batchId) === i && h.batches.some((b) => b.batchId === p.batchId));
    expect(executed.map((p) => [p.batchId, p.eventTime.watermark])).toEqual([
      [0, '1970-01-01T00:00:00.000Z'],
      [1, '1970-01-01T00:00:05.000Z'],
    ]);
    expect(stateOp().numRowsTotal).toBe(2);
    expect(pairs(await h.step(seconds(25)))).toEqual([[10, 5]]);
    expect(h.lastProgress.eventTime.watermark).toBe('1970-01-01T00:00:15.000Z');
    expect(stateOp()).toMatchObject({ numRowsTotal: 2, numRowsRemoved: 1 });
    // 10 falls in [10, 15), whose end 15 s is at the watermark: late (inclusive test).
    expect(await h.step(seconds(10))).toEqual([]);
    expect(stateOp()).toMatchObject({ numRowsTotal: 2, numRowsDroppedByWatermark: 1 });
  });

  it('"update mode": changed windows are emitted; eviction after the watermark is silent', async () => {
    h = new StreamHarness();
    h.start(windowed(), 'update');
    expect(pairs(await h.step(seconds(10, 11, 12, 13, 14, 15)))).toEqual([
      [10, 5],
      [15, 1],
    ]);
    expect(stateOp().numRowsTotal).toBe(2);
    expect(pairs(await h.step(seconds(25)))).toEqual([[25, 1]]);
    expect(stateOp()).toMatchObject({ numRowsTotal: 2, numRowsRemoved: 1 });
    expect(pairs(await h.step(seconds(10, 25)))).toEqual([[25, 2]]);
    expect(stateOp()).toMatchObject({ numRowsTotal: 2, numRowsDroppedByWatermark: 1 });
    expect(await h.step(seconds(10))).toEqual([]);
    expect(stateOp()).toMatchObject({ numRowsTotal: 2, numRowsDroppedByWatermark: 1 });
  });

  it('"complete mode": the whole table every trigger; late rows are still counted, nothing is evicted', async () => {
    h = new StreamHarness();
    h.start(windowed(), 'complete');
    expect(pairs(await h.step(seconds(10, 11, 12)))).toEqual([[10, 3]]);
    expect(pairs(await h.step(seconds(25)))).toEqual([
      [10, 3],
      [25, 1],
    ]);
    expect(pairs(await h.step(seconds(25)))).toEqual([
      [10, 3],
      [25, 2],
    ]);
    expect(pairs(await h.step(seconds(10)))).toEqual([
      [10, 4],
      [25, 2],
    ]);
    expect(pairs(await h.step(seconds(25)))).toEqual([
      [10, 4],
      [25, 3],
    ]);
    // Complete mode never asks for a no-data batch: five steps, five batches.
    expect(h.batches.map((b) => b.batchId)).toEqual([0, 1, 2, 3, 4]);
  });

  it('"group by on raw timestamp": append emits the group once the watermark passes the timestamp itself', async () => {
    h = new StreamHarness();
    const df = h
      .stream('value BIGINT')
      .selectExpr('timestamp_seconds(value) AS eventTime')
      .withWatermark('eventTime', '10 seconds')
      .groupBy('eventTime')
      .agg(count('*').alias('count'));
    h.start(df, 'append');
    expect(await h.step(seconds(10))).toEqual([]);
    const rows = await h.step(seconds(25));
    expect(rows.map((r) => [Number(r.eventTime) / 1e6, Number(r.count)])).toEqual([[10, 1]]);
  });

  it('"event time and watermark metrics": min/max/avg of the batch and the watermark it ran with', async () => {
    h = new StreamHarness();
    h.start(windowed(), 'append');
    await h.step(seconds(15));
    // Progress of batches with data (an idle trigger before the first file reports none).
    expect(h.progress.filter((p) => p.numInputRows > 0)[0].eventTime).toEqual({
      avg: '1970-01-01T00:00:15.000Z',
      max: '1970-01-01T00:00:15.000Z',
      min: '1970-01-01T00:00:15.000Z',
      watermark: '1970-01-01T00:00:00.000Z',
    });
    await h.step(seconds(10, 12, 14));
    const withData = h.progress.filter((p) => p.numInputRows > 0);
    expect(withData[1].eventTime).toEqual({
      avg: '1970-01-01T00:00:12.000Z',
      max: '1970-01-01T00:00:14.000Z',
      min: '1970-01-01T00:00:10.000Z',
      watermark: '1970-01-01T00:00:05.000Z',
    });
    expect(pairs(await h.step(seconds(25)))).toEqual([[10, 3]]);
    const third = h.progress.filter((p) => p.numInputRows > 0)[2];
    expect(third.eventTime).toMatchObject({ min: '1970-01-01T00:00:25.000Z', watermark: '1970-01-01T00:00:05.000Z' });
  });

  it('"test no-data flag": with noDataMicroBatches disabled a window is only emitted by the next data batch', async () => {
    h = new StreamHarness({ 'spark.sql.streaming.noDataMicroBatches.enabled': 'false' });
    h.start(windowed(), 'append');
    expect(await h.step(seconds(10, 11, 12, 13, 14, 15))).toEqual([]);
    expect(await h.step(seconds(25))).toEqual([]);
    expect(pairs(await h.step(seconds(26)))).toEqual([[10, 5]]);
    expect(h.batches.map((b) => b.batchId)).toEqual([0, 1, 2]);
  });

  it('the late filter uses the previous batch\'s watermark (Spark 3.4+ allowMultiple), eviction the current one', async () => {
    // No no-data batches, so batch 2 runs with eviction watermark 15 s but late watermark 5 s:
    // a row at 12 s (window [10,15), end 15 > 5) is accepted, merged, then evicted and emitted.
    h = new StreamHarness({ 'spark.sql.streaming.noDataMicroBatches.enabled': 'false' });
    h.start(windowed(), 'append');
    await h.step(seconds(10, 11, 12, 13, 14, 15));
    await h.step(seconds(25));
    expect(pairs(await h.step(seconds(12)))).toEqual([[10, 6]]);
    expect(stateOp().numRowsDroppedByWatermark).toBe(0);
  });

  it('with allowMultiple=false one watermark serves both (the ≤3.3 behaviour): the same row is dropped', async () => {
    h = new StreamHarness({
      'spark.sql.streaming.noDataMicroBatches.enabled': 'false',
      'spark.sql.streaming.statefulOperator.allowMultiple': 'false',
    });
    h.start(windowed(), 'append');
    await h.step(seconds(10, 11, 12, 13, 14, 15));
    await h.step(seconds(25));
    expect(pairs(await h.step(seconds(12)))).toEqual([[10, 5]]);
    expect(stateOp().numRowsDroppedByWatermark).toBe(1);
  });
});

describe('EventTimeWatermarkSuite: multiple watermarks (union of two streams)', () => {
  it('"min" policy (default): the global watermark is the smaller one and waits for every input', async () => {
    h = new StreamHarness();
    const in1 = h.stream('value BIGINT', 'in1').selectExpr('timestamp_seconds(value) AS t').withWatermark('t', '10 seconds');
    const in2 = h.stream('value BIGINT', 'in2').selectExpr('timestamp_seconds(value) AS t').withWatermark('t', '15 seconds');
    h.start(in1.union(in2).agg(count('*').alias('n')), 'complete');
    const watermarkAfter = async (a: number[], b: number[]): Promise<string | undefined> => {
      if (a.length > 0) h.addData(seconds(...a), 'in1');
      if (b.length > 0) h.addData(seconds(...b), 'in2');
      await h.step();
      // The next batch reports the watermark computed at the end of this one.
      h.addData(seconds(0), 'in1');
      await h.step();
      return h.lastProgress.eventTime.watermark;
    };
    expect(await watermarkAfter([20], [])).toBe('1970-01-01T00:00:00.000Z');
    expect(await watermarkAfter([], [30])).toBe('1970-01-01T00:00:10.000Z');
    expect(await watermarkAfter([120], [130])).toBe('1970-01-01T00:01:50.000Z');
    expect(await watermarkAfter([], [150])).toBe('1970-01-01T00:01:50.000Z');
  });
});

describe('StreamingAggregationSuite', () => {
  it('"SPARK-21977": a global aggregation emits its running value for an empty batch in complete mode', async () => {
    h = new StreamHarness();
    h.start(h.stream('value BIGINT').agg(sum('value').alias('total')), 'complete');
    expect(await h.step(seconds(1, 2, 3))).toEqual([{ total: 6 }]);
    expect(await h.step([])).toEqual([{ total: 6 }]);
    expect(await h.step(seconds(4))).toEqual([{ total: 10 }]);
  });

  it('"update mode" without a watermark keeps every group and never runs a no-data batch', async () => {
    h = new StreamHarness();
    h.start(h.stream('value BIGINT').groupBy('value').count(), 'update');
    expect(await h.step(seconds(3))).toEqual([{ value: 3, count: 1 }]);
    expect(sortRows(await h.step(seconds(3, 2)))).toEqual(sortRows([{ value: 3, count: 2 }, { value: 2, count: 1 }]));
    expect(stateOp()).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 2 });
    expect(h.batches.map((b) => b.batchId)).toEqual([0, 1]);
  });
});
