/**
 * spark.tidemark.source.parseThreads: a batch decoded on two threads is exactly the batch
 * decoded in the calling thread — rows in list order with their types (maps, binary, structs,
 * timestamps), corrupt-record counts, warnings — for every format and parse mode, and it
 * fails with exactly the same error (class, errorClass, message, file and line).
 */
import { promises as fs, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerFor } from '../../../../engine/io/formats/registry';
import { decodePool, shutdownDecodePool } from '../../../../engine/io/parallel/decode-pool';
import { PARALLEL_MIN_BYTES, readFiles, type FilesReadResult, type ReadFilesOptions } from '../../../../engine/io/sources/read-files';
import type { StructType } from '../../../../engine/types/struct-type';
import { parseDDL } from '../../../../engine/types/ddl';
import {
  COLUMNAR_DDL,
  CSV_DDL,
  JSON_DDL,
  writeArrowFiles,
  writeCsvFiles,
  writeJsonFiles,
  writeParquetFiles,
  writeTextFiles,
} from '../parallel/parallel-fixtures';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
let dir: string;
let json: string[];
let csv: string[];
let text: string[];
let parquet: string[];
let arrow: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-read-files-parallel-'));
  json = writeJsonFiles(dir, 3, 3000);
  csv = writeCsvFiles(dir, 3, 16_000);
  text = writeTextFiles(dir, 3, 25_000);
  parquet = writeParquetFiles(dir, 3, 12_000);
  arrow = writeArrowFiles(dir, 3, 6000);
});
afterAll(async () => {
  await shutdownDecodePool();
  rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (paths: readonly string[]): number => paths.reduce((n, p) => n + statSync(p).size, 0);

/** The same read in the calling thread and on two threads. */
async function both(
  paths: readonly string[],
  format: string,
  schema: StructType,
  readerOptions: Record<string, string> = {},
  options: Partial<ReadFilesOptions> = {},
): Promise<[FilesReadResult, FilesReadResult]> {
  const reader = readerFor(format, readerOptions, conf);
  const base = { ignoreMissingFiles: false, ...options };
  const one = await readFiles(paths, reader, schema, { ...base, parseThreads: 1 });
  const two = await readFiles(paths, reader, schema, { ...base, parseThreads: 2 });
  return [one, two];
}

function expectSame(one: FilesReadResult, two: FilesReadResult): void {
  expect(two.batch.numRows).toBe(one.batch.numRows);
  expect(two.batch.schema.json()).toBe(one.batch.schema.json());
  expect(two.batch.columns.map((c) => [c.storage, c.type.simpleString()])).toEqual(
    one.batch.columns.map((c) => [c.storage, c.type.simpleString()]),
  );
  expect(two.batch.toRows()).toStrictEqual(one.batch.toRows());
  expect(two.files).toEqual(one.files);
  expect(two.numCorruptRecords).toBe(one.numCorruptRecords);
  expect(two.warnings).toStrictEqual(one.warnings);
}

/** What a caller can see of an error: its class and every Spark field. */
async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(Error);
  const err = e as Error & Record<string, unknown>;
  return {
    class: err.constructor.name,
    name: err.name,
    message: err.message,
    errorClass: err.errorClass,
    messageParameters: err.messageParameters,
    sqlState: err.sqlState,
    context: err.context,
    causeCode: (err.cause as { code?: unknown } | undefined)?.code,
  };
}

describe('parseThreads=2 gives the parseThreads=1 batch', () => {
  it('uses the decode pool for these files (they are over the threshold together)', async () => {
    expect(bytesOf(json)).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const [one, two] = await both(json, 'json', parseDDL(JSON_DDL));
    expect(decodePool().threads.length).toBe(2);
    expectSame(one, two);
    expect(one.batch.numRows).toBe(9000);
  });

  for (const mode of ['PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'] as const) {
    it(`JSON in ${mode} mode, corrupt records included`, async () => {
      const schema = parseDDL(JSON_DDL);
      if (mode === 'FAILFAST') {
        const reader = readerFor('json', { mode }, conf);
        const one = await failure(readFiles(json, reader, schema, { ignoreMissingFiles: false, parseThreads: 1 }));
        const two = await failure(readFiles(json, reader, schema, { ignoreMissingFiles: false, parseThreads: 2 }));
        expect(one.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
        expect(one.context).toMatchObject({ file: json[0] });
        expect(two).toStrictEqual(one);
        return;
      }
      const [one, two] = await both(json, 'json', schema, { mode });
      expect(one.numCorruptRecords).toBeGreaterThan(0);
      expectSame(one, two);
    });
  }

  it('CSV, PERMISSIVE and DROPMALFORMED, with a header-less corrupt column', async () => {
    for (const mode of ['PERMISSIVE', 'DROPMALFORMED']) {
      const [one, two] = await both(csv, 'csv', parseDDL(CSV_DDL), { mode });
      expect(one.numCorruptRecords).toBeGreaterThan(0);
      expectSame(one, two);
    }
  });

  it('CSV in FAILFAST mode fails alike', async () => {
    const reader = readerFor('csv', { mode: 'FAILFAST' }, conf);
    const schema = parseDDL(CSV_DDL);
    const one = await failure(readFiles(csv, reader, schema, { ignoreMissingFiles: false, parseThreads: 1 }));
    const two = await failure(readFiles(csv, reader, schema, { ignoreMissingFiles: false, parseThreads: 2 }));
    expect(String(one.message)).toContain('part-0.csv');
    expect(two).toStrictEqual(one);
  });

  it('text', async () => {
    const [one, two] = await both(text, 'text', parseDDL('value STRING'));
    expectSame(one, two);
    expect(one.batch.numRows).toBe(75_000);
  });

  it('Parquet, nested and binary values included', async () => {
    expect(bytesOf(parquet)).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const [one, two] = await both(parquet, 'parquet', parseDDL(COLUMNAR_DDL));
    expectSame(one, two);
    const row = two.batch.toRows()[1];
    expect(row.attrs).toBeInstanceOf(Map);
    expect(row.bin).toBeInstanceOf(Uint8Array);
  });

  it('Arrow IPC files', async () => {
    expect(bytesOf(arrow)).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const [one, two] = await both(arrow, 'arrow', parseDDL(COLUMNAR_DDL));
    expectSame(one, two);
  });

  it('files of very different sizes (biggest decoded first) still come back in list order', async () => {
    const small = writeJsonFiles(mkdtempSync(join(dir, 'mixed-')), 4, 50);
    const paths = [small[0], json[0], small[1], small[2], json[1], small[3], json[2]];
    const [one, two] = await both(paths, 'json', parseDDL(JSON_DDL));
    expectSame(one, two);
    expect(two.files).toEqual(paths);
  });

  it('only the columns the plan reads (requiredColumns)', async () => {
    const [one, two] = await both(json, 'json', parseDDL(JSON_DDL), {}, { requiredColumns: ['name', 'score'] });
    expectSame(one, two);
  });
});

describe('missing and damaged files with parseThreads=2', () => {
  it('a vanished file fails with FILE_NOT_EXIST, or is skipped with ignoreMissingFiles', async () => {
    const gone = join(dir, 'gone.json');
    const paths = [json[0], gone, json[1]];
    const reader = readerFor('json', {}, conf);
    const schema = parseDDL(JSON_DDL);
    const one = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 1 }));
    const two = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 2 }));
    expect(one.errorClass).toBe('FAILED_READ_FILE.FILE_NOT_EXIST');
    expect(two).toStrictEqual(one);

    const [r1, r2] = await both(paths, 'json', schema, {}, { ignoreMissingFiles: true });
    expectSame(r1, r2);
    expect(r2.files).toEqual([json[0], json[1]]);
    expect(r2.warnings[0]).toMatchObject({ code: 'FILE_NOT_EXIST', file: gone });
  });

  it('a damaged Parquet file fails with NO_HINT, or is skipped with ignoreCorruptFiles', async () => {
    const bad = join(dir, 'damaged.parquet');
    const whole = await fs.readFile(parquet[0]);
    writeFileSync(bad, whole.subarray(0, whole.length - 9));
    const paths = [parquet[1], bad, parquet[2]];
    const reader = readerFor('parquet', {}, conf);
    const schema = parseDDL(COLUMNAR_DDL);
    const one = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 1 }));
    const two = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 2 }));
    expect(one.errorClass).toBe('FAILED_READ_FILE.NO_HINT');
    expect(two).toStrictEqual(one);

    const [r1, r2] = await both(paths, 'parquet', schema, {}, { ignoreCorruptFiles: true });
    expectSame(r1, r2);
    expect(r2.warnings.map((w) => w.file)).toEqual([bad]);
  });

  it('a folder where a file was: NO_HINT with the I/O code, or skipped', async () => {
    const folder = join(dir, 'folder.json');
    await fs.mkdir(folder, { recursive: true });
    const paths = [json[0], folder, json[2]];
    const reader = readerFor('json', {}, conf);
    const schema = parseDDL(JSON_DDL);
    const one = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 1 }));
    const two = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 2 }));
    expect(one.causeCode).toBe('EISDIR');
    expect(two).toStrictEqual(one);
    const [r1, r2] = await both(paths, 'json', schema, {}, { ignoreCorruptFiles: true });
    expectSame(r1, r2);
  });

  it('with several failing files, the first in the list is reported whatever the thread count', async () => {
    const gone = join(dir, 'gone-first.json');
    const paths = [json[0], json[1], gone, join(dir, 'gone-second.json')];
    const reader = readerFor('json', { mode: 'FAILFAST' }, conf);
    const schema = parseDDL(JSON_DDL);
    const one = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 1 }));
    const two = await failure(readFiles(paths, reader, schema, { ignoreMissingFiles: false, parseThreads: 2 }));
    // json[0] has a malformed line: its FAILFAST error wins over the missing files after it.
    expect(one.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
    expect(two).toStrictEqual(one);
  });
});

