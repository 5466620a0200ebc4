/**
 * The programming guide's watermark example (Structured Streaming guide, "Handling Late Data
 * and Watermarking"; spark-semantics-detail.md §10): word counts in 10-minute windows
 * sliding every 5 minutes with a 10-minute watermark, fed the records of the guide's
 * update-mode and append-mode figures trigger by trigger.
 *
 * Two trigger regimes: the guide's fixed 5-minute trigger, where every trigger has data and
 * no no-data batch runs in between (reproduced with noDataMicroBatches disabled), and the
 * default trigger, where a no-data batch follows each batch that moved the watermark. In
 * Spark 4 late rows are tested against the previous batch's watermark (allowMultiple), so
 * under the fixed trigger the (12:04, donkey) record is accepted — §10.4 explains why the
 * figures (single-watermark semantics) differ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { col, window } from '../../engine/index';
import { StreamHarness } from '../engine/stream/watermark-stream-harness';

let h: StreamHarness;
afterEach(async () => h.close());

const at = (hhmm: string): number => {
  const [hh, mm] = hhmm.split(':').map(Number);
  return hh * 3600 + mm * 60;
};
const words = (...records: [string, string][]) => records.map(([time, word]) => ({ time: at(time), word }));
const hhmm = (us: number): string => new Date(us / 1000).toISOString().slice(11, 16);
/** Rows as "start-end word count", sorted. */
const show = (rows: Record<string, unknown>[]): string[] =>
  rows
    .map((r) => {
      const w = r.window as { start: number; end: number };
      return `${hhmm(w.start)}-${hhmm(w.end)} ${String(r.word)} ${Number(r.count)}`;
    })
    .sort();

const windowedCounts = () =>
  h
    .stream('time BIGINT, word STRING')
    .selectExpr('timestamp_seconds(time) AS timestamp', 'word')
    .withWatermark('timestamp', '10 minutes')
    .groupBy(window(col('timestamp'), '10 minutes', '5 minutes'), col('word'))
    .count();

const FIXED_TRIGGER = { 'spark.sql.streaming.noDataMicroBatches.enabled': 'false' };

describe('programming guide, update mode (update-mode figure)', () => {
  it('fixed 5-minute trigger, Spark 4 semantics: the late donkey is still accepted at 12:25 (§10.1)', async () => {
    h = new StreamHarness(FIXED_TRIGGER);
    h.start(windowedCounts(), 'update');
    expect(show(await h.step(words(['12:07', 'dog'], ['12:08', 'owl'])))).toEqual([
      '12:00-12:10 dog 1',
      '12:00-12:10 owl 1',
      '12:05-12:15 dog 1',
      '12:05-12:15 owl 1',
    ]);
    expect(show(await h.step(words(['12:14', 'dog'], ['12:09', 'cat'])))).toEqual([
      '12:00-12:10 cat 1',
      '12:05-12:15 cat 1',
      '12:05-12:15 dog 2',
      '12:10-12:20 dog 1',
    ]);
    expect(show(await h.step(words(['12:15', 'cat'], ['12:08', 'dog'], ['12:13', 'owl'], ['12:21', 'owl'])))).toEqual([
      '12:00-12:10 dog 2',
      '12:05-12:15 dog 3',
      '12:05-12:15 owl 2',
      '12:10-12:20 cat 1',
      '12:10-12:20 owl 1',
      '12:15-12:25 cat 1',
      '12:15-12:25 owl 1',
      '12:20-12:30 owl 1',
    ]);
    expect(show(await h.step(words(['12:04', 'donkey'], ['12:17', 'owl'])))).toEqual([
      '11:55-12:05 donkey 1',
      '12:00-12:10 donkey 1',
      '12:10-12:20 owl 2',
      '12:15-12:25 owl 2',
    ]);
    expect(h.lastProgress.eventTime.watermark).toBe('1970-01-01T12:11:00.000Z');
    // Windows ending at or before 12:11 were evicted after emitting: [11:55,12:05) donkey and
    // [12:00,12:10) cat, dog, donkey, owl.
    expect(h.lastProgress.stateOperators[0].numRowsRemoved).toBe(5);
  });

  it('default trigger: the no-data batch moves the late watermark to 12:11 first, so the donkey is dropped (§10.2)', async () => {
    h = new StreamHarness();
    h.start(windowedCounts(), 'update');
    await h.step(words(['12:07', 'dog'], ['12:08', 'owl']));
    await h.step(words(['12:14', 'dog'], ['12:09', 'cat']));
    expect(show(await h.step(words(['12:15', 'cat'], ['12:08', 'dog'], ['12:13', 'owl'], ['12:21', 'owl'])))).toContain(
      '12:05-12:15 dog 3',
    );
    h.stateRows();
    expect(show(await h.step(words(['12:04', 'donkey'], ['12:17', 'owl'])))).toEqual(['12:10-12:20 owl 2', '12:15-12:25 owl 2']);
    expect(h.stateRows().dropped).toBe(2);
  });
});

describe('programming guide, append mode (append-mode figure)', () => {
  const steps = [
    words(['12:07', 'dog'], ['12:08', 'owl']),
    words(['12:14', 'dog'], ['12:09', 'cat']),
    words(['12:15', 'cat'], ['12:08', 'dog'], ['12:13', 'owl'], ['12:21', 'owl']),
    words(['12:04', 'donkey'], ['12:17', 'owl'], ['12:26', 'owl']),
    words(['12:09', 'cat']),
  ];

  it('fixed 5-minute trigger, Spark 4 semantics (§10.3, first column)', async () => {
    h = new StreamHarness(FIXED_TRIGGER);
    h.start(windowedCounts(), 'append');
    expect(await h.step(steps[0])).toEqual([]);
    expect(await h.step(steps[1])).toEqual([]);
    expect(await h.step(steps[2])).toEqual([]);
    expect(show(await h.step(steps[3]))).toEqual([
      '11:55-12:05 donkey 1',
      '12:00-12:10 cat 1',
      '12:00-12:10 dog 2',
      '12:00-12:10 donkey 1',
      '12:00-12:10 owl 1',
    ]);
    // The late cat is dropped for [12:00,12:10) (end 12:10 <= 12:11) but kept for [12:05,12:15).
    expect(show(await h.step(steps[4]))).toEqual(['12:05-12:15 cat 2', '12:05-12:15 dog 3', '12:05-12:15 owl 2']);
    expect(h.lastProgress.stateOperators[0].numRowsDroppedByWatermark).toBe(1);
  });

  it('default trigger with no-data batches (§10.3, third column)', async () => {
    h = new StreamHarness();
    h.start(windowedCounts(), 'append');
    expect(await h.step(steps[0])).toEqual([]);
    expect(await h.step(steps[1])).toEqual([]);
    // The data batch moves the watermark to 12:11; the no-data batch after it finalises [12:00,12:10).
    expect(show(await h.step(steps[2]))).toEqual(['12:00-12:10 cat 1', '12:00-12:10 dog 2', '12:00-12:10 owl 1']);
    h.stateRows();
    expect(show(await h.step(steps[3]))).toEqual(['12:05-12:15 cat 1', '12:05-12:15 dog 3', '12:05-12:15 owl 2']);
    expect(h.stateRows().dropped).toBe(2);
    expect(await h.step(steps[4])).toEqual([]);
    expect(h.stateRows().dropped).toBe(2);
  });
});
