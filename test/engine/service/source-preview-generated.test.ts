/**
 * The source-setup preview of rate and socket: no rows on purpose, a line saying why, and the
 * schema the options give (Spark's option checks still apply). Nothing connects or generates.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { previewSource } from '../../../engine/service/source-preview';
import type { SourceSetup } from '../../../engine/service/protocol';

const setup = (format: string, options: Record<string, string> = {}): SourceSetup => ({
  path: '',
  format,
  schema: null,
  options,
});

describe('preview of sources that generate or receive their rows', () => {
  it('rate: rows are generated while the query runs; the schema is shown', async () => {
    const p = await previewSource(setup('rate', { rowsPerSecond: '5' }), 50);
    expect(p.numRows).toBe(0);
    expect(p.note).toMatch(/^No preview: a rate source generates its rows/);
    expect(p.schemaDDL).toBe('`timestamp` TIMESTAMP, `value` BIGINT');
    // The empty table still carries the columns, so the page can show them.
    expect(tableFromIPC(p.ipc).schema.fields.map((f) => f.name)).toEqual(['timestamp', 'value']);
    const micro = await previewSource(setup('rate-micro-batch', { rowsPerBatch: '10' }), 50);
    expect(micro.note).toBe(p.note);
  });

  it('socket: reading would consume the data; includeTimestamp adds its column', async () => {
    const p = await previewSource(
      setup('socket', { host: 'localhost', port: '9999', includeTimestamp: 'true' }),
      50,
    );
    expect(p.numRows).toBe(0);
    expect(p.note).toContain('would consume the lines the query is waiting for');
    expect(p.schemaDDL).toBe('`value` STRING, `timestamp` TIMESTAMP');
  });

  it("a bad option is Spark's error, as when the query loads", async () => {
    await expect(previewSource(setup('rate', { rowsPerSecond: '-1' }), 50)).rejects.toThrow(
      "Invalid value '-1'. The option 'rowsPerSecond' must be positive",
    );
  });
});
