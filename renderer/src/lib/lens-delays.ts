/**
 * The steps of the replay's delay slider: Spark duration strings from 0 seconds to 1 hour,
 * as withWatermark takes them (IntervalUtils.fromIntervalString: `<n> <unit>`), and where a
 * query's own delay falls on them.
 */
export const DELAY_STEPS: readonly string[] = [
  '0 seconds',
  '1 second',
  '2 seconds',
  '5 seconds',
  '10 seconds',
  '15 seconds',
  '30 seconds',
  '1 minute',
  '2 minutes',
  '5 minutes',
  '10 minutes',
  '15 minutes',
  '30 minutes',
  '1 hour',
];

const UNIT_MS: Readonly<Record<string, number>> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** A duration string in ms (`10 seconds`, `1 minute 30 seconds`, `interval 5 minutes`), or null. */
export function delayMs(delay: string): number | null {
  const words = delay
    .trim()
    .toLowerCase()
    .replace(/^interval\s+/, '')
    .split(/\s+/);
  if (words.length === 0 || words.length % 2 !== 0) return null;
  let total = 0;
  for (let i = 0; i < words.length; i += 2) {
    const n = Number(words[i]);
    const unit = UNIT_MS[words[i + 1].replace(/s$/, '')];
    if (!Number.isFinite(n) || unit === undefined) return null;
    total += n * unit;
  }
  return total;
}

/** The slider step closest to `delay` (the query's own delay starts the slider there). */
export function nearestStep(delay: string | null): number {
  const ms = delay === null ? null : delayMs(delay);
  if (ms === null) return DELAY_STEPS.indexOf('10 seconds');
  let best = 0;
  for (let i = 0; i < DELAY_STEPS.length; i++) {
    if (Math.abs(delayMs(DELAY_STEPS[i])! - ms) < Math.abs(delayMs(DELAY_STEPS[best])! - ms))
      best = i;
  }
  return best;
}

/** The slider's stops with the query's own delay among them when it is not one of the steps. */
export function delayStops(own: string | null): string[] {
  if (own === null || DELAY_STEPS.includes(own)) return [...DELAY_STEPS];
  const ms = delayMs(own);
  if (ms === null) return [...DELAY_STEPS];
  const stops = [...DELAY_STEPS, own];
  return stops.sort((a, b) => delayMs(a)! - delayMs(b)!);
}
