import { describe, expect, it } from 'vitest';
import {
  OUTPUT_MODE_MEANING,
  defaultSink,
  sinkWritesFiles,
  triggerSpec,
} from '../../../renderer/src/lib/draft-sink';

describe('draft sink', () => {
  it('builds the trigger spec the engine starts with', () => {
    expect(triggerSpec('processingTime', '10 seconds')).toEqual({
      kind: 'processingTime',
      interval: '10 seconds',
    });
    expect(triggerSpec('availableNow', '10 seconds')).toEqual({ kind: 'availableNow' });
  });

  it('starts new drafts on the lab’s memory sink and explains each output mode', () => {
    expect(defaultSink()).toEqual({
      format: 'memory',
      outputMode: 'append',
      options: {},
      trigger: { kind: 'default' },
    });
    expect(OUTPUT_MODE_MEANING.append).toMatch(/only the new rows/);
    expect(OUTPUT_MODE_MEANING.update).toMatch(/changed/);
    expect(OUTPUT_MODE_MEANING.complete).toMatch(/whole result table/);
    expect(sinkWritesFiles('Parquet')).toBe(true);
    expect(sinkWritesFiles('memory')).toBe(false);
  });
});
