/**
 * What Spark checks before a query may write to Kafka: the producer options
 * (KafkaSourceProvider.kafkaParamsForProducer) and the query's columns
 * (KafkaWriter.validateQuery): a `value` column of string or binary, an optional `key` of
 * string or binary, a topic from the `topic` option or a string `topic` column, an optional
 * int `partition` and optional `headers` of array<struct<key:string,value:binary>>.
 */
import { AnalysisException, IllegalArgumentException } from '../../errors';
import type { StructType } from '../../types/struct-type';
import { KAFKA_HEADERS_TYPE } from '../sources/kafka/kafka-schema';
import { kafkaParamsOf } from '../sources/kafka/kafka-source-options';
import { optionValue, type ProviderOptions } from '../sources/provider-options';

export interface KafkaSinkOptions {
  /** The `topic` option: when set it overrides the `topic` column (Spark 3+). */
  readonly topic: string | undefined;
  readonly kafkaParams: Readonly<Record<string, string>>;
}

export function parseKafkaSinkOptions(options: ProviderOptions): KafkaSinkOptions {
  const kafkaParams = kafkaParamsOf(options);
  const has = (k: string): boolean => Object.keys(kafkaParams).some((p) => p.toLowerCase() === k);
  if (has('key.serializer')) {
    throw new IllegalArgumentException(
      "Kafka option 'key.serializer' is not supported as keys are serialized with ByteArraySerializer.",
    );
  }
  if (has('value.serializer')) {
    throw new IllegalArgumentException(
      "Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.",
    );
  }
  // The Java producer's own ConfigException, which is what Spark users see.
  if (!has('bootstrap.servers')) {
    throw new IllegalArgumentException(
      'Missing required configuration "bootstrap.servers" which has no default value.',
    );
  }
  return { topic: optionValue(options, 'topic')?.trim(), kafkaParams };
}

const STRING_OR_BINARY = new Set(['string', 'binary']);

export function validateKafkaSinkSchema(schema: StructType, topic: string | undefined): void {
  const field = (name: string) => schema.fields.find((f) => f.name === name);
  const topicField = field('topic');
  if (topicField === undefined && topic === undefined) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_TOPIC',
      "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.",
    );
  }
  if (
    topic === undefined &&
    topicField !== undefined &&
    topicField.dataType.simpleString() !== 'string'
  ) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_TOPIC',
      'topic attribute type must be a string',
    );
  }
  const key = field('key');
  if (key !== undefined && !STRING_OR_BINARY.has(key.dataType.simpleString())) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_KEY',
      'key attribute type must be a string or binary',
    );
  }
  const value = field('value');
  if (value === undefined) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_VALUE',
      "Required attribute 'value' not found",
    );
  }
  if (!STRING_OR_BINARY.has(value.dataType.simpleString())) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_VALUE',
      'value attribute type must be a string or binary',
    );
  }
  const headers = field('headers');
  if (
    headers !== undefined &&
    headers.dataType.simpleString() !== KAFKA_HEADERS_TYPE.simpleString()
  ) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_HEADERS',
      `headers attribute type must be a ${KAFKA_HEADERS_TYPE.simpleString()}`,
    );
  }
  const partition = field('partition');
  if (partition !== undefined && partition.dataType.simpleString() !== 'int') {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_KAFKA_PARTITION',
      'partition attribute type must be an int',
    );
  }
}
