import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisException, IllegalArgumentException } from '../../../engine/errors';
import type { DataFrame } from '../../../engine/plan/dataframe';
import { Session } from '../../../engine/session';
import { parseOutputMode } from '../../../engine/stream/data-stream-writer';
import { SparkIllegalArgumentException } from '../../../engine/stream/stream-errors';

let session: Session;
let dir: string;
let input: string;

beforeAll(() => {
  session = Session.builder().appName('data-stream-writer-test').getOrCreate();
});
afterAll(async () => {
  await session.stop();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidemark-writer-'));
  input = join(dir, 'in');
  await mkdir(input);
  await writeFile(
    join(input, 'a.json'),
    '{"gt":"walk","x":1}\n{"gt":"bike","x":2}\n{"gt":"walk","x":3}\n',
  );
});
afterEach(async () => {
  for (const q of session.streams.active) await q.stop();
  session.streams.resetTerminated();
  for (const t of session.catalog.listTables()) session.catalog.dropTable(t.name);
  await rm(dir, { recursive: true, force: true });
});

const stream = (): DataFrame => session.readStream.schema('gt STRING, x INT').json(input);
const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};

describe('DataStreamWriter validation (DataStreamReaderWriterSuite)', () => {
  it('rejects an unknown output mode with STREAMING_OUTPUT_MODE.INVALID (InternalOutputModesSuite)', () => {
    expect(parseOutputMode('Complete')).toBe('complete');
    const e = errorOf(() => stream().writeStream.outputMode('Xyz'));
    expect(e).toBeInstanceOf(SparkIllegalArgumentException);
    expect(e.message).toBe(
      "[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: Xyz. Accepted output modes are 'Append', 'Complete', 'Update'. SQLSTATE: 42KDE",
    );
  });

  it('memory sink needs a queryName', () => {
    const e = errorOf(() => stream().writeStream.format('memory').start());
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.message).toBe('queryName must be specified for memory sink');
  });

  it('file sinks take append only, and need a checkpoint location', () => {
    const counts = stream().groupBy('gt').count();
    const e = errorOf(() =>
      counts.writeStream
        .format('csv')
        .outputMode('update')
        .option('path', join(dir, 'out'))
        .start(),
    );
    expect(e.message).toBe(
      '[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: update. This output mode is not supported in Data Source csv. SQLSTATE: 42KDE',
    );
    const noCheckpoint = errorOf(() => stream().writeStream.format('json').start(join(dir, 'out')));
    expect(noCheckpoint.message).toBe(
      'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...)',
    );
    expect(
      errorOf(() => stream().writeStream.format('json').option('checkpointLocation', dir).start()),
    ).toBeInstanceOf(IllegalArgumentException);
  });

  it('applies the UnsupportedOperationChecker output-mode rules', () => {
    expect(
      errorOf(() =>
        stream().writeStream.format('memory').queryName('q').outputMode('complete').start(),
      ).message,
    ).toBe(
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
    );
    expect(
      errorOf(() =>
        stream().groupBy('gt').count().writeStream.format('memory').queryName('q').start(),
      ).message,
    ).toBe(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    );
  });

  it('refuses a second active query with the same name', async () => {
    const first = stream().writeStream.format('memory').queryName('dup').start();
    expect(() => stream().writeStream.format('memory').queryName('dup').start()).toThrow(
      'Cannot start query with name dup as a query with that name is already active in this SparkSession',
    );
    await first.stop();
  });

  it('trigger() takes exactly one of processingTime / once / availableNow', () => {
    expect(errorOf(() => stream().writeStream.trigger({})).message).toContain(
      'Only allow single trigger to be set.',
    );
    expect(errorOf(() => stream().writeStream.trigger({ processingTime: '1 month' })).message).toBe(
      "Doesn't support month or year interval: 1 month",
    );
    expect(
      stream().writeStream.trigger({ processingTime: '3 seconds' }).format('console').toSinkSpec()
        .trigger,
    ).toEqual({
      kind: 'processingTime',
      interval: '3 seconds',
    });
  });
});

describe('DataStreamWriter.start: the lab’s memory-sink queries', () => {
  it('complete-mode counts land in a table named after the query (hands-on 2)', async () => {
    const q = stream()
      .groupBy('gt')
      .count()
      .writeStream.format('memory')
      .queryName('activity_count')
      .outputMode('complete')
      .start();
    await q.processAllAvailable();
    const rows = await session.sql('SELECT gt, count FROM activity_count ORDER BY gt').collect();
    expect(rows).toEqual([
      { gt: 'bike', count: 1 },
      { gt: 'walk', count: 2 },
    ]);
    await writeFile(join(input, 'b.json'), '{"gt":"bike","x":4}\n');
    await q.processAllAvailable();
    expect(
      await session.sql('SELECT count FROM activity_count WHERE gt = "bike"').collect(),
    ).toEqual([{ count: 2 }]);
    expect(q.lastProgress!.sink.description).toBe('MemorySink');
    expect(q.lastProgress!.sources[0].description).toMatch(/^FileStreamSource\[file:/);
    await q.stop();
    // the table outlives the query, as Spark's temp view does
    expect(await session.table('activity_count').count()).toBe(2);
  });

  it('foreachBatch gets a static DataFrame per batch', async () => {
    const seen: [number, number][] = [];
    const q = stream()
      .filter('x > 1')
      .writeStream.foreachBatch(async (df, batchId) => {
        seen.push([batchId, await df.count()]);
      })
      .start();
    await q.processAllAvailable();
    expect(seen).toEqual([[0, 2]]);
    expect(q.lastProgress!.sink.numOutputRows).toBe(-1);
  });

  it('writes json files with _spark_metadata and checkpoint logs, and Trigger.Once stops by itself', async () => {
    const out = join(dir, 'out');
    const checkpoint = join(dir, 'checkpoint');
    const q = stream()
      .writeStream.format('json')
      .option('checkpointLocation', checkpoint)
      .trigger({ once: true })
      .start(out);
    await q.awaitTermination();
    expect(q.isActive).toBe(false);
    const parts = (await readdir(out)).filter((n) => n.startsWith('part-'));
    expect(parts).toHaveLength(1);
    expect(
      (await readFile(join(out, '_spark_metadata', '0'), 'utf8')).startsWith(
        'v1\n{"path":"file://',
      ),
    ).toBe(true);
    expect((await readdir(checkpoint)).sort()).toEqual(
      expect.arrayContaining(['commits', 'metadata', 'offsets', 'sources']),
    );
    expect(q.lastProgress!.sink.description).toBe(`FileSink[${out}]`);
  });

  it('console sink prints each batch', async () => {
    const printed: string[] = [];
    const q = stream()
      .select('gt')
      .writeStream.format('console')
      .consoleSinkOutput((t) => printed.push(t))
      .start();
    await q.processAllAvailable();
    expect(printed.join('')).toBe(
      '-------------------------------------------\nBatch: 0\n-------------------------------------------\n' +
        '+----+\n|  gt|\n+----+\n|walk|\n|bike|\n|walk|\n+----+\n\n',
    );
  });

  it('a failing batch surfaces as STREAM_FAILED without crashing (ANSI division by zero)', async () => {
    session.conf.set('spark.sql.ansi.enabled', 'true');
    const q = stream()
      .selectExpr('CAST(x DIV 0 AS INT) AS boom')
      .writeStream.format('memory')
      .queryName('boom')
      .start();
    await expect(q.awaitTermination()).rejects.toThrow(/STREAM_FAILED.*DIVIDE_BY_ZERO/s);
    expect(q.exception()!.errorClass).toBe('STREAM_FAILED');
  });
});
