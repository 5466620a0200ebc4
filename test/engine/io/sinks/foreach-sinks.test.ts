import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { ForeachBatchSink } from '../../../../engine/io/sinks/foreach-batch-sink';
import { ForeachSink, type ForeachRow } from '../../../../engine/io/sinks/foreach-sink';
import { NoopSink } from '../../../../engine/io/sinks/noop-sink';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('value INT');
const batch = ColumnBatch.fromRows(schema, [{ value: 1 }, { value: 2 }]);

describe('ForeachBatchSink (ForeachBatchSinkSuite)', () => {
  it('calls the function with a DataFrame over the batch and the batch id, awaiting it', async () => {
    const seen: [number[], number][] = [];
    const sink = new ForeachBatchSink<ColumnBatch>(
      async (df, id) => {
        await new Promise((r) => setTimeout(r, 5));
        seen.push([df.toRows().map((r) => r.value as number), id]);
      },
      (b) => b,
    );
    await sink.addBatch(3, batch, 'update');
    expect(seen).toEqual([[[1, 2], 3]]);
    expect(sink.lastNumOutputRows()).toBe(-1);
  });

  it('a throwing function fails the batch', async () => {
    const sink = new ForeachBatchSink<ColumnBatch>(
      () => {
        throw new Error('boom');
      },
      (b) => b,
    );
    await expect(sink.addBatch(0, batch, 'append')).rejects.toThrow('boom');
  });
});

describe('ForeachSink (ForeachWriterSuite)', () => {
  it('runs open(partitionId, epochId) / process(row) / close(null) per batch', async () => {
    const log: string[] = [];
    const sink = new ForeachSink({
      open: (p, e) => {
        log.push(`open ${p} ${e}`);
        return true;
      },
      process: (row: ForeachRow) => void log.push(`process ${row.value}`),
      close: (err) => void log.push(`close ${err === null ? 'null' : 'error'}`),
    });
    await sink.addBatch(7, batch, 'append');
    expect(log).toEqual(['open 0 7', 'process 1', 'process 2', 'close null']);
    expect(sink.lastNumOutputRows()).toBe(2);
  });

  it('skips rows when open returns false, and hands a process error to close before failing', async () => {
    const log: string[] = [];
    const skipping = new ForeachSink({
      open: () => false,
      process: () => void log.push('process'),
      close: () => void log.push('close'),
    });
    await skipping.addBatch(0, batch, 'append');
    expect(log).toEqual(['close']);
    let closedWith: unknown = null;
    const failing = new ForeachSink({
      process: () => {
        throw new Error('bad row');
      },
      close: (e) => {
        closedWith = e;
      },
    });
    await expect(failing.addBatch(0, batch, 'append')).rejects.toThrow('bad row');
    expect((closedWith as Error).message).toBe('bad row');
  });

  it('accepts a plain per-row function', async () => {
    const values: unknown[] = [];
    await new ForeachSink((row) => void values.push(row.value)).addBatch(0, batch, 'append');
    expect(values).toEqual([1, 2]);
  });
});

describe('NoopSink', () => {
  it('drops rows but counts them', async () => {
    const sink = new NoopSink();
    await sink.addBatch(0, batch, 'complete');
    expect(sink.lastNumOutputRows()).toBe(2);
  });
});
