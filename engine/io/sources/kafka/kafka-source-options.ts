/**
 * The `kafka` source's options, checked as Spark's KafkaSourceProvider does
 * (validateStreamOptions / validateBatchOptions / validateGeneralOptions) with its messages:
 * exactly one of subscribe, subscribePattern, assign; `kafka.bootstrap.servers` required;
 * the consumer settings Structured Streaming manages itself refused; endingOffsets only in
 * batch reads. `kafka.`-prefixed options go to the client without the prefix.
 */
import { IllegalArgumentException } from '../../../errors';
import { hasOption, longOption, optionValue, type ProviderOptions } from '../provider-options';
import {
  entries,
  EARLIEST,
  LATEST,
  parsePartitionOffsets,
  parseTopicPartitions,
  tpName,
  type PartitionOffsets,
  type TopicPartition,
} from './kafka-offsets';

export type ConsumerStrategy =
  | { readonly kind: 'subscribe'; readonly topics: readonly string[] }
  | { readonly kind: 'subscribePattern'; readonly pattern: string }
  | { readonly kind: 'assign'; readonly partitions: readonly TopicPartition[] };

/** KafkaOffsetRangeLimit: earliest, latest, or offsets per partition (-2/-1 allowed). */
export type OffsetRangeLimit = 'earliest' | 'latest' | { readonly specific: PartitionOffsets };

export interface KafkaSourceOptions {
  readonly strategy: ConsumerStrategy;
  readonly startingOffsets: OffsetRangeLimit;
  /** Batch reads only (latest when absent). */
  readonly endingOffsets: OffsetRangeLimit;
  readonly maxOffsetsPerTrigger: number | undefined;
  readonly failOnDataLoss: boolean;
  readonly includeHeaders: boolean;
  /** The `kafka.`-prefixed options without the prefix (`bootstrap.servers`, `client.id`, …). */
  readonly kafkaParams: Readonly<Record<string, string>>;
}

/** KafkaSourceProvider.STRATEGY_OPTION_KEYS, in Spark's order and spelling. */
const STRATEGY_KEYS = ['subscribe', 'subscribepattern', 'assign'] as const;

/** Consumer settings Spark refuses (validateGeneralOptions), each with its message. */
const REFUSED_CONSUMER_OPTIONS: readonly (readonly [string, string])[] = [
  [
    'auto.offset.reset',
    "Kafka option 'auto.offset.reset' is not supported.\n" +
      "Instead set the source option 'startingoffsets' to 'earliest' or 'latest'\n" +
      'to specify where to start. Structured Streaming manages which offsets are consumed\n' +
      'internally, rather than relying on the kafkaConsumer to do it. This will ensure that no\n' +
      'data is missed when new topics/partitions are dynamically subscribed. Note that\n' +
      "'startingoffsets' only applies when a new Streaming query is started, and\n" +
      'that resuming will always pick up from where the query left off. See the docs for more\n' +
      'details.',
  ],
  [
    'key.deserializer',
    "Kafka option 'key.deserializer' is not supported, keys are always deserialized as byte " +
      'arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.',
  ],
  [
    'value.deserializer',
    "Kafka option 'value.deserializer' is not supported, values are always deserialized as byte " +
      'arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the values.',
  ],
  ['enable.auto.commit', "Kafka option 'enable.auto.commit' is not supported."],
  ['interceptor.classes', "Kafka option 'interceptor.classes' is not supported."],
];

/** The `kafka.`-prefixed options, prefix dropped (KafkaSourceProvider.convertToSpecifiedParams). */
export function kafkaParamsOf(options: ProviderOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) {
    if (k.toLowerCase().startsWith('kafka.')) out[k.slice(6)] = v;
  }
  return out;
}

/** StringOps.toBoolean: "true"/"false" in any case, IllegalArgumentException otherwise. */
function scalaBoolean(options: ProviderOptions, key: string, fallback: boolean): boolean {
  const v = optionValue(options, key);
  if (v === undefined) return fallback;
  if (v.toLowerCase() === 'true') return true;
  if (v.toLowerCase() === 'false') return false;
  throw new IllegalArgumentException(`For input string: "${v}"`);
}

function parseStrategy(options: ProviderOptions): ConsumerStrategy {
  const given = STRATEGY_KEYS.filter((k) => hasOption(options, k));
  if (given.length === 0) {
    throw new IllegalArgumentException(
      'One of the following options must be specified for Kafka source: ' +
        `${STRATEGY_KEYS.join(', ')}. See the docs for more details.`,
    );
  }
  if (given.length > 1) {
    throw new IllegalArgumentException(
      'Only one of the following options can be specified for Kafka source: ' +
        `${STRATEGY_KEYS.join(', ')}. See the docs for more details.`,
    );
  }
  const value = optionValue(options, given[0]) ?? '';
  switch (given[0]) {
    case 'assign':
      if (!value.trim().startsWith('{')) {
        throw new IllegalArgumentException(
          `No topicpartitions to assign as specified value for option 'assign' is '${value}'`,
        );
      }
      return { kind: 'assign', partitions: parseTopicPartitions(value.trim()) };
    case 'subscribe': {
      const topics = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
      if (topics.length === 0) {
        throw new IllegalArgumentException(
          `No topics to subscribe to as specified value for option 'subscribe' is '${value}'`,
        );
      }
      return { kind: 'subscribe', topics };
    }
    default: {
      const pattern = value.trim();
      if (pattern === '') {
        throw new IllegalArgumentException(
          `Pattern to subscribe is empty as specified value for option 'subscribePattern' is '${value}'`,
        );
      }
      // Spark compiles it only when the query runs (PatternSyntaxException); checked here so
      // the setup form can point at the option.
      try {
        new RegExp(pattern);
      } catch (e) {
        throw new IllegalArgumentException(
          `Invalid regular expression in option 'subscribePattern' ('${pattern}'): ${(e as Error).message}`,
        );
      }
      return { kind: 'subscribePattern', pattern };
    }
  }
}

