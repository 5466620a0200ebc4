/**
 * Turns a query's triggers into the series the dashboard plots: one value per trigger, null
 * where there is nothing to plot (the first batch has no rate, a trigger before any
 * watermark has no gap, a query without state has no state rows). Null is a gap on the
 * chart, never NaN and never a crash (ui-anchors.md (c) 14, SPARK-33607).
 */
import type { TriggerInfo } from '../../../engine/service/protocol';

/**
 * Triggers the dashboard keeps in the page: the newest ones (Spark's UI keeps 100,
 * spark.sql.streaming.ui.retainedProgressUpdates); the engine holds the whole history.
 */
export const DASHBOARD_TRIGGERS = 1000;

export function recentTriggers(
  triggers: readonly TriggerInfo[],
  max: number = DASHBOARD_TRIGGERS,
): readonly TriggerInfo[] {
  return triggers.length > max ? triggers.slice(-max) : triggers;
}

export function finiteOrNull(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/**
 * Trigger start minus the watermark, in seconds: how far event time must still move before
 * append mode emits (SPARK-33224 plots this gap rather than the watermark). As Spark's
 * StreamingQueryStatisticsPage, a watermark at the epoch (none set yet) is no point.
 */
export function watermarkGapSeconds(t: TriggerInfo): number | null {
  if (t.watermark === null) return null;
  const watermark = Date.parse(t.watermark);
  const start = Date.parse(t.timestamp);
  if (!Number.isFinite(watermark) || !Number.isFinite(start) || watermark <= 0) return null;
  return (start - watermark) / 1000;
}

/** Whether any trigger had a watermark (a query without withWatermark never has one). */
export function hasWatermark(triggers: readonly TriggerInfo[]): boolean {
  return triggers.some((t) => t.watermark !== null);
}

/** Whether the query has stateful operators (their sums are null otherwise). */
export function hasState(triggers: readonly TriggerInfo[]): boolean {
  return triggers.some((t) => t.detail !== undefined && t.detail.stateRowsTotal !== null);
}

/**
 * The parts of a trigger's duration, stacked in this order. Spark's "Operation Duration"
 * chart stacks durationMs without triggerExecution, the total (StreamingQueryStatisticsPage);
 * Tidemark also times commitOffsets.
 */
export const DURATION_PARTS = [
  'latestOffset',
  'getBatch',
  'queryPlanning',
  'walCommit',
  'addBatch',
  'commitOffsets',
] as const;

export interface DurationSplit {
  /** Per part in DURATION_PARTS order, one value per trigger. */
  readonly parts: Readonly<Record<string, readonly (number | null)[]>>;
  /** What the total has beyond the timed parts (listing files, progress), so the stack adds up. */
  readonly other: readonly (number | null)[];
  /** triggerExecution, else batchDuration. */
  readonly total: readonly (number | null)[];
}

export function durationSplit(triggers: readonly TriggerInfo[]): DurationSplit {
  const parts: Record<string, (number | null)[]> = {};
  for (const p of DURATION_PARTS) parts[p] = [];
  const other: (number | null)[] = [];
  const total: (number | null)[] = [];
  for (const t of triggers) {
    const d = t.detail?.durationMs;
    const sum = finiteOrNull(d?.triggerExecution) ?? finiteOrNull(t.batchDuration);
    total.push(sum);
    let timed = 0;
    for (const p of DURATION_PARTS) {
      const v = d === undefined ? null : finiteOrNull(d[p]);
      parts[p].push(v);
      timed += v ?? 0;
    }
    other.push(d === undefined || sum === null ? null : Math.max(0, sum - timed));
  }
  return { parts, other, total };
}
