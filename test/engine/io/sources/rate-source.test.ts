// The rate sources make their own rows: these tests drive them as the micro-batch loop
// does (latestOffset → getBatch → commit) and check values, timestamps, offsets, the
// checkpoint files a restart relies on, and Spark's option errors.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisException, IllegalArgumentException } from '../../../../engine/errors';
import { generatorTableSchema } from '../../../../engine/io/sources/generator-sources';
import { RatePerMicroBatchSource } from '../../../../engine/io/sources/rate-per-micro-batch-source';
import { RateSource, valueAtSecond } from '../../../../engine/io/sources/rate-source';
import { timeStringAsSeconds } from '../../../../engine/io/sources/provider-options';
import type { Source } from '../../../../engine/io/source';

/** Reads one batch the way the stream loop does; returns [timestamp ms, value] rows. */
async function nextBatch(
  source: Source,
  start: unknown,
): Promise<{ end: unknown; rows: number[][] }> {
  const end = await source.latestOffset();
  if (end === null) return { end: start, rows: [] };
  const got = await source.getBatch(start, end);
  await source.commit(end);
  const rows = got.batch.toArrays().map(([t, v]) => [Number(t) / 1000, Number(v)]);
  return { end, rows };
}

describe('rate source (RateStreamProvider)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-rate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('valueAtSecond ramps up linearly, then runs at rowsPerSecond (RateStreamProviderSuite)', () => {
    // rampUpTimeSeconds = 4, rowsPerSecond = 10: speed 0 2 4 6 8 10 10
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => valueAtSecond(s, 10, 4))).toEqual([
      0, 2, 6, 12, 20, 30, 40,
    ]);
    expect([0, 1, 2, 3].map((s) => valueAtSecond(s, 5, 0))).toEqual([0, 5, 10, 15]);
  });

  it('offers whole seconds since creation, with values due in them and evenly spread timestamps', async () => {
    let now = 1_000_000;
    const source = new RateSource({
      options: { rowsPerSecond: '4' },
      metadataPath: dir,
      clock: () => now,
    });
    expect(await source.latestOffset()).toBeNull(); // second 0 holds no values yet
    now += 1500;
    const first = await nextBatch(source, null);
    expect(first.end).toBe(1);
    expect(first.rows).toEqual([
      [1_000_000, 0],
      [1_000_250, 1],
      [1_000_500, 2],
      [1_000_750, 3],
    ]);
    now += 2000; // 3.5 s after creation: seconds 1 and 2 are due
    const second = await nextBatch(source, first.end);
    expect(second.end).toBe(3);
    expect(second.rows.map((r) => r[1])).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(second.rows[0][0]).toBe(1_001_000);
    expect(second.rows[7][0]).toBe(1_002_750);
    expect(source.description).toBe(
      'RateStreamV2[rowsPerSecond=4, rampUpTimeSeconds=0, numPartitions=default',
    );
  });

  it('keeps its creation time in the checkpoint in Spark’s format, so a restart continues the same series', async () => {
    let now = 5_000;
    const first = new RateSource({ options: {}, metadataPath: dir, clock: () => now });
    expect(readFileSync(join(dir, '0'), 'utf8')).toBe('v1\n5000');
    now = 9_000;
    await nextBatch(first, null);
    const restarted = new RateSource({ options: {}, metadataPath: dir, clock: () => now });
    const again = await restarted.getBatch(2, 4);
    expect(again.batch.toArrays().map(([t, v]) => [Number(t) / 1000, Number(v)])).toEqual([
      [7_000, 2],
      [8_000, 3],
    ]);
  });

  it('checks options with Spark’s messages', () => {
    const bad = (options: Record<string, string>) => () =>
      new RateSource({ options, clock: () => 0 });
    expect(bad({ rowsPerSecond: '0' })).toThrow(
      "Invalid value '0'. The option 'rowsPerSecond' must be positive",
    );
    expect(bad({ ROWSPERSECOND: '-3' })).toThrow(
      "Invalid value '-3'. The option 'rowsPerSecond' must be positive",
    );
    expect(bad({ rowsPerSecond: 'ten' })).toThrow('For input string: "ten"');
    expect(bad({ rampUpTime: '-2s' })).toThrow(
      "Invalid value '-2'. The option 'rampUpTime' must not be negative",
    );
    expect(bad({ rampUpTime: 'soon' })).toThrow(IllegalArgumentException);
    expect(bad({ numPartitions: '0' })).toThrow(
      "Invalid value '0'. The option 'numPartitions' must be positive",
    );
  });

  it('reads rampUpTime as JavaUtils.timeStringAsSec does', () => {
    expect(timeStringAsSeconds('5s')).toBe(5);
    expect(timeStringAsSeconds('7')).toBe(7);
    expect(timeStringAsSeconds('2m')).toBe(120);
    expect(timeStringAsSeconds('1500ms')).toBe(1);
  });

  it('refuses a user schema other than its own (_LEGACY_ERROR_TEMP_1133)', () => {
    expect(() => generatorTableSchema('rate', {}, { type: 'struct', fields: [] })).toThrow(
      AnalysisException,
    );
    expect(() => generatorTableSchema('rate', {}, { type: 'struct', fields: [] })).toThrow(
      "The user-specified schema doesn't match the actual schema: user-specified: , actual: `timestamp` TIMESTAMP, `value` BIGINT.",
    );
    expect(generatorTableSchema('rate', {}, undefined).toDDL()).toBe(
      '`timestamp` TIMESTAMP, `value` BIGINT',
    );
  });
});

