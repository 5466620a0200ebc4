// The kafka sink's fields in the sink picker (servers, topic option or topic column, format
// switches that drop the other sink's settings), and which sources are previewed without a
// folder. Which outputs Kafka can take is the engine's answer (draft-kafka-sink.test.ts).
import { describe, expect, it } from 'vitest';
import type { SinkSpec } from '../../../engine/plan/logical-plan';
import { SINK_LABELS } from '../../../renderer/src/lib/draft-sink';
import {
  KAFKA_SINK_NOTE,
  kafkaTopicSource,
  switchSinkFormat,
  withKafkaServers,
  withKafkaTopic,
  withKafkaTopicSource,
} from '../../../renderer/src/lib/kafka-sink-fields';
import { readsNoFolder } from '../../../renderer/src/lib/kafka-source-fields';

const sink = (format: string, options: Record<string, string>): SinkSpec => ({
  format,
  outputMode: 'append',
  options,
  trigger: { kind: 'default' },
  checkpointLocation: '/tmp/cp',
});

describe('kafka sink fields', () => {
  it('takes the topic from the option when it is set (even empty), else from the column', () => {
    expect(kafkaTopicSource({})).toBe('column');
    expect(kafkaTopicSource({ Topic: '' })).toBe('option');
    const opt = withKafkaTopicSource({ 'kafka.bootstrap.servers': 'b:9092' }, 'option');
    expect(opt).toEqual({ 'kafka.bootstrap.servers': 'b:9092', topic: '' });
    expect(withKafkaTopic(opt, 'events')).toEqual({
      'kafka.bootstrap.servers': 'b:9092',
      topic: 'events',
    });
    expect(withKafkaTopicSource({ TOPIC: 'events', x: '1' }, 'column')).toEqual({ x: '1' });
    // Switching to the option keeps a topic already there.
    expect(withKafkaTopicSource({ topic: 'events' }, 'option')).toEqual({ topic: 'events' });
  });

  it('drops the servers option when the field is emptied', () => {
    expect(withKafkaServers({ topic: 't' }, 'h1:9092,h2:9092')).toEqual({
      topic: 't',
      'kafka.bootstrap.servers': 'h1:9092,h2:9092',
    });
    expect(withKafkaServers({ 'KAFKA.BOOTSTRAP.SERVERS': 'h1:9092', topic: 't' }, ' ')).toEqual({
      topic: 't',
    });
  });

  it("does not carry one sink's settings into another", () => {
    const toKafka = switchSinkFormat(sink('json', { path: '/out', compression: 'gzip' }), 'kafka');
    expect(toKafka.options).toEqual({ compression: 'gzip' });
    expect(toKafka.checkpointLocation).toBe('/tmp/cp');
    const fromKafka = switchSinkFormat(
      sink('kafka', {
        'kafka.bootstrap.servers': 'b:9092',
        'kafka.acks': 'all',
        topic: 't',
        numRows: '5',
      }),
      'console',
    );
    expect(fromKafka).toMatchObject({ format: 'console', options: { numRows: '5' } });
    expect(switchSinkFormat(sink('json', { path: '/out' }), 'csv').options).toEqual({
      path: '/out',
    });
  });

  it('labels the choice and says what the sink promises and needs', () => {
    expect(SINK_LABELS.kafka).toBe('kafka (records to a topic)');
    expect(KAFKA_SINK_NOTE).toContain('at-least-once');
    expect(KAFKA_SINK_NOTE).toContain('`value` column (string or binary)');
  });
});

describe('sources previewed without a folder', () => {
  it('are kafka, rate, rate-micro-batch and socket; file formats need a folder', () => {
    expect(['kafka', 'Kafka', 'rate', 'rate-micro-batch', 'socket'].map(readsNoFolder)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['json', 'csv', 'parquet', 'text', 'arrow'].some(readsNoFolder)).toBe(false);
  });
});
