/**
 * Snapshot export (issue 5 §7): one result table written as CSV, JSON lines, Parquet and
 * Arrow IPC, each read back with a real reader (the engine's CSV and JSON readers,
 * hyparquet, apache-arrow), the metadata found where each format keeps it, atomic
 * replacement, and the clipboard TSV.
 */
import { tableFromIPC, TimeUnit, type Timestamp } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type { Vector } from '../../../engine/batch/vector';
import { CsvReader } from '../../../engine/io/formats/csv-reader';
import { JsonReader } from '../../../engine/io/formats/json-reader';
import { FileWriteError } from '../../../engine/service/atomic-file-write';
import type { SnapshotManifest } from '../../../engine/service/snapshot-manifest';
import { snapshotTSV, writeSnapshot } from '../../../engine/service/snapshot-export';
import { ArrayType, IntegerType } from '../../../engine/types/data-types';
import { parseDDL } from '../../../engine/types/ddl';
import { StructField, StructType } from '../../../engine/types/struct-type';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const DDL =
  's STRING, i INT, b BIGINT, d DOUBLE, ok BOOLEAN, ts TIMESTAMP, day DATE, n VOID, loc STRUCT<x: INT, `y z`: STRING>';
const TS = 1_700_000_000_123_456; // 2023-11-14T22:13:20.123456Z, in µs
const ROWS: Record<string, unknown>[] = [
  {
    s: 'a',
    i: 1,
    b: 2 ** 40,
    d: 1.5,
    ok: true,
    ts: TS,
    day: 19_000,
    n: null,
    loc: { x: 7, 'y z': 'q' },
  },
  { s: null, i: null, b: null, d: null, ok: null, ts: null, day: null, n: null, loc: null },
  {
    s: '',
    i: -5,
    b: -1,
    d: -0.25,
    ok: false,
    ts: 0,
    day: -1,
    n: null,
    loc: { x: null, 'y z': null },
  },
];
const METADATA = {
  'tidemark.queryId': 'q-1',
  'tidemark.batchId': '4',
  'tidemark.watermark': '2023-11-14T22:13:10.000Z',
  'tidemark.exportedAt': '2024-01-01T00:00:00.000Z',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-snapshot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const table = () => ColumnBatch.fromRows(parseDDL(DDL), ROWS);
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const manifestOf = (path: string) =>
  JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as SnapshotManifest;

describe('writeSnapshot: each format reads back with a real reader', () => {
  it('jsonl: Spark JSON lines (nulls left out, timestamps as text) that the JSON reader turns back into the table', async () => {
    const path = join(dir, 'table.jsonl');
    const result = await writeSnapshot(table(), 'jsonl', path, METADATA, { timeZone: 'UTC' });
    expect(result).toEqual({
      path,
      format: 'jsonl',
      numRows: 3,
      bytes: statSync(path).size,
      metadata: { ...METADATA, 'tidemark.manifest': `${path}.meta.json` },
    });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe(
      '{"s":"a","i":1,"b":1099511627776,"d":1.5,"ok":true,"ts":"2023-11-14T22:13:20.123Z","day":"2022-01-08","loc":{"x":7,"y z":"q"}}',
    );
    expect(lines[1]).toBe('{}');

    const back = new JsonReader({}, conf).read(path, bytesOf(path), parseDDL(DDL)).batch.toRows();
    // Spark's default timestampFormat (…ss.SSSXXX) keeps milliseconds.
    expect(back).toEqual([{ ...ROWS[0], ts: 1_700_000_000_123_000 }, ROWS[1], ROWS[2]]);
  });

  it('csv: a header line, Spark CSV values, the struct as its to_json text; the CSV reader reads it back', async () => {
    const path = join(dir, 'table.csv');
    const result = await writeSnapshot(table(), 'csv', path, METADATA, { timeZone: 'UTC' });
    expect(result.bytes).toBe(statSync(path).size);
    expect(result.numRows).toBe(3);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('s,i,b,d,ok,ts,day,n,loc');
    // NULL is an empty field, the empty string `""` (emptyValue), as Spark writes them.
    expect(lines[2]).toBe(',,,,,,,,');
    expect(lines[3].startsWith('"",-5,')).toBe(true);

    const asWritten = parseDDL(DDL.replace(/loc STRUCT<.*>$/, 'loc STRING'));
    const back = new CsvReader({ header: 'true' }, conf)
      .read(path, bytesOf(path), asWritten)
      .batch.toRows();
    expect(
      back.map((r) => ({ ...r, loc: r.loc === null ? null : JSON.parse(r.loc as string) })),
    ).toEqual([
      { ...ROWS[0], ts: 1_700_000_000_123_000 },
      ROWS[1],
      // to_json leaves null fields out: {"x":null,…} is written as {}. Spark's reader
      // turns `""` back into NULL (emptyValue "" equals the default nullValue "").
      { ...ROWS[2], s: null, loc: {} },
    ]);
  });

  it('csv and jsonl: the sidecar manifest holds the metadata, the schema as DDL and the row count', async () => {
    const path = join(dir, 'table.csv');
    await writeSnapshot(table(), 'csv', path, METADATA, { timeZone: 'UTC' });
    const manifest = manifestOf(path);
    expect(manifest).toMatchObject({
      file: 'table.csv',
      format: 'csv',
      numRows: 3,
      bytes: statSync(path).size,
      options: { header: 'true', timeZone: 'UTC' },
      metadata: METADATA,
    });
    expect(manifest.schema).toBe(
      's STRING, i INT, b BIGINT, d DOUBLE, ok BOOLEAN, ts TIMESTAMP, day DATE, n VOID, loc STRUCT<x: INT, `y z`: STRING>',
    );
    // The DDL reads back as the same schema, nested field names included.
    expect(parseDDL(manifest.schema).json()).toBe(parseDDL(DDL).json());
    expect(manifest.columns.at(-1)).toEqual({
      name: 'loc',
      type: 'struct<x:int,y z:string>',
      nullable: true,
      writtenAs: 'json',
    });

    const jsonl = join(dir, 'table.jsonl');
    await writeSnapshot(table(), 'jsonl', jsonl, METADATA);
    expect(manifestOf(jsonl).columns.some((c) => c.writtenAs !== undefined)).toBe(false);
  });

  it('parquet: Spark types as Parquet logical types, nulls kept, metadata and Spark schema in the footer', async () => {
    const path = join(dir, 'table.parquet');
    const result = await writeSnapshot(table(), 'parquet', path, METADATA);
    const file = readFileSync(path);
    const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    expect(result.bytes).toBe(file.byteLength);

    const footer = parquetMetadata(buffer);
    const kv = Object.fromEntries((footer.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv).toEqual({
      ...METADATA,
      'org.apache.spark.sql.parquet.row.metadata': parseDDL(DDL).json(),
    });
    expect(result.metadata).toEqual(kv);
    expect(Number(footer.num_rows)).toBe(3);
    const element = (name: string) => footer.schema.find((e) => e.name === name)!;
    expect(element('s')).toMatchObject({
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      repetition_type: 'OPTIONAL',
    });
    expect(element('i').type).toBe('INT32');
    expect(element('b').type).toBe('INT64');
    expect(element('d').type).toBe('DOUBLE');
    expect(element('ok').type).toBe('BOOLEAN');
    expect(element('ts')).toMatchObject({
      type: 'INT64',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    });
    expect(element('day')).toMatchObject({ type: 'INT32', logical_type: { type: 'DATE' } });
    expect(element('loc')).toMatchObject({ num_children: 2, repetition_type: 'OPTIONAL' });

    const rows = await parquetReadObjects({
      file: buffer,
      // Raw values: µs since the epoch and days, to compare exactly.
      parsers: {
        timestampFromMicroseconds: (us: bigint) => Number(us),
        dateFromDays: (days: number) => days,
      },
    });
    expect(rows[0]).toEqual({ ...ROWS[0], b: 2n ** 40n });
    expect(rows[1]).toMatchObject({
      s: null,
      i: null,
      b: null,
      d: null,
      ok: null,
      ts: null,
      day: null,
      n: null,
    });
    expect(rows[1].loc ?? null).toBeNull();
    expect(rows[2]).toEqual({ ...ROWS[2], b: -1n });
  });

  it('arrow: an IPC file (ARROW1 magic) that tableFromIPC reads, metadata on the schema', async () => {
    const path = join(dir, 'table.arrow');
    const result = await writeSnapshot(table(), 'arrow', path, METADATA);
    const bytes = bytesOf(path);
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('ARROW1');
    expect(result).toMatchObject({
      format: 'arrow',
      numRows: 3,
      bytes: bytes.length,
      metadata: METADATA,
    });

    const back = tableFromIPC(bytes);
    expect(Object.fromEntries(back.schema.metadata)).toEqual(METADATA);
    const ts = back.schema.fields.find((f) => f.name === 'ts')!.type as Timestamp;
    expect([ts.unit, ts.timezone]).toEqual([TimeUnit.MICROSECOND, 'UTC']);
    const rows = back.toArray().map((r) => r.toJSON());
    expect(rows[0]).toMatchObject({ s: 'a', i: 1, b: 2n ** 40n, d: 1.5, ok: true, n: null });
    expect(rows[0].loc?.toJSON()).toEqual({ x: 7, 'y z': 'q' });
    expect(back.getChild('ts')!.get(0)).toBe(TS / 1000); // apache-arrow gives ms (fraction kept)
    expect(back.getChild('day')!.get(0)).toBe(19_000 * 86_400_000);
    expect(rows[1]).toEqual({
      s: null,
      i: null,
      b: null,
      d: null,
      ok: null,
      ts: null,
      day: null,
      n: null,
      loc: null,
    });
    expect(rows[2].loc?.toJSON()).toEqual({ x: null, 'y z': null });
  });

  it('an empty table still gives a readable file with its columns', async () => {
    const empty = ColumnBatch.empty(parseDDL(DDL));
    const arrow = await writeSnapshot(empty, 'arrow', join(dir, 'e.arrow'), METADATA);
    expect(arrow.numRows).toBe(0);
    expect(tableFromIPC(bytesOf(join(dir, 'e.arrow'))).schema.fields.map((f) => f.name)).toEqual(
      parseDDL(DDL).names,
    );
    await writeSnapshot(empty, 'csv', join(dir, 'e.csv'), METADATA);
    expect(readFileSync(join(dir, 'e.csv'), 'utf8')).toBe('s,i,b,d,ok,ts,day,n,loc\n');
    await writeSnapshot(empty, 'parquet', join(dir, 'e.parquet'), METADATA);
    const file = readFileSync(join(dir, 'e.parquet'));
    expect(
      Number(
        parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength))
          .num_rows,
      ),
    ).toBe(0);
  });

  it('a table larger than one write chunk is written whole, in order, with one CSV header', async () => {
    const schema = parseDDL('id INT');
    const rows = Array.from({ length: 20_000 }, (_, id) => ({ id }));
    const path = join(dir, 'big.jsonl');
    await writeSnapshot(ColumnBatch.fromRows(schema, rows), 'jsonl', path, {});
    expect(new JsonReader({}, conf).read(path, bytesOf(path), schema).batch.toRows()).toEqual(rows);
    const csv = join(dir, 'big.csv');
    await writeSnapshot(ColumnBatch.fromRows(schema, rows), 'csv', csv, {});
    expect(readFileSync(csv, 'utf8')).toBe(['id', ...rows.map((r) => r.id)].join('\n') + '\n');
  });
});

