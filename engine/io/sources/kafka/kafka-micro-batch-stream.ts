/**
 * The `kafka` streaming source (Spark's KafkaMicroBatchStream). Offsets are KafkaSourceOffset
 * JSON, `{"topic":{"0":23}}`: per partition, the next offset to read. A batch between two
 * offsets reads exactly the records in [start, end) of every partition, so a batch re-run
 * after a crash reads the same records again and the offsets log alone decides what a
 * restart reads: nothing lost, nothing read twice.
 *
 * - The starting offsets (`startingOffsets`: latest by default, earliest, or JSON with -2/-1)
 *   are resolved once, when the query first runs, and kept under the checkpoint in Spark's
 *   own file (`sources/<i>/0`, KafkaSourceInitialOffsetWriter), so a restart does not move
 *   them to a new "latest".
 * - Partitions that appear later (a new topic matching subscribePattern, partitions added to a
 *   topic) are read from their earliest offset.
 * - `maxOffsetsPerTrigger` caps the records of a batch (kafka-offset-range.ts); Trigger.Once
 *   reads everything and Trigger.AvailableNow stops at the offsets present when it started.
 * - Offsets that vanished (retention, deleteRecords, a deleted topic) fail the query unless
 *   `failOnDataLoss` is false (kafka-data-loss.ts).
 *
 * Cost per batch: one Metadata and one or two ListOffsets requests, then Fetch requests for
 * the ranges; rows are built column by column (kafka-rows.ts).
 */
import { IllegalArgumentException } from '../../../errors';
import type { Offset, Source, SourceBatch } from '../../source';
import type { ProviderOptions } from '../provider-options';
import { SourceStateFile } from '../source-state-file';
import { kafkaClientConfig } from './kafka-client-config';
import { DataLossReporter } from './kafka-data-loss';
import { KafkaOffsetReader } from './kafka-offset-reader';
import { rateLimitedEnds } from './kafka-offset-range';
import {
  asPartitionOffsets,
  EARLIEST,
  entries,
  fromEntries,
  LATEST,
  offsetOf,
  tpName,
  type PartitionOffsets,
  type TopicPartition,
} from './kafka-offsets';
import { readKafkaRanges } from './kafka-range-read';
import { kafkaSchema } from './kafka-schema';
import {
  parseKafkaStreamOptions,
  strategyDescription,
  type KafkaSourceOptions,
} from './kafka-source-options';

export interface KafkaSourceConfig {
  readonly options: ProviderOptions;
  /** `<checkpoint>/sources/<i>`: where the initial offsets are kept. */
  readonly metadataPath?: string;
}

/** Spark writes a zero byte first, for Spark 2.1.0's reader (SPARK-19517), then "v1\n" + JSON. */
function serializeInitial(offsets: PartitionOffsets): string {
  return `\u0000v1\n${JSON.stringify(offsets)}`;
}

