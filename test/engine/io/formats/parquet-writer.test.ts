/**
 * The Parquet writer's type mapping (Spark's SparkToParquetSchemaConverter, standard layout)
 * and values, read back with hyparquet: narrow integers, decimals by precision, arrays and
 * maps as Spark's LIST/MAP groups, intervals, REQUIRED for non-nullable columns.
 */
import { parquetMetadata, parquetReadObjects, type SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { minBytesForPrecision } from '../../../../engine/io/formats/parquet-schema';
import {
  ParquetWriter,
  SPARK_ROW_METADATA_KEY,
} from '../../../../engine/io/formats/parquet-writer';
import { DayTimeIntervalType, IntegerType } from '../../../../engine/types/data-types';
import { parseDDL } from '../../../../engine/types/ddl';
import { StructField, StructType } from '../../../../engine/types/struct-type';

function written(
  ddl: string | StructType,
  rows: Record<string, unknown>[],
  metadata: Record<string, string> = {},
) {
  const schema = typeof ddl === 'string' ? parseDDL(ddl) : ddl;
  const bytes = new ParquetWriter(metadata).encode(ColumnBatch.fromRows(schema, rows));
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const footer = parquetMetadata(buffer);
  const element = (name: string): SchemaElement => footer.schema.find((e) => e.name === name)!;
  return { buffer, footer, element };
}

describe('ParquetWriter', () => {
  it('tinyint and smallint are INT32 annotated INTEGER(8/16, signed); bigint INT64; float FLOAT', async () => {
    const { buffer, element } = written('t TINYINT, s SMALLINT, l BIGINT, f FLOAT', [
      { t: -128, s: 32_767, l: -(2 ** 53), f: 0.5 },
    ]);
    expect(element('t')).toMatchObject({
      type: 'INT32',
      converted_type: 'INT_8',
      logical_type: { type: 'INTEGER', bitWidth: 8, isSigned: true },
    });
    expect(element('s')).toMatchObject({
      type: 'INT32',
      converted_type: 'INT_16',
      logical_type: { type: 'INTEGER', bitWidth: 16 },
    });
    expect(element('l').type).toBe('INT64');
    expect(element('f').type).toBe('FLOAT');
    expect(await parquetReadObjects({ file: buffer })).toEqual([
      { t: -128, s: 32_767, l: -(2n ** 53n), f: 0.5 },
    ]);
  });

  it('decimals take the smallest integer type for their precision and keep exact unscaled values', async () => {
    const { buffer, element } = written('a DECIMAL(9,2), b DECIMAL(18,4), c DECIMAL(30,3)', [
      { a: 0.29, b: -12345.6789, c: 1.5 },
      { a: -9999999.99, b: null, c: -2 },
    ]);
    expect(element('a')).toMatchObject({
      type: 'INT32',
      converted_type: 'DECIMAL',
      precision: 9,
      scale: 2,
    });
    expect(element('b')).toMatchObject({ type: 'INT64', precision: 18, scale: 4 });
    expect(element('c')).toMatchObject({
      type: 'FIXED_LEN_BYTE_ARRAY',
      type_length: 13,
      precision: 30,
      scale: 3,
    });
    const rows = await parquetReadObjects({ file: buffer });
    // hyparquet scales by 10^-s in floating point; the stored unscaled integers are exact.
    const unscaled = (v: unknown, scale: number) =>
      v === null ? null : Math.round((v as number) * 10 ** scale);
    expect(rows.map((r) => [unscaled(r.a, 2), unscaled(r.b, 4), unscaled(r.c, 3)])).toEqual([
      [29, -123456789, 1500],
      [-999999999, null, -2000],
    ]);
  });

  it('minBytesForPrecision matches Spark (Decimal.minBytesForPrecision)', () => {
    expect([1, 2, 3, 9, 10, 18, 19, 38].map(minBytesForPrecision)).toEqual([
      1, 1, 2, 4, 5, 8, 9, 16,
    ]);
  });

  it('arrays and maps as Spark LIST / MAP groups; empty, NULL and NULL elements stay distinct', async () => {
    const { buffer, element, footer } = written(
      'xs ARRAY<INT>, m MAP<STRING, DOUBLE>, ps ARRAY<STRUCT<k: STRING>>',
      [
        {
          xs: [1, null, 3],
          m: new Map([
            ['a', 1.5],
            ['b', null],
          ]),
          ps: [{ k: 'p' }, { k: null }],
        },
        { xs: [], m: new Map(), ps: [] },
        { xs: null, m: null, ps: null },
      ],
    );
    expect(element('xs')).toMatchObject({ converted_type: 'LIST', num_children: 1 });
    expect(footer.schema.map((e) => e.name)).toEqual([
      'spark_schema',
      'xs',
      'list',
      'element',
      'm',
      'key_value',
      'key',
      'value',
      'ps',
      'list',
      'element',
      'k',
    ]);
    expect(element('key')).toMatchObject({ repetition_type: 'REQUIRED', converted_type: 'UTF8' });
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows[0]).toEqual({
      xs: [1, null, 3],
      m: { a: 1.5, b: null },
      ps: [{ k: 'p' }, { k: null }],
    });
    expect(rows[1]).toEqual({ xs: [], m: {}, ps: [] });
    expect([rows[2].xs ?? null, rows[2].m ?? null, rows[2].ps ?? null]).toEqual([null, null, null]);
  });

  it('non-nullable columns are REQUIRED; the Spark schema JSON and caller metadata are in the footer', () => {
    const schema = new StructType([
      new StructField('id', new IntegerType(), false),
      new StructField('d', new DayTimeIntervalType(), true),
    ]);
    const { element, footer } = written(schema, [{ id: 1, d: 90_000_000 }], {
      'tidemark.batchId': '7',
    });
    expect(element('id')).toMatchObject({ type: 'INT32', repetition_type: 'REQUIRED' });
    expect(element('d')).toMatchObject({ type: 'INT64', repetition_type: 'OPTIONAL' });
    expect(footer.key_value_metadata).toEqual([
      { key: 'tidemark.batchId', value: '7' },
      { key: SPARK_ROW_METADATA_KEY, value: schema.json() },
    ]);
  });
});
