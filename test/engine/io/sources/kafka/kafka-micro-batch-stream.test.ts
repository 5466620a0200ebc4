// The kafka source (KafkaMicroBatchStream, KafkaRelation) against a real Kafka broker in
// KRaft mode on 127.0.0.1: every column's value, subscribe / subscribePattern / assign,
// startingOffsets, maxOffsetsPerTrigger, failOnDataLoss after deleteRecords, batch reads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../../../../engine/index';
import { KafkaMicroBatchStream } from '../../../../../engine/io/sources/kafka/kafka-micro-batch-stream';
import { startKafkaBroker, type KafkaBroker } from '../../../../helpers/kafka-broker';

let broker: KafkaBroker;
let dir: string;
const sources: KafkaMicroBatchStream[] = [];
const text = (b: unknown): string | null =>
  b === null ? null : new TextDecoder().decode(b as Uint8Array);

beforeAll(async () => {
  broker = await startKafkaBroker();
}, 120000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-kafka-source-'));
});
afterEach(async () => {
  for (const s of sources.splice(0)) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

function open(options: Record<string, string>, metadataPath?: string): KafkaMicroBatchStream {
  const s = new KafkaMicroBatchStream({
    options: { 'kafka.bootstrap.servers': broker.bootstrap, ...options },
    metadataPath,
  });
  sources.push(s);
  return s;
}

async function rowsBetween(s: KafkaMicroBatchStream, start: unknown, end: unknown) {
  return (await s.getBatch(start, end)).batch.toRows();
}

describe('kafka source (KafkaMicroBatchStream)', () => {
  it('gives every column its Spark value: key, value, topic, partition, offset, timestamp, timestampType, headers', async () => {
    await broker.createTopic('cols', 2);
    const before = Date.now();
    await broker.produce('cols', [
      { key: 'k1', value: 'hello', partition: 0, headers: { h1: 'a', h2: Buffer.from([1, 2]) } },
      { key: null, value: 'no key', partition: 0 },
      { key: 'k3', value: null, partition: 1, timestamp: '1700000000123' },
    ]);
    const s = open({ subscribe: 'cols', startingOffsets: 'earliest', includeHeaders: 'true' }, dir);
    expect(s.description).toBe('KafkaV2[Subscribe[cols]]');
    expect(s.schema.fields.map((f) => f.name)).toEqual([
      'key',
      'value',
      'topic',
      'partition',
      'offset',
      'timestamp',
      'timestampType',
      'headers',
    ]);
    const end = await s.latestOffset();
    expect(end).toEqual({ cols: { '0': 2, '1': 1 } });
    const rows = await rowsBetween(s, null, end);
    expect(
      rows.map((r) => [
        text(r.key),
        text(r.value),
        r.topic,
        r.partition,
        r.offset,
        r.timestampType,
      ]),
    ).toEqual([
      ['k1', 'hello', 'cols', 0, 0, 0],
      [null, 'no key', 'cols', 0, 1, 0],
      ['k3', null, 'cols', 1, 0, 0],
    ]);
    expect(rows[0].key).toBeInstanceOf(Uint8Array);
    // Timestamps are the producer's CreateTime, in microseconds.
    expect(rows[2].timestamp).toBe(1700000000123000);
    expect(Number(rows[0].timestamp) / 1000).toBeGreaterThanOrEqual(before - 1000);
    const headers = rows[0].headers as { key: string; value: Uint8Array }[];
    expect(headers.map((h) => [h.key, [...h.value]])).toEqual([
      ['h1', [97]],
      ['h2', [1, 2]],
    ]);
    expect(rows[1].headers).toBeNull();
    // The initial offsets are kept as Spark writes them: a zero byte, "v1", the JSON.
    expect(readFileSync(join(dir, '0'), 'utf8')).toBe('\u0000v1\n{"cols":{"0":0,"1":0}}');
  });

  it('starts at latest by default: nothing before the query started, no batch until new records', async () => {
    await broker.createTopic('late');
    await broker.produce('late', [{ value: 'old' }]);
    const s = open({ subscribe: 'late' }, dir);
    expect(await s.latestOffset()).toBeNull();
    await broker.produce('late', [{ value: 'new' }]);
    const end = await s.latestOffset();
    expect(end).toEqual({ late: { '0': 2 } });
    expect((await rowsBetween(s, null, end)).map((r) => text(r.value))).toEqual(['new']);
  });

  it('takes per-partition JSON with -2 (earliest) and -1 (latest), and insists on every partition', async () => {
    await broker.createTopic('json', 2);
    await broker.produce(
      'json',
      [0, 1, 2].map((i) => ({ value: `a${i}`, partition: 0 })),
    );
    await broker.produce(
      'json',
      [0, 1].map((i) => ({ value: `b${i}`, partition: 1 })),
    );
    const s = open({ subscribe: 'json', startingOffsets: '{"json":{"0":1,"1":-1}}' });
    // The starting offsets are resolved when the query first asks (latest = 2 for partition 1).
    expect(await s.latestOffset()).toEqual({ json: { '0': 3, '1': 2 } });
    await broker.produce('json', [{ value: 'b2', partition: 1 }]);
    const end = await s.latestOffset();
    expect((await rowsBetween(s, null, end)).map((r) => text(r.value))).toEqual(['a1', 'a2', 'b2']);
    const partial = open({ subscribe: 'json', startingOffsets: '{"json":{"0":-2}}' });
    await expect(partial.latestOffset()).rejects.toThrow(
      /If startingOffsets contains specific offsets, you must specify all TopicPartitions\.\nUse -1 for latest, -2 for earliest\.\nSpecified: Set\(json-0\) Assigned: Set\(json-0, json-1\)/,
    );
  });

  it('subscribePattern picks up a topic created later, from its earliest offset; assign reads only its partitions', async () => {
    await broker.createTopic('pat-a');
    await broker.produce('pat-a', [{ value: 'a0' }]);
    const s = open({ subscribePattern: 'pat-.*', startingOffsets: 'earliest' }, dir);
    expect(s.description).toBe('KafkaV2[SubscribePattern[pat-.*]]');
    const first = await s.latestOffset();
    expect((await rowsBetween(s, null, first)).map((r) => text(r.value))).toEqual(['a0']);
    await broker.createTopic('pat-b');
    await broker.createTopic('other');
    await broker.produce('pat-b', [{ value: 'b0' }, { value: 'b1' }]);
    await broker.produce('other', [{ value: 'not matched' }]);
    const second = await s.latestOffset();
    expect(second).toEqual({ 'pat-a': { '0': 1 }, 'pat-b': { '0': 2 } });
    expect((await rowsBetween(s, first, second)).map((r) => [r.topic, text(r.value)])).toEqual([
      ['pat-b', 'b0'],
      ['pat-b', 'b1'],
    ]);

    await broker.createTopic('asg', 3);
    await broker.produce(
      'asg',
      [0, 1, 2].map((p) => ({ value: `p${p}`, partition: p })),
    );
    const a = open({ assign: '{"asg":[0,2]}', startingOffsets: 'earliest' });
    const end = await a.latestOffset();
    expect(end).toEqual({ asg: { '0': 1, '2': 1 } });
    expect((await rowsBetween(a, null, end)).map((r) => text(r.value))).toEqual(['p0', 'p2']);
  });

  it('maxOffsetsPerTrigger caps each batch; the next batch goes on from where the last ended', async () => {
    await broker.createTopic('capped');
    await broker.produce(
      'capped',
      Array.from({ length: 7 }, (_, i) => ({ value: `v${i}` })),
    );
    const s = open(
      { subscribe: 'capped', startingOffsets: 'earliest', maxOffsetsPerTrigger: '3' },
      dir,
    );
    const seen: string[][] = [];
    let start: unknown = null;
    for (let i = 0; i < 4; i++) {
      const end = await s.latestOffset();
      if (JSON.stringify(end) === JSON.stringify(start)) break;
      seen.push((await rowsBetween(s, start, end)).map((r) => text(r.value) ?? ''));
      start = end;
    }
    expect(seen).toEqual([['v0', 'v1', 'v2'], ['v3', 'v4', 'v5'], ['v6']]);
    // Trigger.Once reads all that is there, whatever the cap.
    expect(await s.latestOffset('all')).toEqual({ capped: { '0': 7 } });
  });

  it('Trigger.AvailableNow stops at the offsets present when it started (prepareForTriggerAvailableNow)', async () => {
    await broker.createTopic('avail');
    await broker.produce('avail', [{ value: 'a' }, { value: 'b' }]);
    const s = open({ subscribe: 'avail', startingOffsets: 'earliest', maxOffsetsPerTrigger: '1' });
    await s.prepareForAvailableNow();
    await broker.produce('avail', [{ value: 'after' }]);
    const first = await s.latestOffset();
    expect(first).toEqual({ avail: { '0': 1 } });
    await s.getBatch(null, first);
    expect(await s.latestOffset()).toEqual({ avail: { '0': 2 } });
    expect(await s.latestOffset('all')).toEqual({ avail: { '0': 2 } });
  });

  it('fails on offsets Kafka deleted (failOnDataLoss), or warns and goes on with failOnDataLoss=false', async () => {
    await broker.createTopic('lossy');
    await broker.produce(
      'lossy',
      Array.from({ length: 5 }, (_, i) => ({ value: `v${i}` })),
    );
    const strict = open({ subscribe: 'lossy', startingOffsets: 'earliest' });
    const lenient = open({
      subscribe: 'lossy',
      startingOffsets: 'earliest',
      failOnDataLoss: 'false',
    });
    const end = await strict.latestOffset();
    await lenient.latestOffset();
    // kafkajs's admin finds the partition leader only for topics it has looked up before.
    await broker.admin.fetchTopicOffsets('lossy');
    await broker.admin.deleteTopicRecords({
      topic: 'lossy',
      partitions: [{ partition: 0, offset: '3' }],
    });
    await expect(strict.getBatch(null, end)).rejects.toThrow(
      /\[KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE\] Some data may have been lost[^]*Reason: Could not read records in offset \[0, 3\) for topic partition lossy-0/,
    );
    const got = await lenient.getBatch(null, end);
    expect(got.batch.toRows().map((r) => text(r.value))).toEqual(['v3', 'v4']);
    expect(got.warnings?.map((w) => w.code)).toEqual([
      'KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE',
    ]);
    expect(got.warnings?.[0].message).toContain('lossy-0');
  });

  it('fails with a clear error when no broker answers', async () => {
    const s = new KafkaMicroBatchStream({
      options: {
        'kafka.bootstrap.servers': '127.0.0.1:1',
        subscribe: 't',
        'kafka.socket.connection.setup.timeout.ms': '500',
      },
    });
    sources.push(s);
    await expect(s.latestOffset()).rejects.toThrow(/ECONNREFUSED|Connection error/);
  }, 60000);
});

describe('batch read: spark.read.format("kafka") (KafkaRelation)', () => {
  const spark = Session.builder().appName('kafka-batch').getOrCreate();
  it('reads startingOffsets..endingOffsets, and checks options at load()', async () => {
    await broker.createTopic('batch', 2);
    await broker.produce(
      'batch',
      [0, 1, 2, 3].map((i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 2 })),
    );
    const df = spark.read
      .format('kafka')
      .option('kafka.bootstrap.servers', broker.bootstrap)
      .option('subscribe', 'batch')
      .option('endingOffsets', '{"batch":{"0":1,"1":-1}}')
      .load()
      .select('key', 'value', 'partition', 'offset');
    const rows = (await df.collect()).map((r) => ({
      k: text(r.key),
      v: text(r.value),
      partition: r.partition,
      offset: r.offset,
    }));
    expect(rows).toEqual([
      { k: 'k0', v: 'v0', partition: 0, offset: 0 },
      { k: 'k1', v: 'v1', partition: 1, offset: 0 },
      { k: 'k3', v: 'v3', partition: 1, offset: 1 },
    ]);
    expect(() =>
      spark.read
        .format('kafka')
        .option('kafka.bootstrap.servers', broker.bootstrap)
        .option('subscribe', 'batch')
        .option('startingOffsets', 'latest')
        .load(),
    ).toThrow("starting offset can't be latest for batch queries on Kafka");
  });
});
