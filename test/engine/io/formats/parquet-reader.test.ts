/**
 * The Parquet reader: round trips through our writer, files written by Spark 4.1 and pyarrow
 * (test/fixtures/parquet/, made by make-fixtures.py), name matching, missing columns,
 * required columns, type widening and Spark's PARQUET_COLUMN_DATA_TYPE_MISMATCH.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { SparkRuntimeException } from '../../../../engine/errors';
import { ParquetReader, inferParquetSchema } from '../../../../engine/io/formats/parquet-reader';
import { ParquetWriter } from '../../../../engine/io/formats/parquet-writer';
import { inferSchema, readerFor } from '../../../../engine/io/formats/registry';
import { parseDDL } from '../../../../engine/types/ddl';

const FIXTURES = join(__dirname, '../../../fixtures/parquet');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };

function parquetOf(ddl: string, rows: Record<string, unknown>[]): Uint8Array {
  return new ParquetWriter().encode(ColumnBatch.fromRows(parseDDL(ddl), rows));
}

function read(data: Uint8Array, ddl: string, required?: string[]) {
  return new ParquetReader().read('/data/in.parquet', data, parseDDL(ddl), required).batch.toRows();
}

const micros = (iso: string): number => Date.parse(iso) * 1000;

describe('ParquetReader on files our writer made', () => {
  const ddl =
    'id INT, name STRING, amount DECIMAL(10,2), big BIGINT, ts TIMESTAMP, d DATE, tags ARRAY<STRING>, ' +
    'props MAP<STRING,INT>, point STRUCT<x: INT, label: STRING>, flag BOOLEAN';
  const rows = [
    {
      id: 1,
      name: 'alpha',
      amount: 12.34,
      big: 2 ** 53 - 1,
      ts: micros('2024-03-01T12:30:45.123Z') + 456,
      d: 19783,
      tags: ['a', null],
      props: new Map([['k', 1]]),
      point: { x: 10, label: 'p' },
      flag: true,
    },
    { id: 2, name: null, amount: null, big: null, ts: null, d: null, tags: null, props: null, point: null, flag: null },
  ];

  it('reads every value back, nulls included', () => {
    expect(read(parquetOf(ddl, rows), ddl)).toEqual(rows);
  });

  it('reads a file whose bytes are a view into a larger buffer (readFileSync of a small file: a slice of Node\'s pool)', () => {
    const bytes = parquetOf(ddl, rows);
    const pool = Buffer.alloc(bytes.byteLength + 3000, 0x41);
    pool.set(bytes, 1000);
    expect(read(pool.subarray(1000, 1000 + bytes.byteLength), ddl)).toEqual(rows);
  });

  it('infers the written Spark schema from the footer', () => {
    const schema = inferSchema('parquet', [{ path: 'a.parquet', data: parquetOf(ddl, rows) }], {}, conf);
    expect(schema.toDDL()).toBe(parseDDL(ddl).toDDL());
  });

  it('matches names case-insensitively, reads missing columns as NULL and only the required ones', () => {
    const data = parquetOf(ddl, rows);
    expect(read(data, 'ID INT, Name STRING, nothere STRING')).toEqual([
      { ID: 1, Name: 'alpha', nothere: null },
      { ID: 2, Name: null, nothere: null },
    ]);
    expect(read(data, 'id INT, name STRING', ['id'])).toEqual([
      { id: 1, name: null },
      { id: 2, name: null },
    ]);
  });

  it('widens int to bigint and double, as Spark 4 does', () => {
    const data = parquetOf('n INT, f FLOAT', [{ n: 7, f: 1.5 }]);
    expect(read(data, 'n BIGINT, f DOUBLE')).toEqual([{ n: 7, f: 1.5 }]);
  });

  it('fails an incompatible declared type with PARQUET_COLUMN_DATA_TYPE_MISMATCH naming the file', () => {
    const data = parquetOf('n BIGINT', [{ n: 7 }]);
    let error: unknown;
    try {
      read(data, 'n INT');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SparkRuntimeException);
    const e = error as SparkRuntimeException;
    expect(e.errorClass).toBe('FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH');
    expect(e.message).toContain('file:///data/in.parquet');
    expect(e.message).toContain('Expected Spark type int, actual Parquet type INT64');
  });

  it('throws a plain error for bytes that are not Parquet (the file source names the file)', () => {
    expect(() => read(new TextEncoder().encode('{"a":1}\n'), 'a INT')).toThrow(/Not a Parquet file/);
  });

  it('reads several row groups in order', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: i }));
    const a = parquetOf('id INT', many.slice(0, 2));
    const b = parquetOf('id INT', many.slice(2));
    expect([...read(a, 'id INT'), ...read(b, 'id INT')]).toEqual(many);
  });
});

describe('ParquetReader on files Spark 4.1 wrote (fixtures)', () => {
  const expected = [
    {
      id: 1,
      name: 'alpha',
      amount: 12.34,
      big: 9007199254740991,
      ratio: 0.5,
      flag: true,
      ts: micros('2024-03-01T12:30:45.123Z') + 456,
      d: 19783,
      tags: ['a', 'b'],
      props: new Map([['k', 1]]),
      point: { x: 10, label: 'p' },
      raw: new Uint8Array([0, 1]),
    },
    { id: 2, name: null, amount: null, big: null, ratio: null, flag: null, ts: null, d: null, tags: null, props: null, point: null, raw: null },
    {
      id: 3,
      name: 'gamma',
      amount: -0.05,
      big: -5,
      ratio: -1.25,
      flag: false,
      ts: micros('1999-12-31T23:59:59Z'),
      d: 0,
      tags: [],
      props: new Map(),
      point: { x: null, label: null },
      raw: new Uint8Array([]),
    },
  ];

  for (const file of ['spark-types.parquet', 'spark-micros.parquet']) {
    it(`${file}: schema from the footer and every value`, () => {
      const data = fixture(file);
      const schema = inferParquetSchema([{ path: file, data }]);
      expect(schema.toDDL()).toBe(
        parseDDL(
          'id INT, name STRING, amount DECIMAL(10,2), big BIGINT, ratio DOUBLE, flag BOOLEAN, ts TIMESTAMP, d DATE, ' +
            'tags ARRAY<STRING>, props MAP<STRING,INT>, point STRUCT<x: INT, label: STRING>, raw BINARY',
        ).toDDL(),
      );
      const rows = new ParquetReader().read(file, data, schema).batch.toRows();
      expect(rows).toEqual(expected);
    });
  }

  it('pyarrow-plain.parquet (no Spark metadata): converts the Parquet schema as ParquetToSparkSchemaConverter', () => {
    const data = fixture('pyarrow-plain.parquet');
    const schema = inferParquetSchema([{ path: 'p', data }]);
    expect(schema.toDDL()).toBe(
      parseDDL(
        'id INT, small TINYINT, total BIGINT, city STRING, at TIMESTAMP, at_ms TIMESTAMP, day DATE, ' +
          'price DECIMAL(7,2), scores ARRAY<INT>, blob BINARY',
      ).toDDL(),
    );
    const rows = readerFor('parquet', {}, conf).read('p', data, schema).batch.toRows();
    expect(rows).toEqual([
      { id: 1, small: 1, total: 10, city: 'Oslo', at: 1_700_000_000_000_000, at_ms: 1_700_000_000_123_000, day: 19000, price: 1.5, scores: [1, 2], blob: new Uint8Array([1]) },
      { id: 2, small: -2, total: null, city: 'Lima', at: null, at_ms: null, day: null, price: null, scores: null, blob: null },
      { id: null, small: 3, total: 30, city: null, at: 0, at_ms: 0, day: 0, price: -2.25, scores: [], blob: new Uint8Array([]) },
    ]);
  });
});
