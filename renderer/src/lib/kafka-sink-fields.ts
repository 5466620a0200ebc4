/**
 * The kafka sink's fields in the sink picker: `kafka.bootstrap.servers`, and the topic either
 * as the `topic` option or from each row's `topic` column (Spark's KafkaWriter takes the
 * option first when both are there). Whether the draft's output can be written to Kafka at
 * all is the engine's answer (DraftAnalysis.sinks, judged by kafka-sink-options.ts).
 */
import type { SinkSpec } from '../../../engine/plan/logical-plan';
import { optionValue, withOption, withoutOption } from './draft-reader-options';

export const KAFKA_SINK = 'kafka';
export const KAFKA_SERVERS_OPTION = 'kafka.bootstrap.servers';
export const KAFKA_TOPIC_OPTION = 'topic';

export type KafkaTopicSource = 'option' | 'column';

/** Shown beside the fields: what Spark's Kafka sink promises and what it needs. */
export const KAFKA_SINK_NOTE =
  "Spark's Kafka sink is at-least-once: a batch re-run after a failure is written again, so " +
  'readers may see a record twice. The output needs a `value` column (string or binary); ' +
  '`key`, `topic`, `partition` and `headers` columns are used when present.';

/** Where the records' topic comes from: the `topic` option when set (even empty), else the column. */
export function kafkaTopicSource(options: Readonly<Record<string, string>>): KafkaTopicSource {
  return optionValue(options, KAFKA_TOPIC_OPTION) === undefined ? 'column' : 'option';
}

/** The options with the topic taken from `source`: the option kept (or started empty), or dropped. */
export function withKafkaTopicSource(
  options: Readonly<Record<string, string>>,
  source: KafkaTopicSource,
): Record<string, string> {
  if (source === 'column') return withoutOption(options, KAFKA_TOPIC_OPTION);
  return withOption(options, KAFKA_TOPIC_OPTION, optionValue(options, KAFKA_TOPIC_OPTION) ?? '');
}

/** The options with the topic typed in (kept when emptied, so the field stays an option). */
export function withKafkaTopic(
  options: Readonly<Record<string, string>>,
  topic: string,
): Record<string, string> {
  return withOption(options, KAFKA_TOPIC_OPTION, topic);
}

/** The options with the servers typed in; emptied, the option goes (the producer's error then says so). */
export function withKafkaServers(
  options: Readonly<Record<string, string>>,
  servers: string,
): Record<string, string> {
  const rest = withoutOption(options, KAFKA_SERVERS_OPTION);
  return servers.trim() === '' ? rest : { ...rest, [KAFKA_SERVERS_OPTION]: servers };
}

function isKafkaOption(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('kafka.') || k === KAFKA_TOPIC_OPTION;
}

/**
 * The sink with another format. Kafka's settings do not carry over to other sinks, nor a file
 * sink's `path` to Kafka: the spec (and its PySpark export) only holds what the sink reads.
 */
export function switchSinkFormat(sink: SinkSpec, format: string): SinkSpec {
  const from = sink.format.toLowerCase();
  const to = format.toLowerCase();
  if (from === to) return { ...sink, format };
  let options: Record<string, string> = { ...sink.options };
  if (from === KAFKA_SINK)
    options = Object.fromEntries(Object.entries(options).filter(([k]) => !isKafkaOption(k)));
  if (to === KAFKA_SINK) options = withoutOption(options, 'path');
  return { ...sink, format, options };
}
