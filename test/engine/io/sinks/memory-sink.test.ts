import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { MemorySink } from '../../../../engine/io/sinks/memory-sink';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('gt STRING, count BIGINT');
const rows = (...r: [string, number][]) =>
  ColumnBatch.fromRows(
    schema,
    r.map(([gt, count]) => ({ gt, count })),
  );

describe('MemorySink (MemorySinkSuite)', () => {
  it('append and update add each batch’s rows', async () => {
    const sink = new MemorySink(schema);
    await sink.addBatch(0, rows(['walk', 1]), 'append');
    await sink.addBatch(1, rows(['bike', 2], ['sit', 3]), 'update');
    expect(sink.snapshot().toRows()).toEqual([
      { gt: 'walk', count: 1 },
      { gt: 'bike', count: 2 },
      { gt: 'sit', count: 3 },
    ]);
    expect(sink.latestBatchData().numRows).toBe(2);
    expect(sink.lastNumOutputRows()).toBe(2);
    expect(sink.description).toBe('MemorySink');
  });

  it('complete mode replaces the whole table each batch', async () => {
    const sink = new MemorySink(schema);
    await sink.addBatch(0, rows(['walk', 1]), 'complete');
    await sink.addBatch(1, rows(['walk', 2], ['bike', 1]), 'complete');
    expect(sink.snapshot().toRows()).toEqual([
      { gt: 'walk', count: 2 },
      { gt: 'bike', count: 1 },
    ]);
  });

  it('ignores a batch id at or below the last one it holds (idempotent re-execution)', async () => {
    const sink = new MemorySink(schema);
    await sink.addBatch(0, rows(['walk', 1]), 'append');
    await sink.addBatch(1, rows(['bike', 1]), 'append');
    await sink.addBatch(1, rows(['bike', 1]), 'append');
    await sink.addBatch(0, rows(['walk', 1]), 'append');
    expect(sink.snapshot().numRows).toBe(2);
    expect(sink.latestBatch).toBe(1);
    expect(sink.lastNumOutputRows()).toBe(0);
  });

  it('an empty sink is an empty table of the query schema', () => {
    const snap = new MemorySink(schema).snapshot();
    expect(snap.numRows).toBe(0);
    expect(snap.schema.names).toEqual(['gt', 'count']);
  });
});
