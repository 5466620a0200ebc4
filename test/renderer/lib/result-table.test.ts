import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { toArrowIPC } from '../../../engine/service/arrow-export';
import { parseDDL } from '../../../engine/types/ddl';
import { decodeResultTable, type ResultTable } from '../../../renderer/src/lib/result-table';

const cells = (t: ResultTable, row: number): string[] => t.columns.map((_, c) => t.text(row, c));

describe('decodeResultTable: the engine’s Arrow IPC bytes as the result grid shows them', () => {
  it('formats each Spark type as show() does and marks NULL cells', () => {
    const schema = parseDDL(
      'gt STRING, count BIGINT, x DOUBLE, at TIMESTAMP, day DATE, ok BOOLEAN, p STRUCT<a: INT, b: STRING>, f FLOAT, price DECIMAL(10,2), n INT',
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
        f: 0.1,
        price: 1.5,
        n: -7,
      },
      { gt: null, count: null, x: null, at: null, day: null, ok: null, p: null, f: null, price: null, n: null },
    ]);
    const table = decodeResultTable(toArrowIPC(batch));
    expect(table.numRows).toBe(2);
    expect(table.columns.map((c) => [c.name, c.sparkType, c.numeric, c.kind])).toEqual([
      ['gt', 'string', false, 'string'],
      ['count', 'bigint', true, 'long'],
      ['x', 'double', true, 'fractional'],
      ['at', 'timestamp', false, 'timestamp'],
      ['day', 'date', false, 'date'],
      ['ok', 'boolean', false, 'boolean'],
      ['p', 'struct<a:int,b:string>', false, 'other'],
      ['f', 'float', true, 'fractional'],
      ['price', 'decimal(10,2)', true, 'decimal'],
      ['n', 'int', true, 'integer'],
    ]);
    expect(cells(table, 0)).toEqual([
      'stand',
      '3',
      '1.0',
      '2015-02-23 10:18:55.175',
      '2015-02-23',
      'true',
      '{1, x}',
      '0.1',
      '1.50',
      '-7',
    ]);
    expect(cells(table, 1)).toEqual(Array(10).fill('NULL'));
    expect(table.columns.map((_, c) => table.isNull(1, c))).toEqual(Array(10).fill(true));
    expect(table.isNull(0, 0)).toBe(false);
    expect(table.lowerTexts(0)).toEqual(['stand', 'null']);
  });

  it('keeps every microsecond and the full range of bigint', () => {
    const batch = ColumnBatch.fromRows(parseDDL('at TIMESTAMP, big BIGINT'), [
      { at: 1424686735175123, big: 2n ** 62n },
    ]);
    const table = decodeResultTable(toArrowIPC(batch));
    expect(cells(table, 0)).toEqual(['2015-02-23 10:18:55.175123', String(2n ** 62n)]);
  });

  it('compares typed values: nulls first, NaN above every number, strings by code point', () => {
    const batch = ColumnBatch.fromRows(parseDDL('x DOUBLE, s STRING, n BIGINT'), [
      { x: 2, s: 'b', n: 10 },
      { x: Number.NaN, s: '\u{1F600}', n: -1 },
      { x: null, s: '\uFFFD', n: null },
      { x: -Infinity, s: 'B', n: 9 },
    ]);
    const t = decodeResultTable(toArrowIPC(batch));
    const order = (column: number): number[] => [0, 1, 2, 3].sort((a, b) => t.compare(column, a, b));
    expect(order(0)).toEqual([2, 3, 0, 1]);
    // U+FFFD sorts below the emoji (U+1F600) in UTF-8 byte order, unlike UTF-16 units.
    expect(order(1)).toEqual([3, 0, 2, 1]);
    expect(order(2)).toEqual([2, 1, 3, 0]);
  });
});
