import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { TidemarkError } from '../../../../engine/errors';
import { MemorySink } from '../../../../engine/io/sinks/memory-sink';
import { estimateBatchBytes } from '../../../../engine/io/sinks/memory-sink-limits';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('k STRING, n BIGINT');
const rows = (...keys: string[]) => ColumnBatch.fromRows(schema, keys.map((k, n) => ({ k, n })));
const limits = (maxRows: number, maxBytes = 1024 ** 3, warnFraction = 0.8) => ({ maxRows, maxBytes, warnFraction });

async function failure(p: Promise<unknown>): Promise<TidemarkError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TidemarkError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('MemorySink limits', () => {
  it('append: the cap counts every row held; the batch that would pass it is refused and the table stays as it was', async () => {
    const sink = new MemorySink(schema, limits(5));
    await sink.addBatch(0, rows('a', 'b', 'c'), 'append');
    expect(sink.resourceWarnings()).toEqual([]);
    await sink.addBatch(1, rows('d'), 'append');
    expect(sink.resourceWarnings().map((w) => w.code)).toEqual(['MEMORY_SINK_HIGH']);
    expect(sink.resourceWarnings()[0].message).toContain('4 rows');
    expect(sink.resourceWarnings()[0].message).toContain('80% of its limit of 5 rows (spark.tidemark.memorySink.maxRows)');
    const e = await failure(sink.addBatch(2, rows('e', 'f'), 'append'));
    expect(e.errorClass).toBe('MEMORY_SINK_LIMIT_EXCEEDED');
    expect(e.message).toContain("Batch 2 would bring the memory sink's table to 6 rows");
    expect(e.message).toContain('above its limit of 5 rows (spark.tidemark.memorySink.maxRows)');
    expect(e.message).toContain('In append and update mode the table keeps every row');
    expect(sink.snapshot().toRows().map((r) => r.k)).toEqual(['a', 'b', 'c', 'd']);
    expect(sink.latestBatch).toBe(1);
  });

  it('complete: the cap counts the replacing table only, not the rows of earlier batches', async () => {
    const sink = new MemorySink(schema, limits(3));
    await sink.addBatch(0, rows('a', 'b'), 'complete');
    await sink.addBatch(1, rows('a', 'b', 'c'), 'complete');
    await sink.addBatch(2, rows('a', 'b', 'c'), 'complete');
    expect(sink.snapshot().numRows).toBe(3);
    const e = await failure(sink.addBatch(3, rows('a', 'b', 'c', 'd'), 'complete'));
    expect(e.errorClass).toBe('MEMORY_SINK_LIMIT_EXCEEDED');
    expect(e.message).toContain('In complete mode the table is the whole result of each batch');
    expect(sink.snapshot().numRows).toBe(3);
  });

  it('a byte cap works on the estimate of the rows held, and clear() starts the count again', async () => {
    const batch = rows('x'.repeat(1000), 'y'.repeat(1000));
    const bytes = estimateBatchBytes(batch);
    // Two 1000-character strings in UTF-16 are at least 4000 bytes.
    expect(bytes).toBeGreaterThanOrEqual(4000);
    const sink = new MemorySink(schema, limits(1_000_000, Math.floor(bytes * 1.5)));
    await sink.addBatch(0, batch, 'append');
    const e = await failure(sink.addBatch(1, batch, 'append'));
    expect(e.message).toContain('(spark.tidemark.memorySink.maxBytes)');
    sink.clear();
    await sink.addBatch(0, batch, 'append');
    expect(sink.snapshot().numRows).toBe(2);
  });

  it('a re-run batch id is skipped before any limit is checked', async () => {
    const sink = new MemorySink(schema, limits(2));
    await sink.addBatch(0, rows('a', 'b'), 'append');
    await sink.addBatch(0, rows('a', 'b'), 'append');
    expect(sink.snapshot().numRows).toBe(2);
  });
});
