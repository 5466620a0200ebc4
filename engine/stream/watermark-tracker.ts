/**
 * The query's event-time watermark, as Spark's WatermarkTracker: after each batch every
 * watermark node that saw rows proposes `max event time − delay` (in ms, event times
 * floor-divided from µs as DateTimeUtils.microsToMillis does); each node's value only moves
 * forward; a node that has never seen rows counts as 0; the global watermark is the min (or,
 * with spark.sql.streaming.multipleWatermarkPolicy=max, the max) of the nodes and also only
 * moves forward. Batch N runs with the value computed at the end of batch N−1.
 */
import { IllegalArgumentException } from '../errors';
import type { EventTimeStats } from '../exec/physical-plan';

export type MultipleWatermarkPolicy = 'min' | 'max';

export function parseWatermarkPolicy(value: string | undefined): MultipleWatermarkPolicy {
  const v = (value ?? 'min').toLowerCase();
  if (v === 'min' || v === 'max') return v;
  throw new IllegalArgumentException(
    `spark.sql.streaming.multipleWatermarkPolicy should be one of min, max, but was ${value}. Valid values are 'min' and 'max'`,
  );
}

export class WatermarkTracker {
  private readonly perNode = new Map<number, number>();
  private globalMs = 0;

  constructor(private readonly policy: MultipleWatermarkPolicy = 'min') {}

  get currentWatermarkMs(): number {
    return this.globalMs;
  }

  /** Seeds the value from the logs on restart (setWatermark). */
  setWatermarkMs(ms: number): void {
    this.globalMs = ms;
  }

  updateWatermark(stats: readonly EventTimeStats[]): void {
    if (stats.length === 0) return;
    for (const s of stats) {
      if (s.count > 0) {
        const candidate = Math.floor(s.max / 1000) - Math.floor(s.delayUs / 1000);
        const prev = this.perNode.get(s.nodeIndex);
        if (prev === undefined || candidate > prev) this.perNode.set(s.nodeIndex, candidate);
      } else if (!this.perNode.has(s.nodeIndex)) {
        this.perNode.set(s.nodeIndex, 0);
      }
    }
    const values = [...this.perNode.values()];
    const chosen = this.policy === 'min' ? Math.min(...values) : Math.max(...values);
    if (chosen > this.globalMs) this.globalMs = chosen;
  }
}
