/**
 * Reads the records between two KafkaSourceOffsets, the step a micro-batch and a batch read
 * share (KafkaOffsetReader.getOffsetRangesFromResolvedOffsets + the partition readers):
 * partitions new in `until` start at their earliest offset, partitions gone from it are
 * reported, and offsets Kafka no longer has are data loss (kafka-data-loss.ts).
 */
import type { ColumnBatch } from '../../../batch/column-batch';
import type { DataLossReporter } from './kafka-data-loss';
import type { KafkaOffsetReader } from './kafka-offset-reader';
import {
  entries,
  offsetOf,
  tpName,
  type PartitionOffsets,
  type TopicPartition,
} from './kafka-offsets';
import { kafkaBatch, type FetchedRange } from './kafka-rows';

interface Range {
  readonly tp: TopicPartition;
  from: number;
  readonly until: number;
}

export async function readKafkaRanges(
  reader: KafkaOffsetReader,
  from: PartitionOffsets,
  until: PartitionOffsets,
  loss: DataLossReporter,
  includeHeaders: boolean,
): Promise<ColumnBatch> {
  const ends = entries(until);
  const fresh = ends.filter((e) => offsetOf(from, e.tp) === undefined).map((e) => e.tp);
  const freshStart = await reader.listOffsets(fresh, 'earliest');
  for (const tp of fresh) {
    const o = freshStart.get(tpName(tp)) ?? 0;
    if (o !== 0)
      loss.report(
        'ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO',
        `Added partition ${tpName(tp)} starts from ${o} instead of 0.`,
      );
  }
  const deleted = entries(from)
    .filter((e) => offsetOf(until, e.tp) === undefined)
    .map((e) => tpName(e.tp));
  if (deleted.length > 0)
    loss.report('PARTITIONS_DELETED', `Partitions Set(${deleted.join(', ')}) have been deleted.`);

  const ranges: Range[] = [];
  for (const { tp, offset: end } of ends) {
    const start = offsetOf(from, tp) ?? freshStart.get(tpName(tp)) ?? 0;
    if (end < start) {
      loss.report(
        'PARTITION_OFFSET_CHANGED',
        `Partition ${tpName(tp)}'s offset was changed from ${start} to ${end}.`,
      );
      continue;
    }
    if (end > start) ranges.push({ tp, from: start, until: end });
  }
  // Records before a partition's log start offset are gone (retention, deleteRecords).
  const earliest = await reader.listOffsets(
    ranges.map((r) => r.tp),
    'earliest',
  );
  for (const r of ranges) {
    const first = earliest.get(tpName(r.tp)) ?? r.from;
    if (first > r.from) {
      loss.report(
        'COULD_NOT_READ_OFFSET_RANGE',
        couldNotRead(r.tp, r.from, Math.min(first, r.until)),
      );
      r.from = Math.min(first, r.until);
    }
  }
  const fetched: FetchedRange[] = await Promise.all(
    ranges.map(async (r) => {
      const got = await reader.fetchRange(r.tp, r.from, r.until);
      if (got.next < r.until)
        loss.report('COULD_NOT_READ_OFFSET_RANGE', couldNotRead(r.tp, got.next, r.until));
      return { tp: r.tp, records: got.records };
    }),
  );
  return kafkaBatch(fetched, includeHeaders);
}

function couldNotRead(tp: TopicPartition, from: number, until: number): string {
  // Tidemark reads by assignment, never in a consumer group; Spark names its generated group here.
  return `Could not read records in offset [${from}, ${until}) for topic partition ${tpName(tp)} with consumer group (none).`;
}
