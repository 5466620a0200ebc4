/**
 * withWatermark's delay threshold → microseconds, as EventTimeWatermark.getDelayMs reads
 * IntervalUtils.fromIntervalString: a unit list ("10 minutes", "1 day 2 hours",
 * optionally prefixed with "interval"), a month counted as 31 days and a year as 12
 * months; negative totals are refused (EventTimeWatermarkSuite "SPARK-35815").
 * Checked against pyspark 4.1.4: "1.5 seconds" → 1500 ms, "1 week" → 7 days.
 */
import { AnalysisException, IllegalArgumentException } from '../errors';

const US = {
  microsecond: 1,
  millisecond: 1_000,
  second: 1_000_000,
  minute: 60_000_000,
  hour: 3_600_000_000,
  day: 86_400_000_000,
  week: 7 * 86_400_000_000,
} as const;
const MONTH_US = 31 * US.day;

const UNIT = /^(year|month|week|day|hour|minute|second|millisecond|microsecond)s?$/i;

export function parseWatermarkDelayUs(delay: string): number {
  const words = delay
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length > 0 && words[0].toLowerCase() === 'interval') words.shift();
  if (words.length === 0 || words.length % 2 !== 0) throw cannotParse(delay);
  let months = 0;
  let us = 0;
  for (let i = 0; i < words.length; i += 2) {
    const value = words[i];
    const unit = UNIT.exec(words[i + 1])?.[1].toLowerCase();
    if (unit === undefined || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) throw cannotParse(delay);
    const n = Number(value);
    if (!Number.isInteger(n) && unit !== 'second') throw cannotParse(delay);
    if (unit === 'year') months += 12 * n;
    else if (unit === 'month') months += n;
    else us += Math.round(n * US[unit as keyof typeof US]);
  }
  const total = months * MONTH_US + us;
  if (total < 0)
    throw new IllegalArgumentException(
      `requirement failed: delay threshold (${delay}) should not be negative.`,
    );
  return total;
}

function cannotParse(delay: string): AnalysisException {
  return new AnalysisException(
    'CANNOT_PARSE_INTERVAL',
    `Unable to parse '${delay}'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.`,
    { messageParameters: { intervalString: `'${delay}'` }, sqlState: '22006' },
  );
}
