// The kafka sink (KafkaStreamingWrite / KafkaWriteTask) against a real broker: a query's
// key/value rows become records (read back with spark.read.format("kafka")), the topic option
// vs a topic column, partition and headers columns, every output mode, and KafkaWriter.
// validateQuery's errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { Session, type DataFrame, type StreamingQuery } from '../../../../engine/index';
import { KafkaSink } from '../../../../engine/io/sinks/kafka-sink';
import { KAFKA_HEADERS_TYPE } from '../../../../engine/io/sources/kafka/kafka-schema';
import { T } from '../../../../engine/types/data-types';
import { StructField, StructType } from '../../../../engine/types/struct-type';
import { startKafkaBroker, type KafkaBroker } from '../../../helpers/kafka-broker';

let broker: KafkaBroker;
let dir: string;
let query: StreamingQuery | undefined;
const spark = Session.builder().appName('kafka-sink').getOrCreate();
const text = (b: unknown): string | null =>
  b === null ? null : new TextDecoder().decode(b as Uint8Array);

beforeAll(async () => {
  broker = await startKafkaBroker();
}, 120000);
afterAll(async () => {
  await broker?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-kafka-sink-'));
});
afterEach(async () => {
  await query?.stop();
  query = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function numbers(rows: number): DataFrame {
  return spark.readStream
    .format('rate-micro-batch')
    .option('rowsPerBatch', rows)
    .option('startTimestamp', 0)
    .load();
}

async function runOnce(
  df: DataFrame,
  options: Record<string, string>,
  mode: 'append' | 'update' | 'complete' = 'append',
) {
  query = df.writeStream
    .format('kafka')
    .outputMode(mode)
    .option('kafka.bootstrap.servers', broker.bootstrap)
    .options(options)
    .option('checkpointLocation', join(dir, 'checkpoint'))
    .trigger({ availableNow: true })
    .start();
  await query.awaitTermination();
}

async function readBack(topic: string): Promise<Record<string, unknown>[]> {
  return spark.read
    .format('kafka')
    .option('kafka.bootstrap.servers', broker.bootstrap)
    .option('subscribe', topic)
    .option('includeHeaders', 'true')
    .load()
    .collect() as Promise<Record<string, unknown>[]>;
}

describe('kafka sink', () => {
  it('writes key and value columns to the topic option, flushed before the batch commits', async () => {
    await broker.createTopic('sink-opt');
    await runOnce(
      numbers(4).selectExpr(
        "CONCAT('k', CAST(value AS STRING)) AS key",
        "CONCAT('v', CAST(value AS STRING)) AS value",
      ),
      { topic: 'sink-opt' },
    );
    expect(query?.lastProgress?.sink.description).toBe('KafkaSink[topic=sink-opt]');
    const rows = await readBack('sink-opt');
    expect(rows.map((r) => [text(r.key), text(r.value), r.topic])).toEqual([
      ['k0', 'v0', 'sink-opt'],
      ['k1', 'v1', 'sink-opt'],
      ['k2', 'v2', 'sink-opt'],
      ['k3', 'v3', 'sink-opt'],
    ]);
  });

  it('routes by a topic column and a partition column; the topic option overrides the column', async () => {
    await broker.createTopic('sink-even', 2);
    await broker.createTopic('sink-odd');
    await runOnce(
      numbers(4).selectExpr(
        "IF(value % 2 = 0, 'sink-even', 'sink-odd') AS topic",
        'CAST(IF(value % 2 = 0, value / 2, 0) AS INT) AS partition',
        'CAST(value AS STRING) AS value',
      ),
      {},
    );
    const even = await readBack('sink-even');
    expect(even.map((r) => [text(r.value), r.partition])).toEqual([
      ['0', 0],
      ['2', 1],
    ]);
    expect((await readBack('sink-odd')).map((r) => text(r.value))).toEqual(['1', '3']);

    await broker.createTopic('sink-override');
    rmSync(join(dir, 'checkpoint'), { recursive: true, force: true });
    await runOnce(numbers(2).selectExpr("'sink-odd' AS topic", 'CAST(value AS STRING) AS value'), {
      topic: 'sink-override',
    });
    expect((await readBack('sink-override')).map((r) => text(r.value))).toEqual(['0', '1']);
  });

  it('takes complete mode (an aggregation) as Spark does', async () => {
    await broker.createTopic('sink-complete');
    await runOnce(
      numbers(5).groupBy().count().selectExpr('CAST(count AS STRING) AS value'),
      { topic: 'sink-complete' },
      'complete',
    );
    expect((await readBack('sink-complete')).map((r) => text(r.value))).toEqual(['5']);
  });

  it('writes headers and null keys (KafkaWriteTask), read back in order', async () => {
    await broker.createTopic('sink-headers');
    const schema = new StructType([
      new StructField('key', T.binary, true),
      new StructField('value', T.string, true),
      new StructField('headers', KAFKA_HEADERS_TYPE, true),
    ]);
    const sink = new KafkaSink(
      { 'kafka.bootstrap.servers': broker.bootstrap, topic: 'sink-headers' },
      schema,
    );
    try {
      await sink.addBatch(
        0,
        ColumnBatch.fromRows(schema, [
          { key: null, value: 'a', headers: [{ key: 'h', value: new Uint8Array([1, 2]) }] },
          { key: new Uint8Array([7]), value: 'b', headers: null },
        ]),
        'append',
      );
      expect(sink.lastNumOutputRows()).toBe(2);
    } finally {
      await sink.stop();
    }
    const rows = await readBack('sink-headers');
    expect(
      rows.map((r) => [r.key === null ? null : [...(r.key as Uint8Array)], text(r.value)]),
    ).toEqual([
      [null, 'a'],
      [[7], 'b'],
    ]);
    expect(
      (rows[0].headers as { key: string; value: Uint8Array }[]).map((h) => [h.key, [...h.value]]),
    ).toEqual([['h', [1, 2]]]);
    expect(rows[1].headers).toBeNull();
  });

  it('refuses queries KafkaWriter.validateQuery refuses, with Spark’s messages', () => {
    const start = (df: DataFrame, options: Record<string, string>) => () =>
      df.writeStream
        .format('kafka')
        .options({ 'kafka.bootstrap.servers': broker.bootstrap, ...options })
        .option('checkpointLocation', join(dir, 'cp'))
        .start();
    expect(start(numbers(1).selectExpr('CAST(value AS STRING) AS value'), {})).toThrow(
      "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.",
    );
    expect(start(numbers(1).selectExpr('CAST(value AS STRING) AS key'), { topic: 't' })).toThrow(
      "Required attribute 'value' not found",
    );
    expect(start(numbers(1).selectExpr('value'), { topic: 't' })).toThrow(
      'value attribute type must be a string or binary',
    );
    expect(start(numbers(1).selectExpr('value AS key', "'x' AS value"), { topic: 't' })).toThrow(
      'key attribute type must be a string or binary',
    );
    expect(start(numbers(1).selectExpr('1 AS topic', "'x' AS value"), {})).toThrow(
      'topic attribute type must be a string',
    );
    expect(
      start(numbers(1).selectExpr("'x' AS value", 'value AS partition'), { topic: 't' }),
    ).toThrow('partition attribute type must be an int');
    expect(
      start(numbers(1).selectExpr("'x' AS value"), { topic: 't', 'kafka.value.serializer': 'x' }),
    ).toThrow(
      "Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.",
    );
  });
});
