import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { toArrowIPC } from '../../../engine/service/arrow-export';
import { parseDDL } from '../../../engine/types/ddl';
import { decodeResultTable } from '../../../renderer/src/lib/result-table';

describe('decodeResultTable: the engine’s Arrow IPC bytes as the result grid shows them', () => {
  it('formats each Spark type and marks NULL cells', () => {
    const schema = parseDDL(
      'gt STRING, count BIGINT, x DOUBLE, at TIMESTAMP, day DATE, ok BOOLEAN, p STRUCT<a: INT, b: STRING>',
    );
    const batch = ColumnBatch.fromRows(schema, [
      {
        gt: 'stand',
        count: 3,
        x: 1,
        at: 1424686735175000,
        day: 16489,
        ok: true,
        p: { a: 1, b: 'x' },
      },
      { gt: null, count: null, x: null, at: null, day: null, ok: null, p: null },
    ]);
    const table = decodeResultTable(toArrowIPC(batch));
    expect(table.columns.map((c) => [c.name, c.sparkType, c.numeric])).toEqual([
      ['gt', 'string', false],
      ['count', 'bigint', true],
      ['x', 'double', true],
      ['at', 'timestamp', false],
      ['day', 'date', false],
      ['ok', 'boolean', false],
      ['p', 'struct<a:int,b:string>', false],
    ]);
    expect(table.rows[0]).toEqual([
      'stand',
      '3',
      '1.0',
      '2015-02-23 10:18:55.175',
      '2015-02-23',
      'true',
      '{1, x}',
    ]);
    expect(table.rows[1]).toEqual(['NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL']);
    expect([...table.nulls]).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });
});
