/**
 * The kafka source end to end against a real broker: readStream.format("kafka") into the
 * file sink (exactly once) with a checkpoint, stopped and restarted — and restarted after a
 * crash that left a batch's offsets logged but not committed. The output must hold every
 * record exactly once: the offsets log decides what each batch reads, and a re-run batch
 * reads exactly the records of [start, end) again.
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync, existsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Session, type StreamingQuery } from '../../engine/index';
import { startKafkaBroker, type KafkaBroker } from '../helpers/kafka-broker';

let broker: KafkaBroker;
let dir: string;
let query: StreamingQuery | undefined;
const spark = Session.builder().appName('kafka-restart').getOrCreate();

beforeAll(async () => {
  broker = await startKafkaBroker();
}, 120000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-kafka-restart-'));
});
afterEach(async () => {
  await query?.stop();
  query = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function start(topic: string): StreamingQuery {
  query = spark.readStream
    .format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrap)
    .option('subscribe', topic)
    .option('startingOffsets', 'earliest')
    .option('maxOffsetsPerTrigger', '4')
    .load()
    .select('value', 'partition', 'offset')
    .writeStream.format('json')
    .option('path', join(dir, 'out'))
    .option('checkpointLocation', join(dir, 'checkpoint'))
    .start();
  return query;
}

async function runUntilCaughtUp(q: StreamingQuery, records: number): Promise<void> {
  // processAllAvailable returns once no offsets move; the broker already has every record.
  await q.processAllAvailable();
  const read = q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  expect(read).toBeLessThanOrEqual(records);
}

/** Every value in the sink's part files (binary is written as base64 by the JSON writer). */
function outputValues(): string[] {
  const out = join(dir, 'out');
  const values: string[] = [];
  for (const f of readdirSync(out).filter((n) => n.startsWith('part-'))) {
    for (const line of readFileSync(join(out, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '')) {
      values.push(Buffer.from((JSON.parse(line) as { value: string }).value, 'base64').toString());
    }
  }
  return values.sort();
}

const produce = (topic: string, from: number, n: number) =>
  broker.produce(
    topic,
    Array.from({ length: n }, (_, i) => ({
      value: `r${String(from + i).padStart(3, '0')}`,
      partition: (from + i) % 2,
    })),
  );
const expected = (n: number) =>
  Array.from({ length: n }, (_, i) => `r${String(i).padStart(3, '0')}`);

describe('kafka source: restart from checkpoint (no loss, no duplicates)', () => {
  it('stopped mid-stream and restarted: exactly N+M records, offsets in the log as KafkaSourceOffset JSON', async () => {
    await broker.createTopic('restart-clean', 2);
    await produce('restart-clean', 0, 10);
    const first = start('restart-clean');
    await runUntilCaughtUp(first, 10);
    expect(first.recentProgress.map((p) => p.numInputRows).filter((n) => n > 0)).toEqual([4, 4, 2]);
    expect(first.recentProgress[0].sources[0].description).toBe(
      'KafkaV2[Subscribe[restart-clean]]',
    );
    await first.stop();
    const logged = readFileSync(join(dir, 'checkpoint', 'offsets', '2'), 'utf8').split('\n');
    expect(logged[2]).toBe('{"restart-clean":{"0":5,"1":5}}');

    await produce('restart-clean', 10, 7);
    const second = start('restart-clean');
    await runUntilCaughtUp(second, 7);
    expect(outputValues()).toEqual(expected(17));
  });

  it('crashed after logging a batch’s offsets, before its commit: the re-run reads the same records', async () => {
    await broker.createTopic('restart-crash', 2);
    await produce('restart-crash', 0, 12);
    const first = start('restart-crash');
    await runUntilCaughtUp(first, 12);
    await first.stop();
    const checkpoint = join(dir, 'checkpoint');
    const last = Math.max(
      ...readdirSync(join(checkpoint, 'commits'))
        .filter((n) => /^\d+$/.test(n))
        .map(Number),
    );
    // What a process dying between the sink's write and the commits log leaves: the batch's
    // offsets and part file, but neither its commit nor its sink log entry.
    unlinkSync(join(checkpoint, 'commits', String(last)));
    unlinkSync(join(dir, 'out', '_spark_metadata', String(last)));
    expect(existsSync(join(checkpoint, 'offsets', String(last)))).toBe(true);

    await produce('restart-crash', 12, 5);
    const second = start('restart-crash');
    await runUntilCaughtUp(second, 9);
    // The re-run batch keeps its id and its logged offsets.
    expect(second.recentProgress[0].batchId).toBe(last);
    expect(outputValues()).toEqual(expected(17));
  });
});
