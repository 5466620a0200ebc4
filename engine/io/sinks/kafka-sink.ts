/**
 * The `kafka` sink (Spark's KafkaStreamingWrite / KafkaWriteTask): every output row becomes
 * one record — `value` (string or binary), optional `key`, the topic from the `topic` option or
 * else the row's `topic`, optional `partition` and `headers`. Every output mode is accepted,
 * as in Spark. Each batch is sent with acks=all and awaited before addBatch returns, so the
 * records are on the brokers before the batch commits (the producer flush Spark does at
 * the end of each task).
 *
 * At least once, as Spark documents for its Kafka sink: a batch re-run after a crash
 * (offsets logged, commit missing) is sent again, so a reader may see its records twice.
 * Deduplicate downstream on a key if that matters.
 */
import { Buffer } from 'node:buffer';
import type { KafkaConfig, Message, Producer } from 'kafkajs';
import { kafkajs } from '../sources/kafka/kafkajs-module';
import type { ColumnBatch } from '../../batch/column-batch';
import { valueAt } from '../../batch/values';
import type { Vector } from '../../batch/vector';
import { SparkRuntimeException } from '../../errors';
import type { OutputMode } from '../../exec/physical-plan';
import type { StructType } from '../../types/struct-type';
import { kafkaClientConfig } from '../sources/kafka/kafka-client-config';
import type { ProviderOptions } from '../sources/provider-options';
import type { Sink } from '../sink';
import { parseKafkaSinkOptions, validateKafkaSinkSchema } from './kafka-sink-options';

function bytesOf(v: unknown): Buffer | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  const u = v as Uint8Array;
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function columnOf(batch: ColumnBatch, name: string): Vector | undefined {
  const i = batch.schema.fieldIndex(name);
  return i < 0 ? undefined : batch.columns[i];
}

export class KafkaSink implements Sink {
  readonly description: string;
  private readonly topic: string | undefined;
  private readonly config: KafkaConfig;
  private producer: Producer | undefined;
  private readonly idempotent: boolean;
  private lastRows = 0;

  constructor(options: ProviderOptions, schema: StructType) {
    const o = parseKafkaSinkOptions(options);
    validateKafkaSinkSchema(schema, o.topic);
    this.topic = o.topic;
    this.idempotent = (o.kafkaParams['enable.idempotence'] ?? 'true').toLowerCase() !== 'false';
    this.config = kafkaClientConfig(o.kafkaParams);
    this.description = `KafkaSink[${o.topic === undefined ? 'topic column' : `topic=${o.topic}`}]`;
  }

  private async connected(): Promise<Producer> {
    if (this.producer === undefined) {
      // Kafka 3+ producers are idempotent by default (enable.idempotence=true), so Spark's
      // sink is too: a retried send inside a batch does not write a record twice.
      const { Kafka } = await kafkajs();
      const p = new Kafka(this.config).producer({
        allowAutoTopicCreation: true,
        idempotent: this.idempotent,
        maxInFlightRequests: this.idempotent ? 1 : undefined,
      });
      await p.connect();
      this.producer = p;
    }
    return this.producer;
  }

  async addBatch(_batchId: number, batch: ColumnBatch, _mode: OutputMode): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    const key = columnOf(batch, 'key');
    const value = columnOf(batch, 'value');
    const topicCol = columnOf(batch, 'topic');
    const partition = columnOf(batch, 'partition');
    const headers = columnOf(batch, 'headers');
    for (let r = 0; r < batch.numRows; r++) {
      const topic =
        this.topic ?? (topicCol === undefined ? null : (valueAt(topicCol, r) as string | null));
      if (topic === null) {
        throw new SparkRuntimeException(
          'NULL_TOPIC',
          'null topic present in the data. Use the topic option for setting a default topic.',
        );
      }
      const m: Message = { value: value === undefined ? null : bytesOf(valueAt(value, r)) };
      if (key !== undefined) m.key = bytesOf(valueAt(key, r));
      const p = partition === undefined ? null : valueAt(partition, r);
      if (p !== null) m.partition = p as number;
      const h =
        headers === undefined
          ? null
          : (valueAt(headers, r) as { key: string; value: unknown }[] | null);
      if (h !== null && h.length > 0) m.headers = headerObject(h);
      let list = byTopic.get(topic);
      if (list === undefined) byTopic.set(topic, (list = []));
      list.push(m);
    }
    this.lastRows = batch.numRows;
    if (batch.numRows === 0) return;
    const producer = await this.connected();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  lastNumOutputRows(): number {
    return this.lastRows;
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}

/** kafkajs takes headers as an object; a repeated key becomes an array of its values. */
function headerObject(
  list: readonly { key: string; value: unknown }[],
): Record<string, Buffer | Buffer[]> {
  const out: Record<string, Buffer | Buffer[]> = {};
  for (const { key, value } of list) {
    const b = bytesOf(value) ?? Buffer.alloc(0);
    const had = out[key];
    out[key] = had === undefined ? b : Array.isArray(had) ? [...had, b] : [had, b];
  }
  return out;
}
