// Files arriving in bursts while a consumer runs triggers: every file must be read exactly
// once and none missed — the property Spark's FileStreamSource gives through its seen-files
// map and source log, here checked against the exact lines the simulator wrote.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileStreamSource,
  type FileSourceOffset,
} from '../../../../engine/io/sources/file-stream-source';
import { SensorSimulator, type WrittenSensorFile } from '../../../../engine/io/simulator';
import { TempFolder, VALUE_SCHEMA, lineReader, sleep, values } from './source-fixtures';

describe('FileStreamSource under bursts of arriving files', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(() => dir.remove());

  async function run(options: {
    atomic: boolean;
    files: number;
    burst: number;
    sourceOptions: Record<string, string>;
  }) {
    const source = new FileStreamSource({
      path: dir.path,
      schema: VALUE_SCHEMA,
      options: options.sourceOptions,
      reader: lineReader,
    });
    const simulator = new SensorSimulator({
      dir: dir.path,
      rowsPerFile: 3,
      seed: 7,
      malformedFraction: 0.1,
      lateFraction: 0.1,
      atomic: options.atomic,
    });
    const written: WrittenSensorFile[] = [];
    let writing = true;
    const writer = (async () => {
      while (written.length < options.files) {
        const n = Math.min(options.burst, options.files - written.length);
        await Promise.all(
          Array.from({ length: n }, () => simulator.writeFile().then((f) => written.push(f))),
        );
        await sleep(written.length % 3 === 0 ? 0 : 5);
      }
    })().finally(() => {
      writing = false;
    });

    const read: string[] = [];
    const filesRead: string[] = [];
    let start: FileSourceOffset | null = null;
    let quietSince = Date.now();
    // Keep triggering until the writer is done and nothing new has come for a while
    // (longer than fileStableMs, so files still settling are not cut off).
    while (writing || Date.now() - quietSince < 300) {
      const end = await source.latestOffset();
      if (end !== null && end.logOffset !== start?.logOffset) {
        const b = await source.getBatch(start, end);
        read.push(...(values(b.batch) as string[]));
        filesRead.push(...(b.files ?? []));
        start = end;
        quietSince = Date.now();
      } else {
        await sleep(2);
      }
    }
    await writer;
    await source.stop();
    return { written, read, filesRead };
  }

  it('1,000 files in bursts: every file read exactly once, none missed (atomic writes)', async () => {
    const { written, read, filesRead } = await run({
      atomic: true,
      files: 1000,
      burst: 50,
      sourceOptions: { maxFilesPerTrigger: '37' },
    });
    expect(written).toHaveLength(1000);
    expect(new Set(filesRead).size).toBe(1000);
    expect(filesRead.slice().sort()).toEqual(written.map((f) => f.path).sort());
    const expected = written.flatMap((f) => f.records.map((r) => r.line));
    expect(read.slice().sort()).toEqual(expected.slice().sort());
    expect(read).toHaveLength(3000);
  }, 60_000);

  it('files written in place (no rename) are read whole, once each', async () => {
    const { written, read, filesRead } = await run({
      atomic: false,
      files: 200,
      burst: 20,
      // A file counts as written once its size and mtime hold still for fileStableMs. The
      // window must outlast the writer's longest pause between two chunks, which on a loaded
      // 2-core CI machine can exceed tens of milliseconds.
      sourceOptions: { fileStableMs: '250' },
    });
    expect(filesRead.slice().sort()).toEqual(written.map((f) => f.path).sort());
    expect(read.slice().sort()).toEqual(
      written.flatMap((f) => f.records.map((r) => r.line)).sort(),
    );
  }, 60_000);
});
