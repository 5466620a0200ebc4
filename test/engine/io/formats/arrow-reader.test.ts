/**
 * The Arrow IPC reader (a Tidemark extension): both IPC layouts, files Tidemark exports
 * (types from `spark.type` metadata, microsecond timestamps), plain Arrow types mapped as
 * Spark's ArrowUtils.fromArrowType, name matching, missing columns and type mismatches.
 */
import {
  DateDay,
  Int16,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { SparkRuntimeException } from '../../../../engine/errors';
import { ArrowReader, inferArrowSchema } from '../../../../engine/io/formats/arrow-reader';
import { readerFor } from '../../../../engine/io/formats/registry';
import { toArrowIPC } from '../../../../engine/service/arrow-export';
import { toArrowIPCFile } from '../../../../engine/service/arrow-ipc-file';
import { parseDDL } from '../../../../engine/types/ddl';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const ddl = 'id INT, name STRING, big BIGINT, amount DECIMAL(10,2), ts TIMESTAMP, d DATE, tags ARRAY<STRING>, point STRUCT<x: INT, label: STRING>';
const rows = [
  {
    id: 1,
    name: 'alpha',
    big: 2 ** 53 - 1,
    amount: 12.34,
    ts: Date.parse('2024-03-01T12:30:45.123Z') * 1000 + 456,
    d: 19783,
    tags: ['a', 'b'],
    point: { x: 10, label: 'p' },
  },
  { id: 2, name: null, big: null, amount: null, ts: null, d: null, tags: null, point: null },
];
const batch = ColumnBatch.fromRows(parseDDL(ddl), rows);

describe('ArrowReader', () => {
  for (const [layout, bytes] of [
    ['file', toArrowIPCFile(batch, {})],
    ['stream', toArrowIPC(batch)],
  ] as const) {
    it(`reads Tidemark's Arrow IPC ${layout} back exactly, schema included`, () => {
      const schema = inferArrowSchema([{ path: 'a.arrow', data: bytes }]);
      expect(schema.toDDL()).toBe(parseDDL(ddl).toDDL());
      expect(new ArrowReader().read('a.arrow', bytes, schema).batch.toRows()).toEqual(rows);
    });
  }

  it('reads bytes that are a view into a larger buffer (a small file read with readFileSync)', () => {
    const bytes = toArrowIPCFile(batch, {});
    const pool = Buffer.alloc(bytes.byteLength + 3000, 0x41);
    pool.set(bytes, 1000);
    const view = pool.subarray(1000, 1000 + bytes.byteLength);
    expect(new ArrowReader().read('a.arrow', view, parseDDL(ddl)).batch.toRows()).toEqual(rows);
  });

  it('maps plain Arrow types as ArrowUtils.fromArrowType and reads by name, case-insensitively', () => {
    const table = new Table({
      Small: vectorFromArray([1, -2], new Int16()),
      total: vectorFromArray([10n, null], new Int64()),
      at: vectorFromArray([new Date(1000), null], new TimestampMillisecond()),
      day: vectorFromArray([new Date(86_400_000 * 3), null], new DateDay()),
      city: vectorFromArray(['Oslo', null], new Utf8()),
    });
    const data = tableToIPC(table, 'file');
    expect(inferArrowSchema([{ path: 'p', data }]).toDDL()).toBe(
      parseDDL('Small SMALLINT, total BIGINT, at TIMESTAMP, day DATE, city STRING').toDDL(),
    );
    const read = readerFor('arrow', {}, conf).read('p', data, parseDDL('small INT, total BIGINT, at TIMESTAMP, day DATE, missing STRING'));
    expect(read.batch.toRows()).toEqual([
      { small: 1, total: 10, at: 1_000_000, day: 3, missing: null },
      { small: -2, total: null, at: null, day: null, missing: null },
    ]);
  });

  it('keeps timestamps and dates nested in structs, arrays and maps (to the millisecond apache-arrow gives)', () => {
    const nested = 'ev STRUCT<at: TIMESTAMP, day: DATE>, days ARRAY<DATE>, seen MAP<STRING, TIMESTAMP>';
    const value = [{ ev: { at: 1_700_000_000_123_000, day: 19000 }, days: [0, 19000], seen: new Map([['a', 5_000]]) }];
    const data = toArrowIPCFile(ColumnBatch.fromRows(parseDDL(nested), value), {});
    expect(new ArrowReader().read('n', data, parseDDL(nested)).batch.toRows()).toEqual(value);
  });

  it('decodes only the required columns', () => {
    const data = toArrowIPCFile(batch, {});
    expect(new ArrowReader().read('a', data, parseDDL('id INT, name STRING'), ['name']).batch.toRows()).toEqual([
      { id: null, name: 'alpha' },
      { id: null, name: null },
    ]);
  });

  it('fails a declared type the column cannot be read as, naming the file', () => {
    const data = toArrowIPCFile(batch, {});
    let error: unknown;
    try {
      new ArrowReader().read('/data/a.arrow', data, parseDDL('name INT'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SparkRuntimeException);
    expect((error as Error).message).toContain('file:///data/a.arrow');
    expect((error as Error).message).toContain('Expected Spark type int, actual Arrow column type string');
  });

  it('throws a plain error for bytes that are not Arrow IPC', () => {
    expect(() => new ArrowReader().read('x', new TextEncoder().encode('{"a":1}\n'), parseDDL('a INT'))).toThrow(/Not an Arrow IPC/);
  });
});
