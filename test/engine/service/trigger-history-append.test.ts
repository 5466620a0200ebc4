/**
 * TriggerHistory with the sink's appended-row count (issue 8): the diff of a growing
 * append-mode table must not compare the whole table every trigger, and must fall back to
 * the whole compare when the count does not describe the table.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type { ProgressJSON } from '../../../engine/service/protocol';
import * as diff from '../../../engine/service/trigger-diff';
import { TriggerHistory } from '../../../engine/service/trigger-history';
import { parseDDL } from '../../../engine/types/ddl';

// Spies on the whole-table compares, to tell which path a trigger took.
vi.mock('../../../engine/service/trigger-diff', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../engine/service/trigger-diff')>();
  return { ...original, changedRows: vi.fn(original.changedRows), keyedDiff: vi.fn(original.keyedDiff) };
});

const schema = parseDDL('user STRING, n BIGINT');
const rows = (from: number, to: number): ColumnBatch =>
  ColumnBatch.fromRows(
    schema,
    Array.from({ length: to - from }, (_, i) => ({ user: `u${from + i}`, n: from + i })),
  );

function progress(batchId: number, numOutputRows: number): ProgressJSON {
  return {
    id: 'q',
    runId: 'r',
    name: 'raw',
    timestamp: '2024-01-01T00:00:00.000Z',
    batchId,
    batchDuration: 1,
    numInputRows: numOutputRows,
    stateOperators: [],
    sources: [],
    sink: { description: 'MemorySink', numOutputRows },
  };
}

describe('TriggerHistory.record with appended rows', () => {
  beforeEach(() => {
    vi.mocked(diff.changedRows).mockClear();
    vi.mocked(diff.keyedDiff).mockClear();
  });

  it('marks the appended rows without a whole-table compare after the first trigger', () => {
    const h = new TriggerHistory();
    const append = (rowsNow: number) => ({ rows: rowsNow, uniqueKeys: true });
    h.record(progress(0, 3), rows(0, 3), ['user'], append(3));
    const wholeCompares = vi.mocked(diff.changedRows).mock.calls.length;
    const second = h.record(progress(1, 2), rows(0, 5), ['user'], append(2));
    const third = h.record(progress(2, 0), rows(0, 5), ['user'], append(0));
    expect(vi.mocked(diff.changedRows).mock.calls.length).toBe(wholeCompares);
    expect(second.changedRows).toEqual([3, 4]);
    expect(second.diff).toEqual({ keyColumns: ['user'], added: [3, 4], updated: [], removed: null });
    expect(second.trigger.numChangedRows).toBe(2);
    expect(third.changedRows).toEqual([]);
    expect(h.table(1)?.changedRows).toEqual([3, 4]);
  });

  it('does not report the key in update mode, where a group is appended once per version', () => {
    const h = new TriggerHistory();
    h.record(progress(0, 1), rows(0, 1), ['user'], { rows: 1, uniqueKeys: false });
    const next = h.record(progress(1, 1), rows(0, 2), ['user'], { rows: 1, uniqueKeys: false });
    expect(next.diff?.keyColumns).toEqual([]);
    expect(next.diff?.added).toEqual([1]);
  });

  it('runs the whole compare when the table lost rows the count does not explain', () => {
    const h = new TriggerHistory();
    h.record(progress(0, 3), rows(0, 3), [], { rows: 3, uniqueKeys: true });
    // Capped at 3 rows: the oldest left as a new one came.
    const capped = h.record(progress(1, 1), rows(1, 4), [], { rows: 1, uniqueKeys: true });
    expect(vi.mocked(diff.keyedDiff)).toHaveBeenCalled();
    expect(capped.changedRows).toEqual([2]);
    expect(capped.diff?.added).toEqual([2]);
    expect(capped.diff?.removed?.toRows()).toEqual([{ user: 'u0', n: 0 }]);
  });

  it('runs the whole compare without a count (complete mode)', () => {
    const h = new TriggerHistory();
    h.record(progress(0, 2), rows(0, 2));
    const next = h.record(progress(1, 2), rows(1, 3));
    expect(vi.mocked(diff.changedRows)).toHaveBeenCalledTimes(2);
    expect(next.changedRows).toEqual([1]);
  });
});
