import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type { ProgressJSON } from '../../../engine/service/protocol';
import { TriggerHistory } from '../../../engine/service/trigger-history';
import { parseDDL } from '../../../engine/types/ddl';

const schema = parseDDL('gt STRING, count BIGINT');

function progress(batchId: number, numInputRows: number, watermark?: string): ProgressJSON {
  return {
    id: 'q',
    runId: 'r',
    name: 'activity_count',
    timestamp: `2024-01-01T00:00:0${batchId}.000Z`,
    batchId,
    batchDuration: 12,
    numInputRows,
    ...(batchId > 0 ? { inputRowsPerSecond: 50, processedRowsPerSecond: 400 } : {}),
    ...(watermark !== undefined ? { eventTime: { watermark } } : {}),
    stateOperators: [],
    sources: [],
    sink: { description: 'MemorySink', numOutputRows: 1 },
  };
}

function counts(n: number): ColumnBatch {
  return ColumnBatch.fromRows(
    schema,
    Array.from({ length: n }, (_, i) => ({ gt: `g${i}`, count: i + 1 })),
  );
}

describe('TriggerHistory', () => {
  it('summarises each trigger from its progress, with the table size and changed rows', () => {
    const h = new TriggerHistory();
    const first = h.record(progress(0, 50), counts(2));
    expect(first.trigger).toEqual({
      batchId: 0,
      timestamp: '2024-01-01T00:00:00.000Z',
      numInputRows: 50,
      inputRowsPerSecond: null,
      processedRowsPerSecond: null,
      batchDuration: 12,
      watermark: null,
      numRows: 2,
      numChangedRows: 2,
      hasTable: true,
      // The dashboard's detail (trigger-detail.ts): no stateful operator, so no state sums.
      detail: {
        durationMs: {},
        stateRowsTotal: null,
        stateRowsUpdated: null,
        stateMemoryBytes: null,
        rowsDroppedByWatermark: null,
        numOutputRows: 1,
        numCorruptRecords: 0,
        files: [],
        numFiles: 0,
      },
    });
    const second = h.record(
      progress(1, 50, '2015-02-23T10:18:55.000Z'),
      ColumnBatch.fromRows(schema, [
        { gt: 'g0', count: 1 },
        { gt: 'g1', count: 7 },
      ]),
    );
    expect(second.changedRows).toEqual([1]);
    expect(second.trigger).toMatchObject({
      inputRowsPerSecond: 50,
      processedRowsPerSecond: 400,
      watermark: '2015-02-23T10:18:55.000Z',
      numChangedRows: 1,
    });
    expect(h.triggers().map((t) => t.batchId)).toEqual([0, 1]);
    expect(h.table(0)!.table.numRows).toBe(2);
    expect(h.table(1)!.changedRows).toEqual([1]);
    expect(h.table(2)).toBeUndefined();
  });

  it('keeps summaries but evicts the oldest tables beyond the cell budget, never the newest', () => {
    const h = new TriggerHistory({ maxCells: 10, maxTriggers: 100 });
    h.record(progress(0, 1), counts(2)); // 4 cells
    h.record(progress(1, 1), counts(3)); // 6 cells: 10 in all
    h.record(progress(2, 1), counts(4)); // 8 cells: batch 0 and 1 go
    expect(h.triggers().map((t) => [t.batchId, t.hasTable])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    expect(h.table(0)).toBeUndefined();
    const big = new TriggerHistory({ maxCells: 1, maxTriggers: 100 });
    big.record(progress(0, 1), counts(5));
    expect(big.table(0)?.table.numRows).toBe(5);
  });

  it('forgets the oldest summaries beyond maxTriggers', () => {
    const h = new TriggerHistory({ maxCells: 1000, maxTriggers: 2 });
    for (let b = 0; b < 4; b++) h.record(progress(b, 1), counts(1));
    expect(h.triggers().map((t) => t.batchId)).toEqual([2, 3]);
  });

  it('records triggers of queries without a result table', () => {
    const h = new TriggerHistory();
    const r = h.record(progress(0, 10), null);
    expect(r.trigger).toMatchObject({ numRows: null, numChangedRows: null, hasTable: false });
    expect(r.changedRows).toBeNull();
  });

  it('holds each trigger’s keyed diff with the removed rows as they were, for clicking batch N later', () => {
    const h = new TriggerHistory();
    h.record(progress(0, 3), counts(3), ['gt']); // g0=1, g1=2, g2=3
    const next = ColumnBatch.fromRows(schema, [
      { gt: 'g0', count: 1 },
      { gt: 'g2', count: 9 },
      { gt: 'g7', count: 1 },
    ]);
    h.record(progress(1, 3), next, ['gt']);
    h.record(progress(2, 0), next, ['gt']);
    const one = h.table(1)!.diff;
    expect(one).toMatchObject({ keyColumns: ['gt'], added: [2], updated: [1] });
    expect(one.removed!.toRows()).toEqual([{ gt: 'g1', count: 2 }]);
    expect(h.table(2)!.diff).toMatchObject({ added: [], updated: [], removed: null });
  });

  it('counts the removed rows against the cell budget and evicts them with their table', () => {
    const h = new TriggerHistory({ maxCells: 12, maxTriggers: 100 });
    h.record(progress(0, 1), counts(3), ['gt']); // 6 cells
    h.record(progress(1, 1), counts(1), ['gt']); // 2 cells + 2 removed rows (4 cells): 12
    expect(h.table(1)!.diff.removed!.numRows).toBe(2);
    expect(h.table(0)).toBeDefined();
    h.record(progress(2, 1), counts(1), ['gt']); // 2 more: batch 0 goes
    expect(h.triggers().map((t) => t.hasTable)).toEqual([false, true, true]);
  });
});
