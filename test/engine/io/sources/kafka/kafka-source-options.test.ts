// The kafka source's option checks with KafkaSourceProvider's messages, KafkaSourceOffset
// JSON (JsonUtils), KafkaMicroBatchStream.rateLimit and the fixed schema — no broker needed.
import { describe, expect, it } from 'vitest';
import { IllegalArgumentException } from '../../../../../engine/errors';
import { draftSource } from '../../../../../engine/service/draft-source';
import { requestProblem } from '../../../../../engine/service/validate-request';
import { Session } from '../../../../../engine/session';
import { rateLimitedEnds } from '../../../../../engine/io/sources/kafka/kafka-offset-range';
import {
  fromEntries,
  parsePartitionOffsets,
  parseTopicPartitions,
} from '../../../../../engine/io/sources/kafka/kafka-offsets';
import {
  KAFKA_SCHEMA_WITH_HEADERS,
  KAFKA_SCHEMA,
} from '../../../../../engine/io/sources/kafka/kafka-schema';
import {
  parseKafkaBatchOptions,
  parseKafkaStreamOptions,
  strategyDescription,
} from '../../../../../engine/io/sources/kafka/kafka-source-options';

const servers = { 'kafka.bootstrap.servers': '127.0.0.1:9092' };

describe('KafkaSourceProvider option checks', () => {
  it('needs exactly one of subscribe, subscribePattern, assign', () => {
    expect(() => parseKafkaStreamOptions(servers)).toThrow(
      'One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.',
    );
    expect(() =>
      parseKafkaStreamOptions({ ...servers, subscribe: 'a', subscribePattern: 'b.*' }),
    ).toThrow(
      'Only one of the following options can be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.',
    );
    expect(() => parseKafkaStreamOptions({ ...servers, subscribe: ' , ' })).toThrow(
      "No topics to subscribe to as specified value for option 'subscribe' is ' , '",
    );
    expect(() => parseKafkaStreamOptions({ ...servers, subscribePattern: '  ' })).toThrow(
      "Pattern to subscribe is empty as specified value for option 'subscribePattern' is '  '",
    );
    expect(() => parseKafkaStreamOptions({ ...servers, subscribePattern: 'iot-(' })).toThrow(
      /^Invalid regular expression in option 'subscribePattern' \('iot-\('\)/,
    );
    expect(() => parseKafkaStreamOptions({ ...servers, assign: 'topic-0' })).toThrow(
      "No topicpartitions to assign as specified value for option 'assign' is 'topic-0'",
    );
    expect(() => parseKafkaStreamOptions({ ...servers, assign: '{"t":0}' })).toThrow(
      'Expected e.g. {"topicA":[0,1],"topicB":[0,1]}, got {"t":0}',
    );
  });

  it('requires kafka.bootstrap.servers and refuses the consumer settings Spark manages', () => {
    expect(() => parseKafkaStreamOptions({ subscribe: 't' })).toThrow(
      "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer",
    );
    const refused = (k: string) => () =>
      parseKafkaStreamOptions({ ...servers, subscribe: 't', [k]: 'x' });
    expect(refused('kafka.auto.offset.reset')).toThrow(
      /^Kafka option 'auto.offset.reset' is not supported.\nInstead set the source option 'startingoffsets'/,
    );
    expect(refused('kafka.key.deserializer')).toThrow(
      "Kafka option 'key.deserializer' is not supported, keys are always deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.",
    );
    expect(refused('kafka.value.deserializer')).toThrow(
      /values are always deserialized as byte arrays/,
    );
    expect(refused('kafka.enable.auto.commit')).toThrow(
      "Kafka option 'enable.auto.commit' is not supported.",
    );
    expect(refused('kafka.interceptor.classes')).toThrow(IllegalArgumentException);
    // Spark 3+ accepts a group id.
    expect(
      parseKafkaStreamOptions({ ...servers, subscribe: 't', 'kafka.group.id': 'g' }).kafkaParams,
    ).toEqual({
      'bootstrap.servers': '127.0.0.1:9092',
      'group.id': 'g',
    });
  });

  it('refuses endingOffsets in streams, latest starts and earliest ends in batch reads', () => {
    expect(() =>
      parseKafkaStreamOptions({ ...servers, subscribe: 't', endingOffsets: 'latest' }),
    ).toThrow('ending offset not valid in streaming queries');
    expect(() =>
      parseKafkaBatchOptions({ ...servers, subscribe: 't', startingOffsets: 'latest' }),
    ).toThrow("starting offset can't be latest for batch queries on Kafka");
    expect(() =>
      parseKafkaBatchOptions({ ...servers, subscribe: 't', endingOffsets: 'earliest' }),
    ).toThrow("ending offset can't be earliest for batch queries on Kafka");
    expect(() =>
      parseKafkaBatchOptions({ ...servers, subscribe: 't', startingOffsets: '{"t":{"0":-1}}' }),
    ).toThrow("startingOffsets for t-0 can't be latest for batch queries on Kafka");
    expect(() =>
      parseKafkaBatchOptions({ ...servers, subscribe: 't', endingOffsets: '{"t":{"1":-2}}' }),
    ).toThrow("ending offset for t-1 can't be earliest for batch queries on Kafka");
    expect(() =>
      parseKafkaStreamOptions({ ...servers, subscribe: 't', startingOffsets: '{"t":[0]}' }),
    ).toThrow('Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got {"t":[0]}');
    expect(() =>
      parseKafkaStreamOptions({ ...servers, subscribe: 't', failOnDataLoss: 'maybe' }),
    ).toThrow('For input string: "maybe"');
  });

  it('reads the defaults and settings Spark does', () => {
    const s = parseKafkaStreamOptions({
      ...servers,
      SUBSCRIBE: 'a, b',
      maxOffsetsPerTrigger: '10',
      failondataloss: 'FALSE',
    });
    expect(s.strategy).toEqual({ kind: 'subscribe', topics: ['a', 'b'] });
    expect(s.startingOffsets).toBe('latest');
    expect(s.maxOffsetsPerTrigger).toBe(10);
    expect(s.failOnDataLoss).toBe(false);
    expect(parseKafkaBatchOptions({ ...servers, subscribe: 'a' }).startingOffsets).toBe('earliest');
    expect(strategyDescription(s.strategy)).toBe('Subscribe[a, b]');
    expect(strategyDescription({ kind: 'subscribePattern', pattern: 'x.*' })).toBe(
      'SubscribePattern[x.*]',
    );
    expect(
      strategyDescription({ kind: 'assign', partitions: parseTopicPartitions('{"t":[0,1]}') }),
    ).toBe('Assign[t-0, t-1]');
  });
});

