import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { toArrowIPC } from '../../../engine/service/arrow-export';
import { parseDDL } from '../../../engine/types/ddl';
import {
  decodeResultTable,
  decodeResultTableInSlices,
  type ResultTable,
} from '../../../renderer/src/lib/result-table';

const allCells = (t: ResultTable): string[][] =>
  Array.from({ length: t.numRows }, (_, r) => t.columns.map((_, c) => t.text(r, c)));

describe('decodeResultTableInSlices: the same table, one column per task', () => {
  const schema = parseDDL('gt STRING, count BIGINT, x DOUBLE, at TIMESTAMP, ok BOOLEAN');
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    gt: i % 7 === 0 ? null : ['stand', 'sit', 'walk'][i % 3],
    count: i * 3,
    x: i % 11 === 0 ? null : i / 4,
    at: 1424686735175000 + i * 1000,
    ok: i % 2 === 0,
  }));
  const ipc = toArrowIPC(ColumnBatch.fromRows(schema, rows));

  it('gives the cells, nulls and order the one-go decode gives', async () => {
    const whole = decodeResultTable(ipc);
    const sliced = await decodeResultTableInSlices(ipc, () => Promise.resolve());
    expect(sliced.columns).toEqual(whole.columns);
    expect(allCells(sliced)).toEqual(allCells(whole));
    expect(sliced.isNull(7, 0)).toBe(true);
    expect(sliced.compare(1, 5, 4)).toBeGreaterThan(0);
    expect(sliced.lowerTexts(0).slice(0, 3)).toEqual(['null', 'sit', 'walk']);
  });

  it('pauses before each column, so no task decodes more than one', async () => {
    let pauses = 0;
    const table = await decodeResultTableInSlices(ipc, async () => void pauses++);
    expect(pauses).toBeGreaterThanOrEqual(schema.fields.length);
    expect(table.numRows).toBe(rows.length);
  });

  it('pauses within a column every stepRows rows (a 1M-row column took 35-70 ms at once), same cells', async () => {
    let pauses = 0;
    const sliced = await decodeResultTableInSlices(ipc, async () => void pauses++, 100);
    // 1,000 rows in slices of 100: ten value slices per column at least, plus null masks.
    expect(pauses).toBeGreaterThanOrEqual(schema.fields.length * 10);
    expect(allCells(sliced)).toEqual(allCells(decodeResultTable(ipc)));
    expect(sliced.compare(0, 1, 2)).toBe(decodeResultTable(ipc).compare(0, 1, 2));
  });
});
