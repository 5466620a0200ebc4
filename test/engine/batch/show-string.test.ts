import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { showString } from '../../../engine/batch/show-string';
import { javaDoubleToString, javaFloatToString } from '../../../engine/types/java-number-format';
import { parseDDL } from '../../../engine/types/ddl';

const ts = (iso: string): number => Date.parse(iso) * 1000;

describe('showString (Dataset.showString, DataFrameSuite "showString")', () => {
  const people = ColumnBatch.fromRows(parseDDL('id INT, name STRING'), [
    { id: 1, name: 'a' },
    { id: 2, name: null },
  ]);

  it('right-aligns cells and prints NULL when truncating (the default)', () => {
    expect(showString(people)).toBe(
      '+---+----+\n' +
        '| id|name|\n' +
        '+---+----+\n' +
        '|  1|   a|\n' +
        '|  2|NULL|\n' +
        '+---+----+\n',
    );
  });

  it('left-aligns cells with truncate=false', () => {
    expect(showString(people, 20, false)).toBe(
      '+---+----+\n' +
        '|id |name|\n' +
        '+---+----+\n' +
        '|1  |a   |\n' +
        '|2  |NULL|\n' +
        '+---+----+\n',
    );
  });

  it('adds the "only showing top N rows" footer', () => {
    expect(showString(people, 1)).toBe(
      '+---+----+\n| id|name|\n+---+----+\n|  1|   a|\n+---+----+\nonly showing top 1 row\n',
    );
    const three = ColumnBatch.fromRows(parseDDL('v INT'), [{ v: 1 }, { v: 2 }, { v: 3 }]);
    expect(showString(three, 2).endsWith('only showing top 2 rows\n')).toBe(true);
  });

  it('truncates long cells to 20 characters with "...", or to a custom width', () => {
    const b = ColumnBatch.fromRows(parseDDL('s STRING'), [{ s: 'abcdefghijklmnopqrstuvwxyz' }]);
    expect(showString(b)).toBe(
      '+--------------------+\n|                   s|\n+--------------------+\n|abcdefghijklmnopq...|\n+--------------------+\n',
    );
    expect(showString(b, 20, 3)).toBe('+---+\n|  s|\n+---+\n|abc|\n+---+\n');
    expect(showString(b, 20, false)).toContain('|abcdefghijklmnopqrstuvwxyz|');
  });

  it('escapes control characters and counts wide characters twice', () => {
    const b = ColumnBatch.fromRows(parseDDL('s STRING'), [{ s: 'a\nb' }, { s: '中文' }]);
    expect(showString(b)).toBe('+----+\n|   s|\n+----+\n|a\\nb|\n|中文|\n+----+\n');
  });

  it('renders timestamps in the session zone, dropping zero fractions; dates as yyyy-MM-dd', () => {
    const b = ColumnBatch.fromRows(parseDDL('t TIMESTAMP, d DATE'), [
      { t: ts('2024-01-01T10:00:00Z'), d: 19723 },
      { t: ts('2024-01-01T10:00:00.5Z') + 0, d: null },
      { t: ts('2024-01-01T10:00:00.123Z') + 456, d: null },
    ]);
    // 26-character timestamps are cut by the default 20-character truncation, as in Spark
    expect(showString(b, 1)).toContain('|2024-01-01 10:00:00|2024-01-01|');
    expect(showString(b)).toContain('|2024-01-01 10:00:...|      NULL|');
    expect(showString(b, 20, false)).toBe(
      '+--------------------------+----------+\n' +
        '|t                         |d         |\n' +
        '+--------------------------+----------+\n' +
        '|2024-01-01 10:00:00       |2024-01-01|\n' +
        '|2024-01-01 10:00:00.5     |NULL      |\n' +
        '|2024-01-01 10:00:00.123456|NULL      |\n' +
        '+--------------------------+----------+\n',
    );
    expect(showString(b, 1, false, 'Europe/Paris')).toContain('|2024-01-01 11:00:00|');
  });

  it('renders window structs as {start, end}, arrays as [a, b] and booleans', () => {
    const b = ColumnBatch.fromRows(
      parseDDL('window STRUCT<start: TIMESTAMP, end: TIMESTAMP>, xs ARRAY<INT>, ok BOOLEAN'),
      [
        {
          window: { start: ts('2024-01-01T10:00:00Z'), end: ts('2024-01-01T10:10:00Z') },
          xs: [1, null, 3],
          ok: true,
        },
      ],
    );
    expect(showString(b, 20, false)).toBe(
      '+------------------------------------------+------------+----+\n' +
        '|window                                    |xs          |ok  |\n' +
        '+------------------------------------------+------------+----+\n' +
        '|{2024-01-01 10:00:00, 2024-01-01 10:10:00}|[1, NULL, 3]|true|\n' +
        '+------------------------------------------+------------+----+\n',
    );
  });

  it('prints doubles as Java’s Double.toString, longs as integers', () => {
    const b = ColumnBatch.fromRows(parseDDL('x DOUBLE, n BIGINT'), [
      { x: 5.0354e-4, n: 3 },
      { x: 1e10, n: 10000000000 },
      { x: 0.1, n: -1 },
    ]);
    expect(showString(b)).toBe(
      '+---------+-----------+\n' +
        '|        x|          n|\n' +
        '+---------+-----------+\n' +
        '|5.0354E-4|          3|\n' +
        '|   1.0E10|10000000000|\n' +
        '|      0.1|         -1|\n' +
        '+---------+-----------+\n',
    );
  });

  it('an empty result still prints the header', () => {
    expect(showString(ColumnBatch.empty(parseDDL('value INT')))).toBe(
      '+-----+\n|value|\n+-----+\n+-----+\n',
    );
  });
});

describe('Java number formatting', () => {
  it('Double.toString', () => {
    expect(
      [
        0,
        -0,
        1,
        100,
        0.001,
        1234567,
        1e7,
        1e-4,
        123.456,
        -2.5,
        NaN,
        Infinity,
        -Infinity,
        1e21,
        1.0e-10,
      ].map(javaDoubleToString),
    ).toEqual([
      '0.0',
      '-0.0',
      '1.0',
      '100.0',
      '0.001',
      '1234567.0',
      '1.0E7',
      '1.0E-4',
      '123.456',
      '-2.5',
      'NaN',
      'Infinity',
      '-Infinity',
      '1.0E21',
      '1.0E-10',
    ]);
  });
  it('Float.toString uses the shortest float digits', () => {
    expect(
      [Math.fround(0.1), Math.fround(3.14), Math.fround(1e10), Math.fround(16777216)].map(
        javaFloatToString,
      ),
    ).toEqual(['0.1', '3.14', '1.0E10', '1.6777216E7']);
  });
});
