/**
 * Durations of window() and session_window(), as TimeWindow.getIntervalInMicroSeconds reads
 * them through IntervalUtils.fromIntervalString: a unit list ("10 minutes", "1 day 2 hours",
 * "500 milliseconds", optionally prefixed with "interval"), in microseconds, with a day
 * counted as 24 h. Months and years are refused with _LEGACY_ERROR_TEMP_3231, since a
 * window cannot have a calendar-dependent length; an integer literal is already µs (SQL form).
 */
import { AnalysisException } from '../errors';

const US: Readonly<Record<string, number>> = {
  microsecond: 1,
  millisecond: 1_000,
  second: 1_000_000,
  minute: 60_000_000,
  hour: 3_600_000_000,
  day: 86_400_000_000,
  week: 7 * 86_400_000_000,
};

const UNIT = /^(year|month|week|day|hour|minute|second|millisecond|microsecond)s?$/i;

/** Microseconds of an interval string; null when the text is not an interval at all. */
export function intervalStringToUs(text: string): { us: number; months: number } | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length > 0 && words[0].toLowerCase() === 'interval') words.shift();
  if (words.length === 0 || words.length % 2 !== 0) return null;
  let us = 0;
  let months = 0;
  for (let i = 0; i < words.length; i += 2) {
    const unit = UNIT.exec(words[i + 1])?.[1].toLowerCase();
    const value = words[i];
    if (unit === undefined || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
    const n = Number(value);
    if (!Number.isInteger(n) && unit !== 'second') return null;
    if (unit === 'year') months += 12 * n;
    else if (unit === 'month') months += n;
    else us += Math.round(n * US[unit]);
  }
  return { us, months };
}

/** window()/session_window() duration argument → µs (strings or integer µs). */
export function windowDurationUs(value: unknown, argName: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value !== 'string') {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
      `The ${argName} of window() must be an interval string such as "10 minutes", got ${JSON.stringify(value)}.`,
      { messageParameters: { inputName: argName }, sqlState: '42K09' },
    );
  }
  const parsed = intervalStringToUs(value);
  if (parsed === null) {
    throw new AnalysisException(
      'CANNOT_PARSE_INTERVAL',
      `Unable to parse '${value}'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.`,
      { messageParameters: { intervalString: `'${value}'` }, sqlState: '22006' },
    );
  }
  if (parsed.months !== 0) {
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_3231',
      `Intervals greater than a month is not supported (${value}).`,
      { messageParameters: { interval: value } },
    );
  }
  return parsed.us;
}
