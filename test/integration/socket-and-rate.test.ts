/**
 * The socket, rate and rate-micro-batch sources end to end: readStream.format(...) with
 * options, a query over them, the memory sink, and restarts from a checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session, type StreamingQuery } from '../../engine/index';
import { toPySpark } from '../../engine/export/to-pyspark';

let dir: string;
let query: StreamingQuery | undefined;
const spark = Session.builder().appName('socket-and-rate').getOrCreate();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-socket-rate-'));
});
afterEach(async () => {
  await query?.stop();
  query = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return spark.sql(sql).collect() as Promise<Record<string, unknown>[]>;
}

describe('rate-micro-batch', () => {
  it('runs a query batch by batch with the same rows every time, and continues after a restart', async () => {
    const seen: number[][][] = [];
    // The memory sink cannot resume from a checkpoint (as in Spark), so batches are collected.
    const start = (): StreamingQuery =>
      spark.readStream
        .format('rate-micro-batch')
        .option('rowsPerBatch', 4)
        .option('startTimestamp', 0)
        .option('advanceMillisPerBatch', 1000)
        .load()
        .selectExpr('value', 'value % 2 AS parity', 'CAST(timestamp AS LONG) AS seconds')
        .writeStream.option('checkpointLocation', join(dir, 'checkpoint'))
        .foreachBatch(async (batch) => {
          const got = await batch.collect();
          seen.push(got.map((r) => [Number(r.value), Number(r.parity), Number(r.seconds)]));
        })
        .trigger({ availableNow: true })
        .start();
    query = start();
    await query.awaitTermination();
    query = start();
    await query.awaitTermination();
    expect(seen).toEqual([
      [
        [0, 0, 0],
        [1, 1, 0],
        [2, 0, 0],
        [3, 1, 0],
      ],
      [
        [4, 0, 1],
        [5, 1, 1],
        [6, 0, 1],
        [7, 1, 1],
      ],
    ]);
  });

  it('exports as spark.readStream.format("rate-micro-batch") with its options and no schema', () => {
    const df = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 10).load();
    const script = toPySpark(df.plan);
    expect(script).toContain('spark.readStream');
    expect(script).toContain('.format("rate-micro-batch")');
    expect(script).toContain('.option("rowsPerBatch", "10")');
    expect(script).toContain('.load()');
    expect(script).not.toContain('.schema(');
  });

  it('refuses bad options at load(), as Spark does', () => {
    expect(() => spark.readStream.format('rate-micro-batch').load()).toThrow(
      "Invalid value '0'. The option 'rowsPerBatch' must be positive",
    );
    expect(() => spark.readStream.format('rate').option('rowsPerSecond', -1).load()).toThrow(
      "Invalid value '-1'. The option 'rowsPerSecond' must be positive",
    );
  });
});

describe('rate', () => {
  it('generates consecutive values from 0, evenly spaced in time, while it runs', async () => {
    query = spark.readStream
      .format('rate')
      .option('rowsPerSecond', 20)
      .load()
      .writeStream.queryName('rate_rows')
      .format('memory')
      .trigger({ processingTime: '100 milliseconds' })
      .start();
    let got: Record<string, unknown>[] = [];
    while (got.length < 20) {
      await sleep(100);
      got = await rows('SELECT timestamp, value FROM rate_rows ORDER BY value');
    }
    expect(got.map((r) => Number(r.value))).toEqual(got.map((_, i) => i));
    // 20 rows per second: value i is due i × 50 ms after the first.
    const t = got.map((r) => Number(r.timestamp));
    expect(t[1] - t[0]).toBeGreaterThan(0);
    expect(t.slice(0, 20).map((x) => x - t[0])).toEqual(
      t.slice(0, 20).map((_, i) => i * (t[1] - t[0])),
    );
    const source = query.lastProgress?.sources[0];
    expect(source?.description).toBe(
      'RateStreamV2[rowsPerSecond=20, rampUpTimeSeconds=0, numPartitions=default',
    );
  }, 30_000);
});

describe('socket', () => {
  let server: Server;
  const clients: Socket[] = [];
  beforeEach(async () => {
    server = createServer((c) => clients.push(c));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('counts the lines typed into a socket, by text', async () => {
    const port = (server.address() as { port: number }).port;
    query = spark.readStream
      .format('socket')
      .option('host', '127.0.0.1')
      .option('port', port)
      .load()
      .groupBy('value')
      .count()
      .writeStream.queryName('word_counts')
      .outputMode('complete')
      .format('memory')
      .start();
    while (clients.length === 0) await sleep(10);
    clients[0].write('apache\nspark\nspark\nstreaming\n');
    let counts: Record<string, unknown>[] = [];
    while (counts.length < 3) {
      await query.processAllAvailable();
      counts = await rows('SELECT value, count FROM word_counts ORDER BY value');
      if (counts.length < 3) await sleep(10);
    }
    expect(counts.map((r) => [r.value, Number(r.count)])).toEqual([
      ['apache', 1],
      ['spark', 2],
      ['streaming', 1],
    ]);
    const warnings = query.recentProgress.flatMap((p) => p.tidemark.warnings);
    expect(warnings.map((w) => w.code)).toContain('SOCKET_SOURCE_NOT_FAULT_TOLERANT');
  }, 30_000);

  it('needs host and port', () => {
    expect(() => spark.readStream.format('socket').option('port', 1).load()).toThrow(
      'Set a host to read from with option("host", ...).',
    );
  });
});