function deserializeInitial(text: string): PartitionOffsets {
  const body = text.startsWith('\u0000') ? text.slice(1) : text;
  const newline = body.indexOf('\n');
  if (!body.startsWith('v') || newline < 0) {
    throw new IllegalArgumentException(
      `The Kafka source's initial offsets file is malformed (expected "v1" and a JSON line): ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  return asPartitionOffsets(JSON.parse(body.slice(newline + 1)));
}

export class KafkaMicroBatchStream implements Source {
  readonly schema;
  readonly description: string;
  private readonly o: KafkaSourceOptions;
  private readonly reader: KafkaOffsetReader;
  private readonly initialFile: SourceStateFile | undefined;
  private readonly lastEndFile: SourceStateFile | undefined;
  private initial: PartitionOffsets | undefined;
  /** The end of the last batch read; where the next batch's rate limit counts from. */
  private lastEnd: PartitionOffsets | undefined;
  private availableNowEnd: Map<string, number> | undefined;

  constructor(config: KafkaSourceConfig) {
    this.o = parseKafkaStreamOptions(config.options);
    this.schema = kafkaSchema(this.o.includeHeaders);
    this.description = `KafkaV2[${strategyDescription(this.o.strategy)}]`;
    this.reader = new KafkaOffsetReader(kafkaClientConfig(this.o.kafkaParams));
    if (config.metadataPath !== undefined) {
      this.initialFile = new SourceStateFile(config.metadataPath, '0');
      this.lastEndFile = new SourceStateFile(config.metadataPath, 'last-batch-end');
      const stored = this.lastEndFile.read();
      if (stored !== undefined) this.lastEnd = asPartitionOffsets(JSON.parse(stored));
    }
  }

  /** maxOffsetsPerTrigger when set (Spark's getDefaultReadLimit); Trigger.Once passes 'all'. */
  get defaultReadLimit(): number | 'all' {
    return this.o.maxOffsetsPerTrigger ?? 'all';
  }

  /** getOrCreateInitialPartitionOffsets. */
  private async initialOffsets(): Promise<PartitionOffsets> {
    if (this.initial !== undefined) return this.initial;
    const stored = this.initialFile?.read();
    if (stored !== undefined) return (this.initial = deserializeInitial(stored));
    const tps = await this.reader.partitions(this.o.strategy);
    const start = this.o.startingOffsets;
    let resolved: PartitionOffsets;
    if (start === 'earliest' || start === 'latest') {
      const got = await this.reader.listOffsets(tps, start);
      resolved = fromEntries(tps.map((tp) => ({ tp, offset: got.get(tpName(tp)) ?? 0 })));
    } else {
      resolved = await this.specificOffsets(tps, start.specific);
    }
    this.initialFile?.write(serializeInitial(resolved));
    return (this.initial = resolved);
  }

  /** KafkaOffsetReaderAdmin.fetchSpecificOffsets: every assigned partition named; -2/-1 resolved. */
  private async specificOffsets(
    tps: readonly TopicPartition[],
    given: PartitionOffsets,
  ): Promise<PartitionOffsets> {
    const assigned = new Set(tps.map(tpName));
    const specified = new Set(entries(given).map((e) => tpName(e.tp)));
    if (assigned.size !== specified.size || [...assigned].some((t) => !specified.has(t))) {
      throw new IllegalArgumentException(
        'assertion failed: If startingOffsets contains specific offsets, you must specify all TopicPartitions.\n' +
          'Use -1 for latest, -2 for earliest.\n' +
          `Specified: Set(${[...specified].join(', ')}) Assigned: Set(${[...assigned].join(', ')})`,
      );
    }
    const earliest = await this.reader.listOffsets(tps, 'earliest');
    const latest = await this.reader.listOffsets(tps, 'latest');
    return fromEntries(
      entries(given).map(({ tp, offset }) => ({
        tp,
        offset:
          offset === EARLIEST
            ? (earliest.get(tpName(tp)) ?? 0)
            : offset === LATEST
              ? (latest.get(tpName(tp)) ?? 0)
              : offset,
      })),
    );
  }

  async prepareForAvailableNow(): Promise<void> {
    await this.initialOffsets();
    const tps = await this.reader.partitions(this.o.strategy);
    this.availableNowEnd = await this.reader.listOffsets(tps, 'latest');
  }

  async latestOffset(limit: number | 'all' = this.defaultReadLimit): Promise<Offset | null> {
    const initial = await this.initialOffsets();
    const start = this.lastEnd ?? initial;
    const tps = await this.reader.partitions(this.o.strategy);
    const latest = this.availableNowEnd ?? (await this.reader.listOffsets(tps, 'latest'));
    const known = tps.filter((tp) => latest.has(tpName(tp)));
    const fresh = known.filter((tp) => offsetOf(start, tp) === undefined);
    const earliestOfFresh = await this.reader.listOffsets(fresh, 'earliest');
    const bounds = known.map((tp) => {
      const until = latest.get(tpName(tp)) ?? 0;
      const from = offsetOf(start, tp) ?? earliestOfFresh.get(tpName(tp)) ?? 0;
      return { tp, from: Math.min(from, until), until };
    });
    const ends = rateLimitedEnds(bounds, limit === 'all' ? undefined : limit);
    const end = fromEntries(known.map((tp) => ({ tp, offset: ends.get(tpName(tp)) ?? 0 })));
    // Until a first batch has run, offsets equal to the initial ones mean "no data yet": Spark
    // starts its first batch from the initial offsets and runs it only once they move.
    if (this.lastEnd === undefined && JSON.stringify(end) === JSON.stringify(initial)) return null;
    return end;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<SourceBatch> {
    const from = start === null ? await this.initialOffsets() : asPartitionOffsets(start);
    const until = asPartitionOffsets(end);
    const loss = new DataLossReporter(this.o.failOnDataLoss);
    const batch = await readKafkaRanges(this.reader, from, until, loss, this.o.includeHeaders);
    this.lastEnd = until;
    this.lastEndFile?.write(JSON.stringify(until));
    return { batch, warnings: loss.warnings };
  }

  /** Kafka keeps the records; nothing to forget (KafkaMicroBatchStream.commit is a no-op). */
  async commit(): Promise<void> {}

  async stop(): Promise<void> {
    await this.reader.close();
  }
}
