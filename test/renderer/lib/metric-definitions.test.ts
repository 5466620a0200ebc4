import { describe, expect, it } from 'vitest';
import {
  METRICS,
  metricTooltip,
  phaseTooltip,
} from '../../../renderer/src/lib/metric-definitions';

describe('metric-definitions: every progress number says what it is and its unit', () => {
  it('has a definition and a unit for each metric', () => {
    for (const m of Object.values(METRICS)) {
      expect(m.definition.length).toBeGreaterThan(10);
      expect(m.unit.length).toBeGreaterThan(0);
      expect(metricTooltip(m)).toContain(`Unit: ${m.unit}.`);
    }
    expect(metricTooltip(METRICS.processedRowsPerSecond)).toMatch(
      /^Processed rows\/s — processedRowsPerSecond: .* Unit: rows per second\.$/,
    );
  });

  it('explains the trigger phases, and says so for a phase it does not know', () => {
    expect(phaseTooltip('walCommit')).toBe(
      'durationMs.walCommit: time spent on writing the offsets log (write-ahead log). Unit: milliseconds.',
    );
    expect(phaseTooltip('custom')).toContain('a phase of the trigger');
  });
});
