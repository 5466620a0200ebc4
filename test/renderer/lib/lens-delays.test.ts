/** The replay slider's stops: Spark duration strings from 0 seconds to 1 hour. */
import { describe, expect, it } from 'vitest';
import {
  DELAY_STEPS,
  delayMs,
  delayStops,
  nearestStep,
} from '../../../renderer/src/lib/lens-delays';
import { describeMiss, durationText } from '../../../renderer/src/lib/lens-explain-text';

describe('lens delays', () => {
  it('reads Spark duration strings', () => {
    expect(delayMs('10 seconds')).toBe(10_000);
    expect(delayMs('interval 1 minute 30 seconds')).toBe(90_000);
    expect(delayMs('ten seconds')).toBeNull();
    expect(DELAY_STEPS[0]).toBe('0 seconds');
    expect(DELAY_STEPS.at(-1)).toBe('1 hour');
  });

  it('puts the query’s own delay among the stops, in order', () => {
    expect(delayStops('10 minutes')).toEqual(DELAY_STEPS);
    const stops = delayStops('45 seconds');
    expect(stops.indexOf('45 seconds')).toBe(stops.indexOf('30 seconds') + 1);
    expect(DELAY_STEPS[nearestStep('40 seconds')]).toBe('30 seconds');
  });

  it('says by how much a dropped row missed, inclusive of the watermark', () => {
    expect(durationText(65_000_000)).toBe('1 minute 5 seconds');
    const base = {
      batchId: 0,
      row: 0,
      eventTimeUs: 0,
      watermarkUs: 0,
      windowStartUs: 0,
      windowEndUs: 5e6,
      file: null,
      record: null,
      line: null,
      fileUnknownReason: null,
    };
    expect(describeMiss({ ...base, fate: 2, missedByUs: 0 })).toContain('exactly at the watermark');
    expect(describeMiss({ ...base, fate: 2, missedByUs: 10e6 })).toBe(
      'Dropped: its window ended 10 seconds before the watermark.',
    );
  });
});