describe('KafkaSourceOffset JSON', () => {
  it('is canonical: topics and partitions sorted, so equal offsets have one text', () => {
    const a = fromEntries([
      { tp: { topic: 'b', partition: 10 }, offset: 5 },
      { tp: { topic: 'a', partition: 2 }, offset: 1 },
      { tp: { topic: 'b', partition: 2 }, offset: 7 },
    ]);
    expect(JSON.stringify(a)).toBe('{"a":{"2":1},"b":{"2":7,"10":5}}');
    expect(JSON.stringify(parsePartitionOffsets('{"b":{"10":5,"2":7},"a":{"2":1}}'))).toBe(
      JSON.stringify(a),
    );
  });
});

describe('maxOffsetsPerTrigger (KafkaMicroBatchStream.rateLimit)', () => {
  it('shares the limit in proportion to how far behind each partition is', () => {
    const tp = (partition: number) => ({ topic: 't', partition });
    const ends = rateLimitedEnds(
      [
        { tp: tp(0), from: 0, until: 90 },
        { tp: tp(1), from: 10, until: 20 },
        { tp: tp(2), from: 5, until: 5 },
      ],
      10,
    );
    // 10 × 90/100 = 9; 10 × 10/100 = 1; an idle partition stays where it is.
    expect([...ends]).toEqual([
      ['t-0', 9],
      ['t-1', 11],
      ['t-2', 5],
    ]);
    const tiny = rateLimitedEnds(
      [
        { tp: tp(0), from: 0, until: 1000 },
        { tp: tp(1), from: 0, until: 1 },
      ],
      10,
    );
    // A share below one offset is rounded up, so a small partition is never starved.
    expect([...tiny]).toEqual([
      ['t-0', 9],
      ['t-1', 1],
    ]);
    expect([...rateLimitedEnds([{ tp: tp(0), from: 3, until: 8 }], undefined)]).toEqual([
      ['t-0', 8],
    ]);
  });
});

describe('schema (KafkaRecordToRowConverter)', () => {
  it('has Spark’s columns and types, headers only with includeHeaders', () => {
    expect(KAFKA_SCHEMA.toDDL()).toBe(
      '`key` BINARY, `value` BINARY, `topic` STRING, `partition` INT, `offset` BIGINT, `timestamp` TIMESTAMP, `timestampType` INT',
    );
    expect(KAFKA_SCHEMA_WITH_HEADERS.fields.at(-1)?.dataType.simpleString()).toBe(
      'array<struct<key:string,value:binary>>',
    );
  });
});

describe('the app’s source setup with kafka (draftSource)', () => {
  const session = Session.builder().appName('kafka-draft').getOrCreate();
  const setup = (options: Record<string, string>) => ({
    path: '',
    format: 'kafka',
    schema: null,
    options,
  });

  it('takes no folder and drafts a stream with Kafka’s schema; option errors land on the options field', () => {
    expect(
      requestProblem({ type: 'previewSource', id: 1, setup: setup({}), maxRows: 5 }),
    ).toBeNull();
    const ok = draftSource(session, setup({ ...servers, subscribe: 'events' }));
    expect(ok.ok && ok.df.schema.toDDL()).toBe(KAFKA_SCHEMA.toDDL());
    expect(ok.ok && ok.df.plan).toMatchObject({ op: 'source', format: 'kafka', streaming: true });
    const bad = draftSource(session, setup({ subscribe: 'events' }));
    expect(!bad.ok && bad.field).toBe('options');
    expect(!bad.ok && String(bad.error)).toContain(
      "Option 'kafka.bootstrap.servers' must be specified",
    );
    const schema = draftSource(session, {
      ...setup({ ...servers, subscribe: 'e' }),
      schema: 'x INT',
    });
    expect(!schema.ok && schema.field).toBe('schema');
  });
});
