/**
 * StreamingDeduplicationSuite (spark-semantics-detail.md §9.5): dropDuplicates with and
 * without a watermark, the watermark column outside the keys (SPARK-21546), deduplication
 * under a windowed count, and dropDuplicatesWithinWatermark (Spark 3.5+). State row counts
 * follow StateStoreMetricsTest.assertNumStateRows (total of the last batch, updates summed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, window } from '../../../engine/index';
import { StreamHarness, sortRows, windowSeconds } from './watermark-stream-harness';

let h: StreamHarness;
afterEach(async () => h.close());

const times = (...values: number[]) => values.map((value) => ({ value }));

describe('StreamingDeduplicationSuite', () => {
  it('"deduplicate with all columns": a key is emitted once, ever', async () => {
    h = new StreamHarness();
    h.start(h.stream('value STRING').dropDuplicates(), 'append');
    expect(await h.step([{ value: 'a' }])).toEqual([{ value: 'a' }]);
    expect(h.stateRows()).toMatchObject({ total: 1, updated: 1 });
    expect(await h.step([{ value: 'a' }])).toEqual([]);
    expect(h.stateRows()).toMatchObject({ total: 1, updated: 0 });
    expect(await h.step([{ value: 'a' }, { value: 'b' }])).toEqual([{ value: 'b' }]);
    expect(h.stateRows()).toMatchObject({ total: 2, updated: 1 });
    expect(h.lastProgress.stateOperators[0].operatorName).toBe('dedupe');
    expect(h.lastProgress.stateOperators[0].customMetrics).toEqual({ numDroppedDuplicateRows: 1 });
  });

  it('"deduplicate with some columns": the first row of each key wins', async () => {
    h = new StreamHarness();
    h.start(h.stream('_1 STRING, _2 INT').dropDuplicates(['_1']), 'append');
    expect(await h.step([{ _1: 'a', _2: 1 }])).toEqual([{ _1: 'a', _2: 1 }]);
    expect(await h.step([{ _1: 'a', _2: 2 }])).toEqual([]);
    expect(await h.step([{ _1: 'b', _2: 1 }])).toEqual([{ _1: 'b', _2: 1 }]);
  });

  it('"deduplicate with watermark": keys at or below the watermark expire; late rows are dropped', async () => {
    h = new StreamHarness();
    const df = h
      .stream('value BIGINT')
      .selectExpr('timestamp_seconds(value) AS eventTime')
      .withWatermark('eventTime', '10 seconds')
      .dropDuplicates()
      .selectExpr('CAST(eventTime AS BIGINT) AS t');
    h.start(df, 'append');
    const fiveTimes = [1, 2, 3, 4, 5].flatMap(() => [10, 11, 12, 13, 14, 15]);
    expect(sortRows(await h.step(times(...fiveTimes)))).toEqual(sortRows(times(10, 11, 12, 13, 14, 15).map((r) => ({ t: r.value }))));
    expect(h.stateRows()).toEqual({ total: 6, updated: 6, dropped: 0 });
    expect(h.progress.filter((p) => p.numInputRows > 0)[0].stateOperators[0].customMetrics).toEqual({ numDroppedDuplicateRows: 24 });
    // Advances the watermark to 15 s; the no-data batch drops keys <= 15 s.
    expect(await h.step(times(25))).toEqual([{ t: 25 }]);
    expect(h.stateRows()).toEqual({ total: 1, updated: 1, dropped: 0 });
    expect(await h.step(times(10))).toEqual([]);
    expect(h.stateRows()).toEqual({ total: 1, updated: 0, dropped: 1 });
    // Watermark 35 s: the no-data batch drops 25.
    expect(await h.step(times(45))).toEqual([{ t: 45 }]);
    expect(h.stateRows()).toEqual({ total: 1, updated: 1, dropped: 0 });
  });

  it('"SPARK-21546: dropDuplicates should ignore watermark when it\'s not a key": no eviction', async () => {
    h = new StreamHarness();
    const df = h
      .stream('id INT, time BIGINT')
      .selectExpr('id', 'timestamp_seconds(time) AS time')
      .withWatermark('time', '1 second')
      .dropDuplicates(['id'])
      .selectExpr('id', 'CAST(time AS BIGINT) AS time');
    h.start(df, 'append');
    expect(sortRows(await h.step([{ id: 1, time: 1 }, { id: 1, time: 2 }, { id: 2, time: 2 }]))).toEqual(
      sortRows([{ id: 1, time: 1 }, { id: 2, time: 2 }]),
    );
    await h.step([{ id: 3, time: 100 }]);
    expect(h.stateRows().total).toBe(3);
    expect(await h.step([{ id: 1, time: 200 }])).toEqual([]);
  });

  it('"deduplicate with aggregate - append mode": two state operators, the aggregate listed first', async () => {
    h = new StreamHarness();
    const df = h
      .stream('value BIGINT')
      .selectExpr('timestamp_seconds(value) AS eventTime')
      .withWatermark('eventTime', '10 seconds')
      .dropDuplicates()
      .groupBy(window(col('eventTime'), '5 seconds').alias('window'))
      .agg(count('*').alias('count'));
    h.start(df, 'append');
    const pairs = (rows: Record<string, unknown>[]) => sortRows(rows.map((r) => [windowSeconds(r), Number(r.count)]));
    expect(await h.step(times(...[1, 2, 3, 4, 5].flatMap(() => [10, 11, 12, 13, 14, 15])))).toEqual([]);
    expect(h.progress.filter((p) => p.numInputRows > 0)[0].stateOperators.map((o) => [o.operatorName, o.numRowsTotal])).toEqual([
      ['stateStoreSave', 2],
      ['dedupe', 6],
    ]);
    expect(pairs(await h.step(times(25)))).toEqual([[10, 5]]);
    expect(await h.step(times(10))).toEqual([]);
    expect(pairs(await h.step(times(40)))).toEqual([
      [15, 1],
      [25, 1],
    ]);
  });

  it('"dropDuplicatesWithinWatermark": a key is kept until its first event time + delay', async () => {
    h = new StreamHarness();
    const df = h
      .stream('_1 STRING, _2 BIGINT')
      .selectExpr('_1', 'timestamp_seconds(_2) AS eventTime')
      .withWatermark('eventTime', '2 seconds')
      .dropDuplicatesWithinWatermark(['_1'])
      .selectExpr('_1', 'CAST(eventTime AS BIGINT) AS t');
    h.start(df, 'append');
    expect(await h.step([{ _1: 'a', _2: 10 }])).toEqual([{ _1: 'a', t: 10 }]); // a expires at 12 s; watermark 8 s
    expect(await h.step([{ _1: 'a', _2: 11 }])).toEqual([]); // still a duplicate
    expect(await h.step([{ _1: 'b', _2: 12 }, { _1: 'a', _2: 12 }])).toEqual([{ _1: 'b', t: 12 }]);
    expect(h.lastProgress.stateOperators[0].operatorName).toBe('dedupeWithinWatermark');
    // Watermark 18 s: the no-data batch expires a (12 s) and b (14 s).
    expect(await h.step([{ _1: 'c', _2: 20 }])).toEqual([{ _1: 'c', t: 20 }]);
    expect(h.stateRows().total).toBe(1);
    expect(await h.step([{ _1: 'a', _2: 19 }, { _1: 'b', _2: 5 }])).toEqual([{ _1: 'a', t: 19 }]);
    expect(h.stateRows().dropped).toBe(1);
  });

  it('dropDuplicatesWithinWatermark needs a watermark (UnsupportedOperationChecker)', () => {
    h = new StreamHarness();
    expect(() => h.start(h.stream('_1 STRING').dropDuplicatesWithinWatermark(['_1']), 'append')).toThrow(
      'dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark',
    );
  });
});
