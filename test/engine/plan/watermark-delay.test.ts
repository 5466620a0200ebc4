import { describe, expect, it } from 'vitest';
import { parseWatermarkDelayUs } from '../../../engine/plan/watermark-delay';

describe('withWatermark delay thresholds (EventTimeWatermark.getDelayMs, checked against pyspark 4.1.4)', () => {
  it.each([
    ['10 minutes', 600_000],
    ['interval 10 minutes', 600_000],
    ['1.5 seconds', 1_500],
    [' 5 hours', 18_000_000],
    ['1 week', 604_800_000],
    ['1 day 2 hours 3 minutes 4 seconds', 93_784_000],
    ['1 month', 31 * 86_400_000],
  ])('%s → %d ms', (delay, ms) => {
    expect(parseWatermarkDelayUs(delay)).toBe(ms * 1000);
  });

  it('garbage is CANNOT_PARSE_INTERVAL (SPARK-35815)', () => {
    expect(() => parseWatermarkDelayUs('1 foo')).toThrow(
      "[CANNOT_PARSE_INTERVAL] Unable to parse '1 foo'.",
    );
    expect(() => parseWatermarkDelayUs('interva 2 day')).toThrow('CANNOT_PARSE_INTERVAL');
  });

  it('a negative total is refused, also when mixed signs net negative', () => {
    expect(() => parseWatermarkDelayUs('-10 minutes')).toThrow(
      'requirement failed: delay threshold (-10 minutes) should not be negative.',
    );
    expect(() => parseWatermarkDelayUs('1 year -13 months')).toThrow('should not be negative.');
  });
});
