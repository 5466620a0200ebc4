/**
 * Progress numbers as the UI prints them. Spark leaves rates out when they are not finite
 * (the first batch has no previous trigger to divide by); those read "—", never NaN
 * (ui-anchors.md (c) 14). A watermark at the epoch is Spark's "no watermark yet".
 */

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n)
    ? '—'
    : Math.round(n).toLocaleString('en-US');
}

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return '—';
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);
}

export function formatDurationMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Spark's `2015-02-23T10:18:55.000Z` → `2015-02-23 10:18:55 UTC`; the epoch → "none yet". */
export function formatWatermark(watermark: string | null | undefined): string {
  if (watermark === null || watermark === undefined) return 'no watermark';
  if (Date.parse(watermark) === 0) return 'none yet';
  return formatProgressTime(watermark);
}

/** A progress timestamp (`yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`) → `yyyy-MM-dd HH:mm:ss UTC`. */
export function formatProgressTime(timestamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(timestamp);
  return m === null ? timestamp : `${m[1]} ${m[2]} UTC`;
}

/** Just the clock part (`10:18:55`), for timeline labels. */
export function formatClock(timestamp: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})/.exec(timestamp);
  return m === null ? timestamp : m[1];
}

/** `1.2 MB` (decimal units, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
