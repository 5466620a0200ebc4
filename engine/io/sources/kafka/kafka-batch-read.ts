/**
 * `spark.read.format("kafka")`: a batch read of the records between startingOffsets
 * (earliest by default) and endingOffsets (latest by default), resolved when the read runs,
 * as Spark's KafkaRelation.buildScan does. Same option checks as Spark's
 * validateBatchOptions (no latest start, no earliest end).
 */
import type { ColumnBatch } from '../../../batch/column-batch';
import type { StructType } from '../../../types/struct-type';
import { checkedGeneratorSchema } from '../generator-source-schemas';
import type { ProviderOptions } from '../provider-options';
import { kafkaClientConfig } from './kafka-client-config';
import { DataLossReporter } from './kafka-data-loss';
import { KafkaOffsetReader } from './kafka-offset-reader';
import {
  EARLIEST,
  entries,
  fromEntries,
  LATEST,
  tpName,
  type PartitionOffsets,
  type TopicPartition,
} from './kafka-offsets';
import { readKafkaRanges } from './kafka-range-read';
import { parseKafkaBatchOptions, type OffsetRangeLimit } from './kafka-source-options';

/** The batch table's schema, after Spark's option checks (KafkaSourceProvider.createRelation). */
export function kafkaBatchSchema(options: ProviderOptions, userSchema: unknown): StructType {
  parseKafkaBatchOptions(options);
  return checkedGeneratorSchema('kafka', options, userSchema);
}

/**
 * Offsets for every partition: earliest/latest resolved by ListOffsets; a JSON limit gives its
 * own offsets (-2/-1 resolved) and `unnamed` (EARLIEST or LATEST) to partitions it leaves out,
 * as KafkaOffsetReader.getOffsetRangesFromUnresolvedOffsets does for batch queries.
 */
async function resolveLimit(
  reader: KafkaOffsetReader,
  tps: readonly TopicPartition[],
  limit: OffsetRangeLimit,
  unnamed: number,
): Promise<PartitionOffsets> {
  const earliest = await reader.listOffsets(tps, 'earliest');
  const latest = await reader.listOffsets(tps, 'latest');
  const pick = (tp: TopicPartition, o: number): number =>
    o === EARLIEST
      ? (earliest.get(tpName(tp)) ?? 0)
      : o === LATEST
        ? (latest.get(tpName(tp)) ?? 0)
        : o;
  const named = new Map(
    limit === 'earliest' || limit === 'latest'
      ? []
      : entries(limit.specific).map((e) => [tpName(e.tp), e.offset] as const),
  );
  const byLimit = limit === 'earliest' ? EARLIEST : limit === 'latest' ? LATEST : unnamed;
  return fromEntries(tps.map((tp) => ({ tp, offset: pick(tp, named.get(tpName(tp)) ?? byLimit) })));
}

export async function readKafkaBatch(options: ProviderOptions): Promise<ColumnBatch> {
  const o = parseKafkaBatchOptions(options);
  const reader = new KafkaOffsetReader(kafkaClientConfig(o.kafkaParams));
  try {
    const tps = await reader.partitions(o.strategy);
    const start = await resolveLimit(reader, tps, o.startingOffsets, EARLIEST);
    const end = await resolveLimit(reader, tps, o.endingOffsets, LATEST);
    return await readKafkaRanges(
      reader,
      start,
      end,
      new DataLossReporter(o.failOnDataLoss),
      o.includeHeaders,
    );
  } finally {
    await reader.close();
  }
}
