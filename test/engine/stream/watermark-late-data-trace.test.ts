/**
 * Tidemark's late-data trace (stream/late-data-trace.ts) on EventTimeWatermarkSuite's
 * "append mode" input: each row's fate (on time, late but accepted, dropped by the
 * watermark), its windows, the per-window summary and the watermark around each trigger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, window } from '../../../engine/index';
import { DROPPED, LATE_ACCEPTED, ON_TIME, type LateDataEvent } from '../../../engine/stream/late-data-trace';
import { StreamHarness } from './watermark-stream-harness';

let h: StreamHarness;
afterEach(async () => h.close());

const seconds = (...values: number[]) => values.map((value) => ({ value }));

describe('late-data trace', () => {
  it('reports each row and window of a trigger, and the watermark before and after', async () => {
    h = new StreamHarness();
    const df = h
      .stream('value BIGINT')
      .selectExpr('timestamp_seconds(value) AS eventTime')
      .withWatermark('eventTime', '10 seconds')
      .groupBy(window(col('eventTime'), '5 seconds'))
      .agg(count('*').alias('count'));
    const q = h.start(df, 'append');
    const events: LateDataEvent[] = [];
    const listener = (e: LateDataEvent) => events.push(e);
    q.addLateDataListener(listener);

    await h.step(seconds(10, 11, 15));
    const first = events[0];
    expect(first.watermarkBeforeUs).toBe(0);
    expect(first.watermarkAfterUs).toBe(5e6);
    const op = first.operators[0];
    expect(op.operatorName).toBe('stateStoreSave');
    expect(Array.from(op.eventTimeUs)).toEqual([10e6, 11e6, 15e6]);
    expect(Array.from(op.status)).toEqual([ON_TIME, ON_TIME, ON_TIME]);
    expect(Array.from(op.windowStartUs)).toEqual([10e6, 10e6, 15e6]);
    // The no-data batch after it: nothing read, nothing finalised yet (watermark 5 s).
    expect(events[1].operators[0].eventTimeUs).toHaveLength(0);

    await h.step(seconds(25, 12)); // 12 is older than 15 but above the watermark (5 s): late, accepted
    const withRows = events.filter((e) => e.operators[0].eventTimeUs.length > 0);
    expect(Array.from(withRows[1].operators[0].status)).toEqual([ON_TIME, LATE_ACCEPTED]);
    // The following no-data batch (watermark 15 s) finalises and evicts [10, 15).
    const finalising = events[events.length - 1].operators[0].windows;
    expect(Array.from(finalising.startUs)).toEqual([10e6]);
    expect(Array.from(finalising.finalised)).toEqual([1]);
    expect(Array.from(finalising.evicted)).toEqual([1]);

    await h.step(seconds(14)); // window [10, 15) ends at the watermark: dropped
    const last = events.filter((e) => e.operators[0].eventTimeUs.length > 0).pop()!;
    expect(last.lateEventsWatermarkUs).toBe(15e6);
    expect(Array.from(last.operators[0].status)).toEqual([DROPPED]);
    expect(Array.from(last.operators[0].windows.dropped)).toEqual([1]);
    expect(Array.from(last.operators[0].windows.accepted)).toEqual([0]);

    q.removeLateDataListener(listener);
    const seen = events.length;
    await h.step(seconds(30));
    expect(events).toHaveLength(seen);
  });

  it('is off until someone listens: no trace is produced for an unwatched query', async () => {
    h = new StreamHarness();
    const df = h.stream('value BIGINT').selectExpr('timestamp_seconds(value) AS t').withWatermark('t', '1 second').dropDuplicates();
    const q = h.start(df, 'append');
    await h.step(seconds(1, 1, 2));
    const events: LateDataEvent[] = [];
    q.addLateDataListener((e) => events.push(e));
    await h.step(seconds(0, 5));
    const op = events[0].operators[0];
    expect(op.operatorName).toBe('dedupe');
    // Watermark for late events is 1 s (2 − 1): the row at 0 s is dropped.
    expect(Array.from(op.status)).toEqual([DROPPED, ON_TIME]);
  });
});
