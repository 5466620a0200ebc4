import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { MemorySink } from '../../../../engine/io/sinks/memory-sink';
import { Session } from '../../../../engine/session';
import type { StreamingQuery } from '../../../../engine/stream/streaming-query';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('gt STRING, count BIGINT');
const rows = (...r: [string, number][]) =>
  ColumnBatch.fromRows(
    schema,
    r.map(([gt, count]) => ({ gt, count })),
  );

describe('MemorySink (MemorySinkSuite)', () => {
  it('append and update add each batch’s rows', async () => {
    const sink = new MemorySink(schema);
    await sink.addBatch(0, rows(['walk', 1]), 'append');
    await sink.addBatch(1, rows(['bike', 2], ['sit', 3]), 'update');
    expect(sink.snapshot().toRows()).toEqual([
      { gt: 'walk', count: 1 },
      { gt: 'bike', count: 2 },
      { gt: 'sit', count: 3 },
    ]);
    expect(sink.latestBatchData().numRows).toBe(2);
    expect(sink.lastNumOutputRows()).toBe(2);
    expect(sink.description).toBe('MemorySink');
  });

  it('complete mode replaces the whole table each batch', async () => {
    const sink = new MemorySink(schema);
    await sink.addBatch(0, rows(['walk', 1]), 'complete');
    await sink.addBatch(1, rows(['walk', 2], ['bike', 1]), 'complete');
    expect(sink.snapshot().toRows()).toEqual([
      { gt: 'walk', count: 2 },
      { gt: 'bike', count: 1 },
    ]);
  });

  it('ignores a batch id at or below the last one it holds (idempotent re-execution)', async () => {
    const sink = new MemorySink(schema);
    await sink.addBatch(0, rows(['walk', 1]), 'append');
    await sink.addBatch(1, rows(['bike', 1]), 'append');
    await sink.addBatch(1, rows(['bike', 1]), 'append');
    await sink.addBatch(0, rows(['walk', 1]), 'append');
    expect(sink.snapshot().numRows).toBe(2);
    expect(sink.latestBatch).toBe(1);
    expect(sink.lastNumOutputRows()).toBe(0);
  });

  it('an empty sink is an empty table of the query schema', () => {
    const snap = new MemorySink(schema).snapshot();
    expect(snap.numRows).toBe(0);
    expect(snap.schema.names).toEqual(['gt', 'count']);
  });
});

/**
 * Restarting a memory-sink query from its checkpoint (DataStreamReaderWriterSuite:
 * "MemorySink can recover from a checkpoint in Complete Mode", "append mode memory sink's
 * do not support checkpoint recovery"). Each start makes a new, empty MemorySink; in
 * Complete mode the first batch after the restart fills it with the whole result.
 */
describe('MemorySink recovery from a checkpoint', () => {
  let session: Session;
  let dir: string;
  let input: string;
  let checkpoint: string;

  beforeAll(() => {
    session = Session.builder().appName('memory-sink-recovery').getOrCreate();
  });
  afterAll(async () => {
    await session.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-memory-recovery-'));
    input = join(dir, 'in');
    checkpoint = join(dir, 'checkpoint');
    await mkdir(input);
  });
  afterEach(async () => {
    for (const q of session.streams.active) await q.stop();
    session.streams.resetTerminated();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (mode: 'complete' | 'append' = 'complete'): StreamingQuery => {
    const df = session.readStream.schema('a INT').option('fileStableMs', '0').json(input);
    return (mode === 'complete' ? df.groupBy('a').count() : df).writeStream
      .format('memory')
      .queryName('recovered')
      .outputMode(mode)
      .option('checkpointLocation', checkpoint)
      .start();
  };
  const table = async () =>
    (await session.table('recovered').collect()).sort((x, y) => Number(x.a) - Number(y.a));

  it('re-runs a batch that crashed before its commit and rebuilds the complete table', async () => {
    await writeFile(join(input, '1.json'), '{"a":0}\n{"a":1}\n{"a":0}\n');
    const first = start();
    await first.processAllAvailable();
    await first.stop();
    // What a crash after the sink write but before `commits/0` leaves behind.
    await rm(join(checkpoint, 'commits', '0'));

    const second = start();
    await second.processAllAvailable();
    expect(await table()).toEqual([
      { a: 0, count: 2 },
      { a: 1, count: 1 },
    ]);
    expect(second.lastProgress?.batchId).toBe(0);
  });

  it('the first batch after a restart emits the full result from the recovered state', async () => {
    await writeFile(join(input, '1.json'), '{"a":0}\n{"a":1}\n');
    const first = start();
    await first.processAllAvailable();
    await first.stop();
    expect(await table()).toEqual([
      { a: 0, count: 1 },
      { a: 1, count: 1 },
    ]);

    session.catalog.dropTable('recovered');
    const second = start();
    await writeFile(join(input, '2.json'), '{"a":0}\n');
    await second.processAllAvailable();
    expect(await table()).toEqual([
      { a: 0, count: 2 },
      { a: 1, count: 1 },
    ]);
  });

  it('an append-mode memory sink refuses to recover from a checkpoint', async () => {
    await writeFile(join(input, '1.json'), '{"a":0}\n');
    const first = start('append');
    await first.processAllAvailable();
    await first.stop();
    expect(() => start('append')).toThrow(/does not support recovering from checkpoint location/);
  });
});
