/**
 * The two duration spellings streaming settings use:
 * - trigger intervals (`trigger(processingTime='3 seconds')`) are Spark interval strings,
 *   parsed as Trigger.ProcessingTime does (TriggerIntervalUtils.convert over
 *   CalendarInterval.fromCaseInsensitiveString: optional `interval` prefix, unit list,
 *   months/years rejected, negative rejected);
 * - time confs (`spark.sql.streaming.pollingDelay=10ms`) use JavaUtils.timeStringAs.
 */
import { IllegalArgumentException } from '../errors';
import { SparkIllegalArgumentException } from './stream-errors';

const UNIT_MICROS: Readonly<Record<string, number>> = {
  microsecond: 1,
  millisecond: 1_000,
  second: 1_000_000,
  minute: 60_000_000,
  hour: 3_600_000_000,
  day: 86_400_000_000,
  week: 7 * 86_400_000_000,
};

/** Milliseconds of a processing-time trigger interval. */
export function triggerIntervalMs(interval: string): number {
  const text = interval.trim();
  const body = text.toLowerCase().startsWith('interval')
    ? text.slice('interval'.length).trim()
    : text;
  const tokens = body.split(/\s+/).filter((t) => t.length > 0);
  if (tokens.length === 0 || tokens.length % 2 !== 0) throw invalidInterval(interval);
  let micros = 0;
  let months = 0;
  for (let i = 0; i < tokens.length; i += 2) {
    const value = Number(tokens[i]);
    const unit = tokens[i + 1].toLowerCase().replace(/s$/, '');
    if (!/^[+-]?\d+(\.\d+)?$/.test(tokens[i]) || !Number.isFinite(value))
      throw invalidInterval(interval);
    if (unit === 'month' || unit === 'year') {
      months += value * (unit === 'year' ? 12 : 1);
      continue;
    }
    const scale = UNIT_MICROS[unit];
    if (scale === undefined) throw invalidInterval(interval);
    if (!Number.isInteger(value) && unit !== 'second') throw invalidInterval(interval);
    micros += value * scale;
  }
  if (months !== 0)
    throw new IllegalArgumentException(`Doesn't support month or year interval: ${interval}`);
  if (micros < 0)
    throw new IllegalArgumentException(
      'requirement failed: the interval of trigger should not be negative',
    );
  return Math.floor(micros / 1000);
}

function invalidInterval(interval: string): SparkIllegalArgumentException {
  return new SparkIllegalArgumentException(
    'INVALID_INTERVAL_FORMAT.INVALID_UNIT',
    `Error parsing '${interval}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format.`,
    { messageParameters: { input: interval }, sqlState: '22006' },
  );
}

const CONF_UNIT_MS: Readonly<Record<string, number>> = {
  us: 0.001,
  ms: 1,
  s: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** JavaUtils.timeStringAsMs with a default unit of milliseconds ("10ms", "10s", "10"). */
export function confTimeMs(value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const m = /^\s*(-?\d+)\s*([a-z]+)?\s*$/i.exec(value);
  const unit = m?.[2]?.toLowerCase() ?? 'ms';
  const scale = CONF_UNIT_MS[unit];
  if (m === null || scale === undefined) {
    throw new IllegalArgumentException(
      `Invalid time string: ${value}. Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.`,
    );
  }
  return Number(m[1]) * scale;
}
