/**
 * `session.read` of a folder a file sink writes reads the files its `_spark_metadata` log
 * names, as Spark's MetadataLogFileIndex (FileStreamSinkSuite: "read partitioned table
 * from the sink output" reads through the log; uncommitted files stay invisible).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { writerFor } from '../../../../engine/io/formats/registry';
import { FileStreamSink } from '../../../../engine/io/sinks/file-sink';
import { Session } from '../../../../engine/session';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('device STRING, x BIGINT');
let session: Session;
let dir: string;

beforeAll(() => {
  session = Session.builder().appName('read-sink-output').getOrCreate();
});
afterAll(async () => {
  await session.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-read-sink-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function committedBatches(...batches: { device: string; x: number }[][]): Promise<void> {
  const sink = new FileStreamSink(dir, writerFor('json', {}, session.readerConf()));
  for (const [id, rows] of batches.entries())
    await sink.addBatch(id, ColumnBatch.fromRows(schema, rows), 'append');
}

const read = async (options: Record<string, string> = {}) =>
  (await session.read.schema(schema).options(options).json(dir).collect())
    .map((r) => r.device)
    .sort();

describe('session.read of a file sink folder', () => {
  it('reads only the files of committed batches, never an uncommitted part file or a temp file', async () => {
    await committedBatches([{ device: 'a', x: 1 }], [{ device: 'b', x: 2 }]);
    // A crashed batch: its part file landed, its log entry did not; plus half-written temp files.
    await writeFile(
      join(dir, `part-00000-${randomUUID()}-c000.json`),
      '{"device":"uncommitted","x":3}\n',
    );
    await writeFile(
      join(dir, `.part-00000-${randomUUID()}-c000.json.${randomUUID()}.tmp`),
      '{"device":"temp"',
    );
    await writeFile(join(dir, 'stray.json'), '{"device":"stray","x":4}\n');
    expect(await read()).toEqual(['a', 'b']);
  });

  it('infers the schema and reads through the log when no schema is given', async () => {
    await committedBatches([{ device: 'a', x: 1 }]);
    const rows = await session.read.json(dir).collect();
    expect(rows).toEqual([{ device: 'a', x: 1 }]);
  });

  it('reads the files a compacted log lists (latest .compact plus later batches)', async () => {
    const sink = new FileStreamSink(dir, writerFor('json', {}, session.readerConf()), 2);
    for (let i = 0; i < 5; i++)
      await sink.addBatch(i, ColumnBatch.fromRows(schema, [{ device: `d${i}`, x: i }]), 'append');
    expect(await read()).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  });

  it('reads nothing while the log names no file yet, whatever the folder holds', async () => {
    await mkdir(join(dir, '_spark_metadata'));
    await writeFile(
      join(dir, `part-00000-${randomUUID()}-c000.json`),
      '{"device":"uncommitted","x":3}\n',
    );
    expect(await read()).toEqual([]);
  });

  it('applies pathGlobFilter to the logged files', async () => {
    await committedBatches([{ device: 'a', x: 1 }]);
    expect(await read({ pathGlobFilter: '*.csv' })).toEqual([]);
    expect(await read({ pathGlobFilter: '*.json' })).toEqual(['a']);
  });

  it('lists the folder as usual once the log is gone, or through a glob', async () => {
    await committedBatches([{ device: 'a', x: 1 }]);
    await writeFile(join(dir, 'stray.json'), '{"device":"stray","x":4}\n');
    const globbed = (await session.read.schema(schema).json(join(dir, '*.json')).collect()).map(
      (r) => r.device,
    );
    expect(globbed.sort()).toEqual(['a', 'stray']);
    await rm(join(dir, '_spark_metadata'), { recursive: true });
    expect(await read()).toEqual(['a', 'stray']);
  });
});
