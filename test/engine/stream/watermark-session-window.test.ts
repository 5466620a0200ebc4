/**
 * StreamingSessionWindowSuite (spark-semantics-detail.md §9.7): session_window with a 10 s
 * gap, a 30 s watermark and the word as key, in complete and append mode; sessions of a key
 * merge across batches when they touch; late sessions are dropped; update mode and a
 * session window without another key are refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, expr, session_window } from '../../../engine/index';
import { StreamHarness, sortRows } from './watermark-stream-harness';

let h: StreamHarness;
afterEach(async () => h.close());

/** One input line of the suite, already split into words (rows of word + event time). */
const line = (text: string, time: number) => text.split(' ').map((word) => ({ word, time }));
const sessions = () =>
  h
    .stream('word STRING, time BIGINT')
    .selectExpr('word', 'timestamp_seconds(time) AS eventTime')
    .withWatermark('eventTime', '30 seconds')
    .groupBy(session_window(col('eventTime'), '10 seconds'), col('word'))
    .agg(count('*').alias('numEvents'));
const shape = (rows: Record<string, unknown>[]) =>
  sortRows(
    rows.map((r) => {
      const w = r.session_window as { start: number; end: number };
      return [r.word, w.start / 1e6, w.end / 1e6, (w.end - w.start) / 1e6, Number(r.numEvents)];
    }),
  );

describe('StreamingSessionWindowSuite: gap 10 s, watermark 30 s, key = word', () => {
  it('"complete mode - session window": sessions merge across batches, bridged by a later event', async () => {
    h = new StreamHarness();
    h.start(sessions(), 'complete');
    h.addData([...line('hello world spark streaming', 40), ...line('world hello structured streaming', 41)]);
    expect(shape(await h.step())).toEqual(
      sortRows([
        ['hello', 40, 51, 11, 2],
        ['world', 40, 51, 11, 2],
        ['streaming', 40, 51, 11, 2],
        ['spark', 40, 50, 10, 1],
        ['structured', 41, 51, 10, 1],
      ]),
    );
    const afterLate = shape(await h.step(line('spark streaming', 25)));
    expect(afterLate).toContainEqual(['spark', 25, 35, 10, 1]);
    expect(afterLate).toContainEqual(['streaming', 25, 35, 10, 1]);
    const bridged = shape(await h.step(line('spark streaming', 30)));
    expect(bridged).toContainEqual(['spark', 25, 50, 25, 3]);
    expect(bridged).toContainEqual(['streaming', 25, 51, 26, 4]);
    expect(bridged).toHaveLength(5);
    expect(h.lastProgress.stateOperators[0].operatorName).toBe('sessionWindowStateStoreSaveExec');
  });

  it('"append mode - session window": a session is emitted once the watermark passes its end; late sessions are dropped', async () => {
    h = new StreamHarness();
    h.start(sessions(), 'append');
    h.addData([...line('hello world spark streaming', 40), ...line('world hello structured streaming', 41)]);
    expect(await h.step()).toEqual([]); // watermark 11 s
    expect(await h.step(line('spark streaming', 25))).toEqual([]);
    expect(await h.step(line('spark streaming', 30))).toEqual([]);
    expect(await h.step(line('spark streaming', 0))).toEqual([]); // session [0, 10) ends before 11 s
    expect(h.stateRows().dropped).toBe(2);
    // Watermark 60 s: every session ending by then is final.
    expect(shape(await h.step(line('structured streaming', 90)))).toEqual(
      sortRows([
        ['spark', 25, 50, 25, 3],
        ['streaming', 25, 51, 26, 4],
        ['hello', 40, 51, 11, 2],
        ['world', 40, 51, 11, 2],
        ['structured', 41, 51, 10, 1],
      ]),
    );
    expect(h.stateRows().total).toBe(2); // structured and streaming at [90, 100)
  });

  it('"session window in update mode" is refused at start', () => {
    h = new StreamHarness();
    expect(() => h.start(sessions(), 'update')).toThrow(
      'Update output mode not supported for session window on streaming DataFrames/DataSets',
    );
  });

  it('"SPARK-36465: dynamic gap duration": the gap may depend on the row; a non-positive gap opens no session', async () => {
    h = new StreamHarness();
    const gap = expr("CASE WHEN word = 'hello' THEN '20 seconds' WHEN word = 'skip' THEN '-1 seconds' ELSE '10 seconds' END");
    const df = h
      .stream('word STRING, time BIGINT')
      .selectExpr('word', 'timestamp_seconds(time) AS eventTime')
      .groupBy(session_window(col('eventTime'), gap), col('word'))
      .agg(count('*').alias('numEvents'));
    h.start(df, 'complete');
    expect(shape(await h.step([...line('hello world skip', 40), ...line('hello world', 55)]))).toEqual(
      sortRows([
        ['hello', 40, 75, 35, 2],
        ['world', 40, 50, 10, 1],
        ['world', 55, 65, 10, 1],
      ]),
    );
  });

  it('"global aggregation with session window" fails at run time', async () => {
    h = new StreamHarness();
    const df = h
      .stream('word STRING, time BIGINT')
      .selectExpr('timestamp_seconds(time) AS eventTime')
      .groupBy(session_window(col('eventTime'), '10 seconds'))
      .agg(count('*').alias('n'));
    h.start(df, 'complete');
    await expect(h.step(line('a', 1))).rejects.toThrow(/Global aggregation with session window.*not supported/);
  });
});
