/**
 * The `kafka` source in the source setup: where the brokers are, which topics to read
 * (exactly one of subscribe, subscribePattern, assign — Spark refuses none or several),
 * where a new query starts, and how many offsets a micro-batch takes at most. Names, defaults
 * and meanings are Spark's (Structured Streaming + Kafka Integration Guide); the engine
 * checks the values and reports Spark's errors.
 */
import {
  generatorFormat,
  switchFormat,
  type GeneratorField,
  type GeneratorFormatInfo,
} from './generator-source-fields';
import { optionValue, withOptionText, withoutOption } from './draft-reader-options';

export const KAFKA_FORMAT = 'kafka';

export type KafkaStrategy = 'subscribe' | 'subscribePattern' | 'assign';

export interface KafkaStrategyInfo {
  readonly key: KafkaStrategy;
  readonly label: string;
  readonly placeholder: string;
  readonly description: string;
}

export const KAFKA_STRATEGIES: readonly KafkaStrategyInfo[] = [
  {
    key: 'subscribe',
    label: 'Topics',
    placeholder: 'events, alerts',
    description: 'A comma-separated list of topics.',
  },
  {
    key: 'subscribePattern',
    label: 'Topic pattern',
    placeholder: 'iot-.*',
    description: 'A Java regex; topics created later that match are read from their start.',
  },
  {
    key: 'assign',
    label: 'Partitions',
    placeholder: '{"events":[0,1]}',
    description: 'JSON: the partitions of each topic to read.',
  },
];

export const KAFKA_FIELDS: readonly GeneratorField[] = [
  {
    key: 'kafka.bootstrap.servers',
    label: 'Bootstrap servers',
    placeholder: 'required',
    description: 'host:port of one or more brokers, comma-separated.',
  },
  {
    key: 'startingOffsets',
    label: 'Starting offsets',
    placeholder: 'latest',
    description:
      'earliest, latest, or JSON such as {"events":{"0":23,"1":-2}} (-2 earliest, -1 latest). Only for a new query: a restart goes on from its checkpoint.',
  },
  {
    key: 'maxOffsetsPerTrigger',
    label: 'Max offsets per trigger',
    placeholder: 'no limit',
    description: 'At most this many records per micro-batch, shared across partitions.',
  },
  {
    key: 'failOnDataLoss',
    label: 'Fail on data loss',
    placeholder: 'true',
    description:
      'false: records Kafka deleted before they were read become a warning, not an error.',
  },
  {
    key: 'includeHeaders',
    label: 'Include headers',
    placeholder: 'false',
    description: 'true adds a `headers` column.',
  },
];

const KAFKA_DDL =
  'key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, timestamp TIMESTAMP, timestampType INT';

export const KAFKA_SOURCE: GeneratorFormatInfo = {
  format: KAFKA_FORMAT,
  summary:
    'Records from Apache Kafka topics, with key and value as bytes (binary). Offsets are kept in the checkpoint, so a restarted query reads every record once.',
  fields: KAFKA_FIELDS,
  defaults: { 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 'events' },
  schema: (options) =>
    optionValue(options, 'includeHeaders')?.toLowerCase() === 'true'
      ? `${KAFKA_DDL}, headers ARRAY<STRUCT<key: STRING, value: BINARY>>`
      : KAFKA_DDL,
};

export function isKafkaFormat(format: string): boolean {
  return format.toLowerCase() === KAFKA_FORMAT;
}

/** The kafka source's info for `format`, for the places that treat it like a generator source. */
export function kafkaSource(format: string): GeneratorFormatInfo | undefined {
  return isKafkaFormat(format) ? KAFKA_SOURCE : undefined;
}

/**
 * Sources that read no folder (rate, rate-micro-batch, socket, kafka): previewed from their
 * options alone, where a file source without a folder has nothing to preview yet.
 */
export function readsNoFolder(format: string): boolean {
  return generatorFormat(format) !== undefined || isKafkaFormat(format);
}

/** Which of subscribe / subscribePattern / assign the options use (the first set), and its value. */
export function strategyOf(options: Readonly<Record<string, string>>): {
  strategy: KafkaStrategy;
  value: string;
} {
  for (const s of KAFKA_STRATEGIES) {
    const v = optionValue(options, s.key);
    if (v !== undefined) return { strategy: s.key, value: v };
  }
  return { strategy: 'subscribe', value: '' };
}

/** The options with `strategy` set to `value` and the other two removed (Spark takes exactly one). */
export function withStrategy(
  options: Readonly<Record<string, string>>,
  strategy: KafkaStrategy,
  value: string,
): Record<string, string> {
  const others = KAFKA_STRATEGIES.reduce((o, s) => withoutOption(o, s.key), options);
  return withOptionText(others, strategy, value);
}

/**
 * switchFormat, knowing kafka: picking kafka clears the folder and schema (Kafka's schema is
 * fixed) and starts from its defaults; leaving kafka drops its options.
 */
export function switchSourceFormat<
  S extends {
    path: string;
    format: string;
    schema: unknown;
    options: Readonly<Record<string, string>>;
  },
>(setup: S, format: string): S {
  if (isKafkaFormat(format))
    return {
      ...setup,
      format: KAFKA_FORMAT,
      path: '',
      schema: null,
      options: { ...KAFKA_SOURCE.defaults },
    };
  if (isKafkaFormat(setup.format)) return switchFormat({ ...setup, options: {} }, format);
  return switchFormat(setup, format);
}