describe('writeSnapshot: atomic replacement', () => {
  const OLD = 'the previous export\n';
  const leftovers = () => readdirSync(dir).filter((f) => f.includes('.tmp-'));

  /** 20 000 rows of array<int> whose last row is not an array: encoding fails after the first chunk. */
  function failingLateBatch(): ColumnBatch {
    const type = new ArrayType(new IntegerType());
    const values: unknown[] = Array.from({ length: 20_000 }, () => [1]);
    values[19_999] = 42; // not iterable: the JSON writer throws on it
    const column: Vector = {
      storage: 'object',
      type,
      length: values.length,
      validity: null,
      values,
    };
    return new ColumnBatch(new StructType([new StructField('xs', type)]), [column], values.length);
  }

  it('a conversion that fails part-way leaves the existing file and manifest as they were, and no temp file', async () => {
    const path = join(dir, 'out.jsonl');
    writeFileSync(path, OLD);
    writeFileSync(`${path}.meta.json`, '{"old":true}');
    await expect(writeSnapshot(failingLateBatch(), 'jsonl', path, METADATA)).rejects.toThrow(
      TypeError,
    );
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(readFileSync(`${path}.meta.json`, 'utf8')).toBe('{"old":true}');
    expect(leftovers()).toEqual([]);
  });

  it('a table Parquet cannot hold (duplicate column names) fails as Spark does, the old file untouched', async () => {
    const path = join(dir, 'out.parquet');
    writeFileSync(path, OLD);
    const dup = ColumnBatch.fromRows(
      new StructType([
        new StructField('a', new IntegerType()),
        new StructField('a', new IntegerType()),
      ]),
      [{ a: 1 }],
    );
    await expect(writeSnapshot(dup, 'parquet', path, {})).rejects.toThrow(
      '[COLUMN_ALREADY_EXISTS] The column `a` already exists',
    );
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(leftovers()).toEqual([]);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'out.csv');
    writeFileSync(path, OLD);
    await writeSnapshot(table(), 'csv', path, METADATA);
    expect(readFileSync(path, 'utf8').startsWith('s,i,b,')).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('a missing folder is reported with the path and what to do', async () => {
    const path = join(dir, 'nope', 'out.arrow');
    const error = await writeSnapshot(table(), 'arrow', path, METADATA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as FileWriteError).code).toBe('ENOENT');
    expect((error as Error).message).toBe(
      `Cannot write ${path}: the folder ${join(dir, 'nope')} does not exist. Choose an existing folder.`,
    );
  });

  it('a folder where the file should go is refused before anything is written', async () => {
    const path = join(dir, 'out.csv');
    mkdirSync(path);
    await expect(writeSnapshot(table(), 'csv', path, METADATA)).rejects.toThrow(
      `Cannot write ${path}: ${path} is a folder. Give a file name instead.`,
    );
    // The manifest of a failed export is not written either.
    expect(readdirSync(dir)).toEqual(['out.csv']);

    const manifestBlocked = join(dir, 'other.jsonl');
    writeFileSync(manifestBlocked, OLD);
    mkdirSync(`${manifestBlocked}.meta.json`);
    await expect(writeSnapshot(table(), 'jsonl', manifestBlocked, METADATA)).rejects.toThrow(
      FileWriteError,
    );
    expect(readFileSync(manifestBlocked, 'utf8')).toBe(OLD);
    expect(leftovers()).toEqual([]);
  });

  // Root ignores folder permissions, so this can only be observed as another user.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'a read-only folder: permission denied names the folder; the existing file stays',
    async () => {
      const folder = join(dir, 'locked');
      mkdirSync(folder);
      const path = join(folder, 'out.parquet');
      writeFileSync(path, OLD);
      const { chmodSync } = await import('node:fs');
      chmodSync(folder, 0o555);
      try {
        await expect(writeSnapshot(table(), 'parquet', path, METADATA)).rejects.toThrow(
          `Cannot write ${path}: permission denied in ${folder}.`,
        );
        expect(readFileSync(path, 'utf8')).toBe(OLD);
      } finally {
        chmodSync(folder, 0o755);
      }
    },
  );
});