/** KafkaSourceProvider.getKafkaOffsetRangeLimit. */
function offsetLimit(
  options: ProviderOptions,
  key: string,
  fallback: OffsetRangeLimit,
): OffsetRangeLimit {
  const v = optionValue(options, key)?.trim();
  if (v === undefined) return fallback;
  if (v.toLowerCase() === 'latest') return 'latest';
  if (v.toLowerCase() === 'earliest') return 'earliest';
  return { specific: parsePartitionOffsets(v) };
}

function validateGeneralOptions(options: ProviderOptions): {
  strategy: ConsumerStrategy;
  kafkaParams: Record<string, string>;
} {
  const strategy = parseStrategy(options);
  const kafkaParams = kafkaParamsOf(options);
  const lower = new Set(Object.keys(kafkaParams).map((k) => k.toLowerCase()));
  // `kafka.group.id` is allowed since Spark 3.0 (the group then shows in the broker's tools).
  for (const [name, message] of REFUSED_CONSUMER_OPTIONS) {
    if (lower.has(name)) throw new IllegalArgumentException(message);
  }
  if (!lower.has('bootstrap.servers')) {
    throw new IllegalArgumentException(
      "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer",
    );
  }
  return { strategy, kafkaParams };
}

/** validateStreamOptions, then the stream's settings. */
export function parseKafkaStreamOptions(options: ProviderOptions): KafkaSourceOptions {
  if (hasOption(options, 'endingOffsets'))
    throw new IllegalArgumentException('ending offset not valid in streaming queries');
  if (hasOption(options, 'endingOffsetsByTimestamp'))
    throw new IllegalArgumentException('ending timestamp not valid in streaming queries');
  const general = validateGeneralOptions(options);
  return {
    ...general,
    startingOffsets: offsetLimit(options, 'startingOffsets', 'latest'),
    endingOffsets: 'latest',
    maxOffsetsPerTrigger: maxOffsets(options),
    failOnDataLoss: scalaBoolean(options, 'failOnDataLoss', true),
    includeHeaders: scalaBoolean(options, 'includeHeaders', false),
  };
}

/** validateBatchOptions: earliest to latest by default; no latest start, no earliest end. */
export function parseKafkaBatchOptions(options: ProviderOptions): KafkaSourceOptions {
  const startingOffsets = offsetLimit(options, 'startingOffsets', 'earliest');
  if (startingOffsets === 'latest')
    throw new IllegalArgumentException(
      "starting offset can't be latest for batch queries on Kafka",
    );
  if (startingOffsets !== 'earliest') {
    for (const { tp, offset } of entries(startingOffsets.specific)) {
      if (offset === LATEST) {
        throw new IllegalArgumentException(
          `startingOffsets for ${tpName(tp)} can't be latest for batch queries on Kafka`,
        );
      }
    }
  }
  const endingOffsets = offsetLimit(options, 'endingOffsets', 'latest');
  if (endingOffsets === 'earliest')
    throw new IllegalArgumentException(
      "ending offset can't be earliest for batch queries on Kafka",
    );
  if (endingOffsets !== 'latest') {
    for (const { tp, offset } of entries(endingOffsets.specific)) {
      if (offset === EARLIEST) {
        throw new IllegalArgumentException(
          `ending offset for ${tpName(tp)} can't be earliest for batch queries on Kafka`,
        );
      }
    }
  }
  const general = validateGeneralOptions(options);
  return {
    ...general,
    startingOffsets,
    endingOffsets,
    // Spark only logs "maxOffsetsPerTrigger option ignored in batch queries".
    maxOffsetsPerTrigger: undefined,
    failOnDataLoss: scalaBoolean(options, 'failOnDataLoss', true),
    includeHeaders: scalaBoolean(options, 'includeHeaders', false),
  };
}

function maxOffsets(options: ProviderOptions): number | undefined {
  if (!hasOption(options, 'maxOffsetsPerTrigger')) return undefined;
  const n = longOption(options, 'maxOffsetsPerTrigger', 0);
  if (n <= 0) {
    throw new IllegalArgumentException(
      `Option 'maxOffsetsPerTrigger' must be a positive number, got ${n}`,
    );
  }
  return n;
}

/** ConsumerStrategy.toString, which Spark shows in the source description. */
export function strategyDescription(s: ConsumerStrategy): string {
  switch (s.kind) {
    case 'subscribe':
      return `Subscribe[${s.topics.join(', ')}]`;
    case 'subscribePattern':
      return `SubscribePattern[${s.pattern}]`;
    case 'assign':
      return `Assign[${s.partitions.map(tpName).join(', ')}]`;
  }
}
