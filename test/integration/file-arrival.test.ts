/**
 * Files arriving while a query runs (default trigger, no processAllAvailable between
 * writes): each is read exactly once, and a new file shows up in the memory table in
 * the next trigger. Index is unique per simulated row, so duplicates and gaps are visible.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Session, type StreamingQuery } from '../../engine/index';
import { SensorSimulator } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';

let dir: string;
let query: StreamingQuery | undefined;
const spark = Session.builder().appName('file-arrival').getOrCreate();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-arrival-'));
});
afterEach(async () => {
  await query?.stop();
  query = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

it('1,000 files arriving in bursts while the query runs are each processed exactly once', async () => {
  const sim = new SensorSimulator({ dir, seed: 3, rowsPerFile: 5, malformedFraction: 0, nullFraction: 0 });
  query = spark.readStream
    .schema(labSchema())
    .json(dir)
    .select('Index')
    .writeStream.queryName('arrivals')
    .format('memory')
    .start();
  let written = 0;
  for (let burst = 0; burst < 20; burst++) {
    await Promise.all(Array.from({ length: 50 }, () => sim.writeFile()));
    written += 50;
    await sleep(burst % 3 === 0 ? 0 : 30);
  }
  expect(written).toBe(1000);
  await query.processAllAvailable();
  const rows = await spark.sql('SELECT Index FROM arrivals').collect();
  const indices = rows.map((r) => Number(r.Index));
  expect(indices).toHaveLength(5000);
  expect(new Set(indices).size).toBe(5000);
  const read = query.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  expect(read).toBe(5000);
}, 120_000);

it('a file written while the query idles appears in the memory table in the next trigger', async () => {
  const sim = new SensorSimulator({ dir, seed: 4, rowsPerFile: 7, malformedFraction: 0 });
  query = spark.readStream.schema(labSchema()).json(dir).writeStream.queryName('next_trigger').format('memory').start();
  await sim.writeFile();
  await query.processAllAvailable();
  const batchesBefore = query.lastProgress!.batchId;
  await sim.writeFile();
  const deadline = Date.now() + 10_000;
  let count = 7;
  while (count === 7 && Date.now() < deadline) {
    await sleep(10);
    count = Number((await spark.sql('SELECT count(1) AS n FROM next_trigger').collect())[0].n);
  }
  expect(count).toBe(14);
  // The rows came with the first batch after the idle period, not later.
  const withRows = query.recentProgress.filter((p) => p.batchId > batchesBefore && p.numInputRows > 0);
  expect(withRows[0].batchId).toBe(batchesBefore + 1);
  expect(withRows[0].numInputRows).toBe(7);
}, 30_000);
