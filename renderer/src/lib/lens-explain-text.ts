/**
 * The words of "explain a dropped row": a fate's name and how far a row missed. Spark drops
 * a row when its window's end (or, without windows, its event time) is at or below the
 * watermark for late events (WatermarkSupport's inclusive test), so "missed by 0 s" is a
 * real outcome: the window closed exactly at the watermark.
 */
import type { LateRowExplanation } from '../../../engine/service/protocol';

export function fateLabel(fate: number): string {
  return fate === 0
    ? 'on time'
    : fate === 1
      ? 'late, but counted'
      : fate === 2
        ? 'dropped by the watermark'
        : 'no event time';
}

/** A duration in µs as Spark would write it (`1 minute 5 seconds`, `250 milliseconds`). */
export function durationText(us: number): string {
  let ms = Math.round(Math.abs(us) / 1000);
  if (ms === 0) return '0 seconds';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
    ['millisecond', 1],
  ] as const) {
    const n = Math.floor(ms / size);
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    ms -= n * size;
  }
  return parts.join(' ');
}

export function describeMiss(e: LateRowExplanation): string {
  const judged = e.windowEndUs !== null ? 'its window ended' : 'its event time was';
  if (e.fate !== 2 || e.missedByUs === null) return `Kept: ${judged} after the watermark.`;
  return e.missedByUs === 0
    ? `Dropped: ${judged} exactly at the watermark (Spark drops at or below it).`
    : `Dropped: ${judged} ${durationText(e.missedByUs)} before the watermark.`;
}
