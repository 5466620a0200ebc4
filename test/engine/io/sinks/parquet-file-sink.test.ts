/**
 * `writeStream.format('parquet')`: the file sink writes one Parquet part file per batch,
 * records it in `_spark_metadata` (exactly once across a replayed batch), and a stream
 * reading Parquet files end to end, including a restart from the checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../../engine/batch/column-batch';
import { ParquetReader } from '../../../../engine/io/formats/parquet-reader';
import { ParquetWriter } from '../../../../engine/io/formats/parquet-writer';
import { createSink } from '../../../../engine/io/sinks/create-sink';
import { Session } from '../../../../engine/session';
import { parseDDL } from '../../../../engine/types/ddl';

const schema = parseDDL('device STRING, x DOUBLE');
const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-parquet-sink-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function partFiles(out: string): Promise<string[]> {
  return (await readdir(out)).filter((n) => n.startsWith('part-')).sort();
}

async function readAll(out: string, ddl = 'device STRING, x DOUBLE'): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const f of await partFiles(out)) {
    const data = new Uint8Array(await readFile(join(out, f)));
    rows.push(...new ParquetReader().read(f, data, parseDDL(ddl)).batch.toRows());
  }
  return rows;
}

describe('parquet file sink', () => {
  it('createSink("parquet") writes Parquet part files logged in _spark_metadata, a replayed batch once', async () => {
    const out = join(dir, 'out');
    const sink = createSink({ format: 'parquet', outputMode: 'append', options: { path: out }, schema, readerConf: conf });
    await sink.addBatch(0, ColumnBatch.fromRows(schema, [{ device: 'a', x: 1.5 }]), 'append');
    await sink.addBatch(0, ColumnBatch.fromRows(schema, [{ device: 'a', x: 1.5 }]), 'append');
    await sink.addBatch(1, ColumnBatch.fromRows(schema, [{ device: 'b', x: null }]), 'append');
    const files = await partFiles(out);
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^part-00000-[0-9a-f-]{36}-c000\.parquet$/);
    expect((await readAll(out)).sort((p, q) => String(p.device).localeCompare(String(q.device)))).toEqual([
      { device: 'a', x: 1.5 },
      { device: 'b', x: null },
    ]);
    expect(await readdir(join(out, '_spark_metadata'))).toEqual(['0', '1']);
  });

  it('refuses complete mode as Spark does for file formats', () => {
    expect(() =>
      createSink({ format: 'parquet', outputMode: 'complete', options: { path: dir }, schema, readerConf: conf }),
    ).toThrow(/STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE|not supported/);
  });

  it('streams Parquet files into a Parquet sink and resumes from the checkpoint', async () => {
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    const checkpoint = join(dir, 'cp');
    await mkdir(input);
    const put = (name: string, rows: Record<string, unknown>[]) =>
      writeFile(join(input, name), new ParquetWriter().encode(ColumnBatch.fromRows(parseDDL('Device STRING, x DOUBLE, extra INT'), rows)));
    const session = Session.builder().appName('parquet-file-sink').getOrCreate();
    const start = () =>
      session.readStream
        .format('parquet')
        .schema('device STRING, x DOUBLE')
        .option('fileStableMs', '0')
        .load(input)
        .where('x > 0')
        .writeStream.format('parquet')
        .option('path', out)
        .option('checkpointLocation', checkpoint)
        .start();

    await put('1.parquet', [
      { Device: 'a', x: 1, extra: 9 },
      { Device: 'b', x: -1, extra: 9 },
    ]);
    const first = start();
    await first.processAllAvailable();
    await first.stop();
    await put('2.parquet', [{ Device: 'c', x: 2.5, extra: null }]);
    const second = start();
    await second.processAllAvailable();
    await second.stop();
    await session.stop();

    expect((await readAll(out)).sort((p, q) => String(p.device).localeCompare(String(q.device)))).toEqual([
      { device: 'a', x: 1 },
      { device: 'c', x: 2.5 },
    ]);
    expect(await readdir(join(out, '_spark_metadata'))).toEqual(['0', '1']);
  });
});
