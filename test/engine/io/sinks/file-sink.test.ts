import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import type { FormatWriter } from '../../../../engine/io/formats/format';
import { FileStreamSink } from '../../../../engine/io/sinks/file-sink';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('device STRING, x DOUBLE');
/** A minimal JSON-lines writer standing in for the formats registry's. */
const jsonWriter: FormatWriter = {
  extension: 'json',
  encode: (batch) =>
    new TextEncoder().encode(
      batch
        .toRows()
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    ),
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidemark-file-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const dataFiles = async () => (await readdir(dir)).filter((n) => n.startsWith('part-')).sort();

describe('FileStreamSink (FileStreamSinkSuite)', () => {
  it('writes one part file per batch and records it in _spark_metadata/<batchId>', async () => {
    const sink = new FileStreamSink(dir, jsonWriter);
    await sink.addBatch(0, ColumnBatch.fromRows(schema, [{ device: 'a', x: 1.5 }]), 'append');
    const files = await dataFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^part-00000-[0-9a-f-]{36}-c000\.json$/);
    expect(await readFile(join(dir, files[0]), 'utf8')).toBe('{"device":"a","x":1.5}\n');
    const log = (await readFile(join(dir, '_spark_metadata', '0'), 'utf8')).split('\n');
    expect(log[0]).toBe('v1');
    const entry = JSON.parse(log[1]);
    expect(entry).toMatchObject({
      path: pathToFileURL(join(dir, files[0])).href,
      size: 23,
      isDir: false,
      blockReplication: 1,
      blockSize: 33554432,
      action: 'add',
    });
    expect(typeof entry.modificationTime).toBe('number');
    expect(sink.description).toBe(`FileSink[${dir}]`);
    expect(sink.lastNumOutputRows()).toBe(-1);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('skips a batch id already in the log (exactly-once re-execution)', async () => {
    const sink = new FileStreamSink(dir, jsonWriter);
    const b = ColumnBatch.fromRows(schema, [{ device: 'a', x: 1 }]);
    await sink.addBatch(0, b, 'append');
    await sink.addBatch(0, b, 'append');
    await new FileStreamSink(dir, jsonWriter).addBatch(0, b, 'append');
    expect(await dataFiles()).toHaveLength(1);
  });

  it('writes an empty part file for an empty batch, as Spark’s first task does', async () => {
    const sink = new FileStreamSink(dir, jsonWriter);
    await sink.addBatch(0, ColumnBatch.empty(schema), 'append');
    const files = await dataFiles();
    expect(files).toHaveLength(1);
    expect(
      JSON.parse((await readFile(join(dir, '_spark_metadata', '0'), 'utf8')).split('\n')[1]).size,
    ).toBe(0);
  });

  it('compacts the log every compactInterval batches into <id>.compact (CompactibleFileStreamLog)', async () => {
    const sink = new FileStreamSink(dir, jsonWriter, 3);
    for (let i = 0; i < 4; i++)
      await sink.addBatch(i, ColumnBatch.fromRows(schema, [{ device: `d${i}`, x: i }]), 'append');
    const names = (await readdir(join(dir, '_spark_metadata'))).sort();
    expect(names).toEqual(['0', '1', '2.compact', '3']);
    const compact = (await readFile(join(dir, '_spark_metadata', '2.compact'), 'utf8')).split('\n');
    expect(compact).toHaveLength(4);
    expect((await sink.log.allFiles()).length).toBe(4);
    expect(await sink.log.getLatestBatchId()).toBe(3);
  });
});

describe('FileStreamSink across a crash', () => {
  const row = (i: number) => ColumnBatch.fromRows(schema, [{ device: `d${i}`, x: i }]);
  const lines = async () => {
    const out: string[] = [];
    for (const f of await dataFiles())
      out.push(...(await readFile(join(dir, f), 'utf8')).split('\n').filter(Boolean));
    return out.sort();
  };

  it('a batch re-run after a crash before its log entry replaces the lost attempt', async () => {
    const first = new FileStreamSink(dir, jsonWriter);
    await first.addBatch(0, row(0), 'append');
    await first.addBatch(1, row(1), 'append');
    // The process died after batch 1's part file was renamed into place but before
    // `_spark_metadata/1` was written: the file exists, the log does not name it.
    await rm(join(dir, '_spark_metadata', '1'));
    // …and in the middle of other atomic writes, leaving their hidden temp files.
    await writeFile(
      join(dir, `.part-00000-${randomUUID()}-c000.json.${randomUUID()}.tmp`),
      '{"device":"half',
    );
    await writeFile(join(dir, '_spark_metadata', `.1.${randomUUID()}.tmp`), 'v1\n');

    const restarted = new FileStreamSink(dir, jsonWriter);
    await restarted.addBatch(1, row(1), 'append');
    expect(await lines()).toEqual(['{"device":"d0","x":0}', '{"device":"d1","x":1}']);
    expect(await dataFiles()).toHaveLength(2);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(await readdir(join(dir, '_spark_metadata'))).toEqual(['0', '1']);
    const logged = (await restarted.log.allFiles()).map((f) => fileURLToPath(f.path)).sort();
    expect(logged).toEqual((await dataFiles()).map((f) => join(dir, f)));
  });

  it('a re-run of a batch that was logged writes nothing, even from a new sink', async () => {
    await new FileStreamSink(dir, jsonWriter).addBatch(0, row(0), 'append');
    const restarted = new FileStreamSink(dir, jsonWriter);
    await restarted.addBatch(0, row(0), 'append');
    await restarted.addBatch(1, row(1), 'append');
    expect(await lines()).toEqual(['{"device":"d0","x":0}', '{"device":"d1","x":1}']);
  });

  it('leaves files it did not write alone', async () => {
    await writeFile(join(dir, 'notes.txt'), 'keep');
    await writeFile(join(dir, 'part-00000.json'), '{"device":"upstream"}\n');
    await writeFile(join(dir, `part-00000-${randomUUID()}-c000.csv`), 'device\n');
    await new FileStreamSink(dir, jsonWriter).addBatch(0, row(0), 'append');
    const names = await readdir(dir);
    expect(names).toContain('notes.txt');
    expect(names).toContain('part-00000.json');
    expect(names.filter((n) => n.endsWith('-c000.csv'))).toHaveLength(1);
  });

  it('keeps the committed files of a folder that was moved (matched by name, not path)', async () => {
    const sink = new FileStreamSink(dir, jsonWriter);
    await sink.addBatch(0, row(0), 'append');
    const moved = `${dir}-moved`;
    await rename(dir, moved);
    try {
      await new FileStreamSink(moved, jsonWriter).addBatch(1, row(1), 'append');
      const names = (await readdir(moved)).filter((n) => n.startsWith('part-'));
      expect(names).toHaveLength(2);
    } finally {
      await rename(moved, dir);
    }
  });
});
