/**
 * Reads partition metadata, earliest/latest offsets and bounded offset ranges from the
 * brokers, without a consumer group (Spark's KafkaOffsetReaderAdmin + KafkaDataConsumer use
 * `assign`, never a group subscription, so reading leaves nothing behind on the brokers).
 *
 * kafkajs only offers group consumers publicly, so this speaks to its Cluster (the object its
 * admin, producer and consumer share) for Metadata, ListOffsets and Fetch requests. The
 * library is pinned to an exact version (2.2.4, no longer developed), so the internal shape
 * cannot move under us; `internalCluster` fails with a clear message if it ever does.
 */
import type { Kafka, KafkaConfig } from 'kafkajs';
import { kafkajs } from './kafkajs-module';
import { SparkRuntimeException } from '../../../errors';
import type { TopicPartition } from './kafka-offsets';
import type { ConsumerStrategy } from './kafka-source-options';

/** One record as fetched: key/value as bytes (null when absent), offsets and times as numbers. */
export interface FetchedRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly offset: number;
  readonly timestampMs: number;
  /** 0 CreateTime, 1 LogAppendTime (Kafka's TimestampType.id). */
  readonly timestampType: number;
  readonly headers: readonly { readonly key: string; readonly value: Uint8Array | null }[];
}

interface RawMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | null | undefined>;
  isControlRecord?: boolean;
  batchContext?: { timestampType?: number };
}

interface RawFetchPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  messages: RawMessage[];
}

interface InternalBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: {
      topic: string;
      partitions: { partition: number; fetchOffset: string; maxBytes: number }[];
    }[];
  }): Promise<{ responses: { topicName: string; partitions: RawFetchPartition[] }[] }>;
}

interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  metadata(request?: { topics?: string[] }): Promise<{
    topicMetadata: {
      topic: string;
      isInternal?: boolean;
      partitionMetadata: { partitionId: number; leader: number }[];
    }[];
  }>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(request: { nodeId: string }): Promise<InternalBroker>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** The Cluster kafkajs builds for its own clients (Kafka's private createCluster). */
function internalCluster(kafka: Kafka): InternalCluster {
  const key = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  const create = key === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[key];
  if (typeof create !== 'function') {
    throw new Error(
      'kafkajs no longer exposes its cluster factory: Tidemark needs kafkajs 2.2.4 exactly (see package.json)',
    );
  }
  // READ_UNCOMMITTED (0), the Java consumer's default isolation.level, which Spark keeps.
  return (create as (o: object) => InternalCluster)({
    allowAutoTopicCreation: false,
    isolationLevel: 0,
    metadataMaxAge: 300000,
  });
}

/** Kafka's max.partition.fetch.bytes default: one fetch returns at most this per partition. */
const PARTITION_FETCH_BYTES = 1048576;

export class KafkaOffsetReader {
  private client: InternalCluster | null = null;
  private connected: Promise<void> | null = null;

  constructor(private readonly config: KafkaConfig) {}

  /** The cluster, once `ready()` made it (kafkajs is loaded then, not with the engine). */
  private get cluster(): InternalCluster {
    if (this.client === null) throw new Error('KafkaOffsetReader used before ready()');
    return this.client;
  }

  private async ready(): Promise<void> {
    this.connected ??= (async () => {
      const { Kafka } = await kafkajs();
      this.client ??= internalCluster(new Kafka(this.config));
      await this.client.connect();
    })().catch((e: unknown) => {
      this.connected = null;
      throw e;
    });
    await this.connected;
  }

  /** The partitions the strategy selects now (ConsumerStrategy.assignedTopicPartitions). */
  async partitions(strategy: ConsumerStrategy): Promise<TopicPartition[]> {
    if (strategy.kind === 'assign') return [...strategy.partitions];
    await this.ready();
    const { topicMetadata } = await this.cluster.metadata();
    const regex =
      strategy.kind === 'subscribePattern' ? new RegExp(`^(?:${strategy.pattern})$`) : null;
    const wanted = (topic: string): boolean =>
      regex === null
        ? (strategy as { topics: readonly string[] }).topics.includes(topic)
        : regex.test(topic);
    const out: TopicPartition[] = [];
    for (const t of topicMetadata) {
      // The consumer's exclude.internal.topics (default true): a pattern never matches __consumer_offsets.
      if (t.isInternal === true || !wanted(t.topic)) continue;
      for (const p of t.partitionMetadata) out.push({ topic: t.topic, partition: p.partitionId });
    }
    return out.sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
  }

  /** ListOffsets with EARLIEST_TIMESTAMP (-2) or LATEST_TIMESTAMP (-1): tp name → offset. */
  async listOffsets(
    tps: readonly TopicPartition[],
    which: 'earliest' | 'latest',
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (tps.length === 0) return out;
    await this.ready();
    const topics = [...new Set(tps.map((t) => t.topic))];
    await this.cluster.addMultipleTargetTopics(topics);
    await this.cluster.refreshMetadata();
    const result = await this.cluster.fetchTopicsOffset(
      topics.map((topic) => ({
        topic,
        fromBeginning: which === 'earliest',
        partitions: tps.filter((t) => t.topic === topic).map((t) => ({ partition: t.partition })),
      })),
    );
    for (const t of result) {
      for (const p of t.partitions) out.set(`${t.topic}-${p.partition}`, Number(p.offset));
    }
    return out;
  }

  /**
   * The records of `tp` with offsets in [from, until), in offset order, and the offset after
   * the last one read (control records of transactions count as read). Stops early, with
   * `next` < until, when the broker has nothing at or after `next` (records deleted).
   */
  async fetchRange(
    tp: TopicPartition,
    from: number,
    until: number,
  ): Promise<{ records: FetchedRecord[]; next: number }> {
    const out: FetchedRecord[] = [];
    if (from >= until) return { records: out, next: from };
    await this.ready();
    await this.cluster.addMultipleTargetTopics([tp.topic]);
    let next = from;
    while (next < until) {
      const broker = await this.leaderOf(tp);
      const response = await broker.fetch({
        replicaId: -1,
        isolationLevel: 0,
        maxWaitTime: 200,
        minBytes: 1,
        maxBytes: 16 * PARTITION_FETCH_BYTES,
        topics: [
          {
            topic: tp.topic,
            partitions: [
              {
                partition: tp.partition,
                fetchOffset: String(next),
                maxBytes: PARTITION_FETCH_BYTES,
              },
            ],
          },
        ],
      });
      const part = response.responses
        .find((r) => r.topicName === tp.topic)
        ?.partitions.find((p) => p.partition === tp.partition);
      let advanced = false;
      for (const m of part?.messages ?? []) {
        const offset = Number(m.offset);
        // A fetch returns whole record batches, so the first batch may start before `next`.
        if (offset < next || offset >= until) continue;
        advanced = true;
        next = offset + 1;
        if (m.isControlRecord === true) continue;
        out.push(toRecord(m, offset));
      }
      if (!advanced) break;
    }
    return { records: out, next };
  }

  private async leaderOf(tp: TopicPartition): Promise<InternalBroker> {
    let leaders = this.cluster.findLeaderForPartitions(tp.topic, [tp.partition]);
    if (Object.keys(leaders).length === 0) {
      await this.cluster.refreshMetadata();
      leaders = this.cluster.findLeaderForPartitions(tp.topic, [tp.partition]);
    }
    const nodeId = Object.keys(leaders)[0];
    if (nodeId === undefined) {
      throw new SparkRuntimeException(
        'KAFKA_PARTITION_NOT_FOUND',
        `Topic partition ${tp.topic}-${tp.partition} has no leader in the cluster's metadata (was it deleted?)`,
      );
    }
    return this.cluster.findBroker({ nodeId });
  }

  async close(): Promise<void> {
    if (this.connected === null) return;
    const connecting = this.connected;
    this.connected = null;
    await connecting.catch(() => undefined);
    await this.client?.disconnect();
  }
}

function bytes(b: Buffer | null | undefined): Uint8Array | null {
  return b === null || b === undefined
    ? null
    : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function toRecord(m: RawMessage, offset: number): FetchedRecord {
  const headers: { key: string; value: Uint8Array | null }[] = [];
  // kafkajs groups repeated header keys into arrays; they come back in that grouped order.
  for (const [key, v] of Object.entries(m.headers)) {
    if (Array.isArray(v)) for (const one of v) headers.push({ key, value: bytes(one) });
    else headers.push({ key, value: bytes(v) });
  }
  return {
    key: bytes(m.key),
    value: bytes(m.value),
    offset,
    timestampMs: Number(m.timestamp),
    timestampType: m.batchContext?.timestampType ?? 0,
    headers,
  };
}
