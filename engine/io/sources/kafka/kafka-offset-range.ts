/**
 * Where a micro-batch ends (KafkaMicroBatchStream.latestOffset + rateLimit): the latest
 * offsets, or, with maxOffsetsPerTrigger, a share of the limit per partition proportional to
 * how far behind the partition is — a partition with less than one offset's share still gets
 * one (ceil), others get the floor, never beyond the latest offset.
 */
import { tpName, type TopicPartition } from './kafka-offsets';

export interface PartitionBounds {
  readonly tp: TopicPartition;
  /** Where the next batch starts for this partition. */
  readonly from: number;
  /** The latest offset available now. */
  readonly until: number;
}

export function rateLimitedEnds(
  bounds: readonly PartitionBounds[],
  limit: number | undefined,
): Map<string, number> {
  const out = new Map<string, number>();
  const behind = bounds.map((b) => Math.max(0, b.until - b.from));
  const total = behind.reduce((a, b) => a + b, 0);
  bounds.forEach((b, i) => {
    if (limit === undefined || total <= limit || behind[i] === 0) {
      out.set(tpName(b.tp), b.until);
      return;
    }
    const prorate = limit * (behind[i] / total);
    const step = prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate);
    out.set(tpName(b.tp), Math.min(b.from + step, b.until));
  });
  return out;
}
