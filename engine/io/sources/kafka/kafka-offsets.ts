/**
 * Kafka offsets as Spark writes them (KafkaSourceOffset, JsonUtils.partitionOffsets):
 * `{"topic":{"0":23,"1":-1}}`, topic → partition → the next offset to read. In
 * startingOffsets/endingOffsets -2 means earliest and -1 latest (KafkaOffsetRangeLimit).
 * Topics and partitions are kept sorted so one set of offsets always has one JSON text: the
 * micro-batch loop compares offsets by their JSON.
 */
import { IllegalArgumentException } from '../../../errors';

/** A topic-partition, named as Kafka's TopicPartition.toString does: `topic-0`. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export const EARLIEST = -2;
export const LATEST = -1;

/** topic → partition → offset; the JSON form of KafkaSourceOffset. */
export type PartitionOffsets = Readonly<Record<string, Readonly<Record<string, number>>>>;

export function tpName(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** Every topic-partition with its offset, sorted by topic then partition. */
export function entries(offsets: PartitionOffsets): { tp: TopicPartition; offset: number }[] {
  const out: { tp: TopicPartition; offset: number }[] = [];
  for (const topic of Object.keys(offsets).sort()) {
    const parts = offsets[topic];
    for (const p of Object.keys(parts)
      .map(Number)
      .sort((a, b) => a - b)) {
      out.push({ tp: { topic, partition: p }, offset: parts[String(p)] });
    }
  }
  return out;
}

export function offsetOf(offsets: PartitionOffsets, tp: TopicPartition): number | undefined {
  return offsets[tp.topic]?.[String(tp.partition)];
}

/** Builds offsets from topic-partition entries, in the canonical (sorted) order. */
export function fromEntries(
  list: Iterable<{ readonly tp: TopicPartition; readonly offset: number }>,
): PartitionOffsets {
  const byTopic = new Map<string, Map<number, number>>();
  for (const { tp, offset } of list) {
    let parts = byTopic.get(tp.topic);
    if (parts === undefined) byTopic.set(tp.topic, (parts = new Map()));
    parts.set(tp.partition, offset);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const topic of [...byTopic.keys()].sort()) {
    const parts: Record<string, number> = {};
    // Integer-like keys iterate in ascending order in JS objects, so partitions sort themselves.
    for (const [p, o] of byTopic.get(topic) ?? []) parts[String(p)] = o;
    out[topic] = parts;
  }
  return out;
}

/** JsonUtils.partitionOffsets: a JSON object of objects of integers, Spark's error otherwise. */
export function parsePartitionOffsets(text: string): PartitionOffsets {
  const fail = (): IllegalArgumentException =>
    new IllegalArgumentException(
      `Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got ${text}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail();
  }
  if (!isObject(parsed)) throw fail();
  const list: { tp: TopicPartition; offset: number }[] = [];
  for (const [topic, parts] of Object.entries(parsed)) {
    if (!isObject(parts)) throw fail();
    for (const [p, o] of Object.entries(parts)) {
      if (!/^-?\d+$/.test(p) || typeof o !== 'number' || !Number.isSafeInteger(o)) throw fail();
      list.push({ tp: { topic, partition: Number(p) }, offset: o });
    }
  }
  return fromEntries(list);
}

/** JsonUtils.partitions (the `assign` option): `{"topicA":[0,1],"topicB":[2,4]}`. */
export function parseTopicPartitions(text: string): TopicPartition[] {
  const fail = (): IllegalArgumentException =>
    new IllegalArgumentException(`Expected e.g. {"topicA":[0,1],"topicB":[0,1]}, got ${text}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail();
  }
  if (!isObject(parsed)) throw fail();
  const out: TopicPartition[] = [];
  for (const [topic, parts] of Object.entries(parsed)) {
    if (!Array.isArray(parts)) throw fail();
    for (const p of parts) {
      if (typeof p !== 'number' || !Number.isInteger(p)) throw fail();
      out.push({ topic, partition: p });
    }
  }
  return out;
}

/** Reads an offset back from the offsets log (it was written by `fromEntries`). */
export function asPartitionOffsets(offset: unknown): PartitionOffsets {
  if (!isObject(offset)) {
    throw new IllegalArgumentException(
      `Not a Kafka source offset: ${JSON.stringify(offset)} (expected {"topic":{"0":23}})`,
    );
  }
  return parsePartitionOffsets(JSON.stringify(offset));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