describe('snapshotTSV: the table for the clipboard', () => {
  it('a header, then rows as show() prints values; NULL as an empty cell; tabs and line breaks escaped', () => {
    const schema = parseDDL(
      'name STRING, n INT, ts TIMESTAMP, loc STRUCT<x: INT, y: STRING>, tags ARRAY<STRING>, d DOUBLE',
    );
    const batch = ColumnBatch.fromRows(schema, [
      { name: 'tab\there', n: 1, ts: TS, loc: { x: 1, y: null }, tags: ['a', 'b'], d: 1e7 },
      { name: 'two\nlines\r\n', n: null, ts: null, loc: null, tags: null, d: null },
    ]);
    expect(snapshotTSV(batch, 'UTC').split('\n')).toEqual([
      'name\tn\tts\tloc\ttags\td',
      'tab\\there\t1\t2023-11-14 22:13:20.123456\t{1, NULL}\t[a, b]\t1.0E7',
      'two\\nlines\\r\\n\t\t\t\t\t',
    ]);
  });

  it('timestamps are shown in the given session time zone', () => {
    const batch = ColumnBatch.fromRows(parseDDL('ts TIMESTAMP'), [{ ts: 0 }]);
    expect(snapshotTSV(batch, 'America/New_York')).toBe('ts\n1969-12-31 19:00:00');
  });
});