describe('rate-micro-batch source (RatePerMicroBatchProvider)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-rate-mb-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const options = { rowsPerBatch: '3', startTimestamp: '1000', advanceMillisPerBatch: '500' };

  it('gives each batch rowsPerBatch values, all stamped with the batch start time', async () => {
    const source = new RatePerMicroBatchSource({ options, metadataPath: dir });
    const b0 = await nextBatch(source, null);
    expect(b0.end).toEqual({ offset: 3, timestamp: 1500 });
    expect(b0.rows).toEqual([
      [1000, 0],
      [1000, 1],
      [1000, 2],
    ]);
    const b1 = await nextBatch(source, b0.end);
    expect(b1.end).toEqual({ offset: 6, timestamp: 2000 });
    expect(b1.rows).toEqual([
      [1500, 3],
      [1500, 4],
      [1500, 5],
    ]);
  });

  it('offers the same next offset until a batch is read (a trigger may ask twice)', async () => {
    const source = new RatePerMicroBatchSource({ options });
    expect(await source.latestOffset()).toEqual(await source.latestOffset());
  });

  it('continues after the last batch read when restarted from its checkpoint', async () => {
    const first = new RatePerMicroBatchSource({ options, metadataPath: dir });
    const b0 = await nextBatch(first, null);
    await nextBatch(first, b0.end);
    const restarted = new RatePerMicroBatchSource({ options, metadataPath: dir });
    expect(await restarted.latestOffset()).toEqual({ offset: 9, timestamp: 2500 });
  });

  it('reads one batch under Trigger.AvailableNow (SupportsTriggerAvailableNow)', async () => {
    const source = new RatePerMicroBatchSource({ options });
    await source.prepareForAvailableNow();
    const b0 = await nextBatch(source, null);
    expect(await source.latestOffset()).toEqual(b0.end);
  });

  it('checks options with Spark’s messages', () => {
    const bad = (o: Record<string, string>) => () => new RatePerMicroBatchSource({ options: o });
    expect(bad({})).toThrow("Invalid value '0'. The option 'rowsPerBatch' must be positive");
    expect(bad({ rowsPerBatch: '1', startTimestamp: '-1' })).toThrow(
      "Invalid value '-1'. The option 'startTimestamp' must be non-negative",
    );
    expect(bad({ rowsPerBatch: '1', advanceMillisPerBatch: '-5' })).toThrow(
      "Invalid value '-5'. The option 'advanceMillisPerBatch' must be non-negative",
    );
    expect(bad({ rowsPerBatch: '1', numPartitions: '-1' })).toThrow(
      "Invalid value '-1'. The option 'numPartitions' must be positive",
    );
  });
});
