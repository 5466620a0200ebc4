/**
 * Issue 7 §1: a query restarted on its checkpoint produces exactly what it would have
 * produced uninterrupted — operator state and watermark come back from the checkpoint.
 * Each query runs three ways over the same input files: uninterrupted; stopped after a
 * committed batch and started again; and crashed after a batch's sink write but before its
 * commit, then started again (the batch is re-run from its logged offsets, watermark and
 * state). The sink keeps rows per batch id and a re-run batch replaces its first attempt,
 * as Spark's idempotent sinks do, so rows emitted before the crash are not counted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, expr, session_window, window, type DataFrame } from '../../engine/index';
import { RestartRun, sortRows, type Mode, type Step } from './restart-harness';

const runs: RestartRun[] = [];
afterEach(async () => {
  for (const r of runs.splice(0)) await r.close();
});

async function threeWays(
  build: (run: RestartRun) => DataFrame,
  mode: Mode,
  steps: readonly Step[],
  restartAt: number,
): Promise<{ plain: RestartRun; restarted: RestartRun; crashed: RestartRun }> {
  const plain = new RestartRun();
  runs.push(plain);
  await plain.run(build, mode, steps);
  await plain.close();
  const restarted = new RestartRun();
  runs.push(restarted);
  await restarted.run(build, mode, steps, { at: restartAt });
  await restarted.close();
  const crashed = new RestartRun();
  runs.push(crashed);
  await crashed.run(build, mode, steps, { at: restartAt, crash: true });
  await crashed.close();
  return { plain, restarted, crashed };
}

describe('a restarted query continues from its checkpoint as if it had never stopped', () => {
  it('activity count, complete mode: counts go on from the restored state', async () => {
    const steps: Step[] = [
      { rows: [{ user: 'ann', action: 'open' }, { user: 'bob', action: 'open' }] },
      { rows: [{ user: 'ann', action: 'click' }] },
      { rows: [{ user: 'cid', action: 'open' }, { user: 'ann', action: 'close' }] },
      { rows: [{ user: 'bob', action: 'close' }] },
    ];
    const build = (r: RestartRun) => r.stream('user STRING, action STRING').groupBy('user').count();
    const { plain, restarted, crashed } = await threeWays(build, 'complete', steps, 2);
    const expected = [
      { user: 'ann', count: 3 },
      { user: 'bob', count: 2 },
      { user: 'cid', count: 1 },
    ];
    expect(sortRows(plain.lastResult())).toEqual(expected);
    expect(restarted.lastResult()).toEqual(plain.lastResult());
    expect(crashed.lastResult()).toEqual(plain.lastResult());
  });

  it('windowed count with a watermark, append mode: every window is emitted exactly once, with its full count', async () => {
    const steps: Step[] = [
      { rows: [{ t: 1 }, { t: 2 }, { t: 7 }] },
      { rows: [{ t: 8 }, { t: 12 }] },
      { rows: [{ t: 4 }, { t: 18 }, { t: 26 }] },
      { rows: [{ t: 40 }] },
      { rows: [{ t: 60 }] },
    ];
    const build = (r: RestartRun) =>
      r
        .stream('t BIGINT')
        .selectExpr('timestamp_seconds(t) AS eventTime')
        .withWatermark('eventTime', '10 seconds')
        .groupBy(window(col('eventTime'), '5 seconds'))
        .agg(count('*').alias('n'))
        .selectExpr('CAST(window.start AS LONG) AS start', 'n');
    const { plain, restarted, crashed } = await threeWays(build, 'append', steps, 3);
    const expected = [
      { start: 0, n: 2 },
      { start: 5, n: 2 },
      { start: 10, n: 1 },
      { start: 15, n: 1 },
      { start: 25, n: 1 },
      { start: 40, n: 1 },
    ];
    // ts 4 arrives when the watermark is 2 s: its window [0, 5) is still open and counts it.
    expected[0] = { start: 0, n: 3 };
    expect(sortRows(plain.allRows())).toEqual(sortRows(expected));
    expect(sortRows(restarted.allRows())).toEqual(sortRows(plain.allRows()));
    expect(sortRows(crashed.allRows())).toEqual(sortRows(plain.allRows()));
  });

  it('dropDuplicates: a key seen before the restart stays a duplicate after it', async () => {
    const steps: Step[] = [
      { rows: [{ id: 'a' }, { id: 'b' }, { id: 'a' }] },
      { rows: [{ id: 'b' }, { id: 'c' }] },
      { rows: [{ id: 'a' }, { id: 'd' }] },
      { rows: [{ id: 'c' }, { id: 'e' }] },
    ];
    const build = (r: RestartRun) => r.stream('id STRING').dropDuplicates(['id']);
    const { plain, restarted, crashed } = await threeWays(build, 'append', steps, 2);
    expect(sortRows(plain.allRows())).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }]);
    expect(sortRows(restarted.allRows())).toEqual(sortRows(plain.allRows()));
    expect(sortRows(crashed.allRows())).toEqual(sortRows(plain.allRows()));
  });

  it('session window, append mode: a session open at the restart goes on merging and closes once', async () => {
    const steps: Step[] = [
      { rows: [{ word: 'hello', time: 10 }, { word: 'world', time: 11 }] },
      { rows: [{ word: 'hello', time: 15 }] },
      { rows: [{ word: 'hello', time: 22 }, { word: 'world', time: 30 }] },
      { rows: [{ word: 'x', time: 100 }] },
      { rows: [{ word: 'x', time: 200 }] },
    ];
    const build = (r: RestartRun) =>
      r
        .stream('word STRING, time BIGINT')
        .selectExpr('word', 'timestamp_seconds(time) AS eventTime')
        .withWatermark('eventTime', '30 seconds')
        .groupBy(session_window(col('eventTime'), '10 seconds'), col('word'))
        .agg(count('*').alias('n'))
        .selectExpr('word', 'CAST(session_window.start AS LONG) AS start', 'CAST(session_window.end AS LONG) AS end', 'n');
    const { plain, restarted, crashed } = await threeWays(build, 'append', steps, 2);
    expect(sortRows(plain.allRows())).toEqual(
      sortRows([
        { word: 'hello', start: 10, end: 32, n: 3 },
        { word: 'world', start: 11, end: 21, n: 1 },
        { word: 'world', start: 30, end: 40, n: 1 },
        { word: 'x', start: 100, end: 110, n: 1 },
      ]),
    );
    expect(sortRows(restarted.allRows())).toEqual(sortRows(plain.allRows()));
    expect(sortRows(crashed.allRows())).toEqual(sortRows(plain.allRows()));
  });

  it('stream–stream join with watermarks: rows buffered before the restart still find their match', async () => {
    const steps: Step[] = [
      { input: 'impressions', rows: [{ adId: 1, t: 100 }, { adId: 2, t: 60 }] },
      { input: 'clicks', rows: [{ clickAdId: 1, ct: 600 }] },
      { input: 'clicks', rows: [{ clickAdId: 2, ct: 1200 }, { clickAdId: 3, ct: 1300 }] },
      { input: 'impressions', rows: [{ adId: 3, t: 1000 }, { adId: 4, t: 20000 }] },
      { input: 'clicks', rows: [{ clickAdId: 4, ct: 20100 }, { clickAdId: 1, ct: 30000 }] },
    ];
    const build = (r: RestartRun) => {
      const impressions = r
        .stream('adId INT, t BIGINT', 'impressions')
        .selectExpr('adId', 'timestamp_seconds(t) AS impressionTime')
        .withWatermark('impressionTime', '2 hours');
      const clicks = r
        .stream('clickAdId INT, ct BIGINT', 'clicks')
        .selectExpr('clickAdId', 'timestamp_seconds(ct) AS clickTime')
        .withWatermark('clickTime', '3 hours');
      return impressions
        .join(clicks, expr('clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour'))
        .selectExpr('adId', 'CAST(impressionTime AS LONG) AS shown', 'CAST(clickTime AS LONG) AS clicked');
    };
    const { plain, restarted, crashed } = await threeWays(build, 'append', steps, 3);
    expect(sortRows(plain.allRows())).toEqual(
      sortRows([
        { adId: 1, shown: 100, clicked: 600 },
        { adId: 2, shown: 60, clicked: 1200 },
        { adId: 3, shown: 1000, clicked: 1300 },
        { adId: 4, shown: 20000, clicked: 20100 },
      ]),
    );
    expect(sortRows(restarted.allRows())).toEqual(sortRows(plain.allRows()));
    expect(sortRows(crashed.allRows())).toEqual(sortRows(plain.allRows()));
  });
});
