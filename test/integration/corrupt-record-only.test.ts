/**
 * A streaming json query that reads only the corrupt-record column fails as Spark's does
 * (JsonFileFormat.buildReader → QueryCompilationErrors.queryFromRawFilesIncludeCorruptRecordColumnError,
 * UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN); with another column beside it the
 * query runs and the corrupt text is kept (column pruning must not hide bad records).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Session, type StreamingQuery } from '../../engine/index';

let dir: string;
let query: StreamingQuery | undefined;
const spark = Session.builder().appName('corrupt-record-only').getOrCreate();
const schema = 'a INT, b STRING, _corrupt_record STRING';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-corrupt-only-'));
  writeFileSync(join(dir, 'part-0.json'), '{"a": 1, "b": "x"}\n{"a": oops\n{"a": 3, "b": "z"}\n');
});
afterEach(async () => {
  await query?.stop().catch(() => undefined);
  query = undefined;
  rmSync(dir, { recursive: true, force: true });
});

it('refuses a query that reads only _corrupt_record, with Spark 4.1 error class', async () => {
  const run = async (): Promise<void> => {
    query = spark.readStream
      .schema(schema)
      .json(dir)
      .select('_corrupt_record')
      .writeStream.queryName('only_corrupt')
      .format('memory')
      .start();
    await query.processAllAvailable();
  };
  await expect(run()).rejects.toMatchObject({
    errorClass: 'UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN',
  });
});

it('keeps the corrupt record text when another column is read beside it', async () => {
  query = spark.readStream
    .schema(schema)
    .json(dir)
    .select('a', '_corrupt_record')
    .writeStream.queryName('with_corrupt')
    .format('memory')
    .start();
  await query.processAllAvailable();
  const rows = await spark.sql('SELECT a, _corrupt_record FROM with_corrupt ORDER BY a').collect();
  expect(rows).toEqual([
    { a: null, _corrupt_record: '{"a": oops' },
    { a: 1, _corrupt_record: null },
    { a: 3, _corrupt_record: null },
  ]);
});
