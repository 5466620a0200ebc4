import { describe, expect, it } from 'vitest';
import type { QueryInfo } from '../../../engine/service/protocol';
import {
  activeQueryNamed,
  duplicateNameMessage,
  latestQueryNamed,
  runStateOf,
} from '../../../renderer/src/lib/draft-status';

function query(id: string, name: string | null, isActive: boolean, failed = false): QueryInfo {
  return {
    id,
    runId: `run-${id}`,
    name,
    isActive,
    outputMode: 'complete',
    sinkFormat: 'memory',
    hasResultTable: true,
    isDemo: id === 'demo',
    triggers: [],
    lastProgress: null,
    exception: failed
      ? {
          name: 'StreamingQueryException',
          errorClass: 'STREAM_FAILED',
          sqlState: null,
          message: 'boom',
        }
      : null,
    inputHealth: { numCorruptRecords: 0, warnings: [] },
  };
}

describe('draft status', () => {
  const queries = [
    query('1', 'activity_count', false, true),
    query('demo', 'activity_count', true),
    query('2', 'other', false),
  ];

  it('ties a draft to the query running under its name', () => {
    expect(activeQueryNamed(queries, 'activity_count')?.id).toBe('demo');
    expect(activeQueryNamed(queries, 'other')).toBeNull();
    expect(latestQueryNamed(queries, 'other')?.id).toBe('2');
    expect(latestQueryNamed(queries, 'none')).toBeNull();
    expect(runStateOf(queries[0])).toBe('failed');
    expect(runStateOf(queries[1])).toBe('running');
    expect(runStateOf(queries[2])).toBe('stopped');
    expect(runStateOf(null)).toBe('not started');
  });

  it('explains why a second active query with the same name cannot start', () => {
    const message = duplicateNameMessage('activity_count', queries[1]);
    expect(message).toContain('“activity_count” is already running (the demo');
    expect(message).toContain('Spark refuses');
  });
});