describe('bytes fetched by the caller (object stores)', () => {
  it('are shared with the decode threads (a copy on a SharedArrayBuffer, the caller’s bytes left whole) and give the same batch', async () => {
    const fetched: string[] = [];
    const readBytes = async (uri: string): Promise<Uint8Array> => {
      fetched.push(uri);
      const path = uri.replace(/^mem:\/\/bucket/, dir);
      return new Uint8Array(await fs.readFile(path));
    };
    const uris = json.map((p) => p.replace(dir, 'mem://bucket'));
    const [one, two] = await both([...uris, 'mem://bucket/missing.json'], 'json', parseDDL(JSON_DDL), {}, {
      readBytes,
      ignoreMissingFiles: true,
    });
    expectSame(one, two);
    expect(two.files).toEqual(uris);
    expect(two.warnings[0]).toMatchObject({ code: 'FILE_NOT_EXIST', file: 'mem://bucket/missing.json' });
    expect(fetched.filter((u) => u === uris[0]).length).toBe(2);
  });
});

describe('small batches stay in the calling thread', () => {
  it('starts no decode thread for files under the threshold together', async () => {
    await shutdownDecodePool();
    const small = writeJsonFiles(mkdtempSync(join(dir, 'small-')), 3, 20);
    const r = await readFiles(small, readerFor('json', {}, conf), parseDDL(JSON_DDL), {
      ignoreMissingFiles: false,
      parseThreads: 2,
    });
    expect(r.batch.numRows).toBe(60);
    expect(decodePool().threads.length).toBe(0);
  });
});
