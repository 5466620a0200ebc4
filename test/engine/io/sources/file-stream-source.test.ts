import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import {
  FileStreamSource,
  type FileSourceOffset,
} from '../../../../engine/io/sources/file-stream-source';
import { SparkRuntimeException } from '../../../../engine/errors';
import { TempFolder, VALUE_SCHEMA, lineReader, sleep, values } from './source-fixtures';

describe('FileStreamSource (FileStreamSourceSuite)', () => {
  let dir: TempFolder;
  const sources: FileStreamSource[] = [];
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(async () => {
    for (const s of sources.splice(0)) await s.stop();
    dir.remove();
  });

  const source = (
    options: Record<string, string> = {},
    path = dir.path,
    metadataPath?: string,
  ): FileStreamSource => {
    const s = new FileStreamSource({
      path,
      schema: VALUE_SCHEMA,
      options,
      reader: lineReader,
      metadataPath,
    });
    sources.push(s);
    return s;
  };

  /** Runs triggers until the offset stops moving; returns the values of each batch. */
  const drain = async (
    s: FileStreamSource,
    from: FileSourceOffset | null = null,
  ): Promise<unknown[][]> => {
    const batches: unknown[][] = [];
    let start = from;
    for (;;) {
      const end = await s.latestOffset();
      if (end === null || (start !== null && end.logOffset === start.logOffset)) return batches;
      batches.push(values((await s.getBatch(start, end)).batch));
      start = end;
    }
  };

  const base = Date.now() - 60_000;

  it('describes itself like Spark and starts with no offset', async () => {
    const s = source();
    expect(s.description).toBe(`FileStreamSource[file:${dir.path}]`);
    expect(await s.latestOffset()).toBeNull();
  });

  it('offsets are {"logOffset": n} and getBatch reads (start, end]', async () => {
    await dir.write('a.txt', 'a1\na2\n', base);
    const s = source();
    const first = await s.latestOffset();
    expect(first).toEqual({ logOffset: 0 });
    expect(JSON.stringify(first)).toBe('{"logOffset":0}');
    await dir.write('b.txt', 'b1\n', base + 1000);
    const second = await s.latestOffset();
    expect(second).toEqual({ logOffset: 1 });
    expect(values((await s.getBatch(null, second!)).batch)).toEqual(['a1', 'a2', 'b1']);
    const only = await s.getBatch({ logOffset: 0 }, { logOffset: 1 });
    expect(values(only.batch)).toEqual(['b1']);
    expect(only.files).toEqual([dir.at('b.txt')]);
    // No new files: the log offset does not move (it only counts triggers that took files).
    expect(await s.latestOffset()).toEqual({ logOffset: 1 });
  });

  it('max files per trigger: {1,2},{3} then {4,5},{6,7} then {8,9},{10,11},{12}', async () => {
    const s = source({ maxFilesPerTrigger: '2' });
    const add = async (from: number, to: number): Promise<void> => {
      for (let i = from; i <= to; i++) await dir.write(`${i}.txt`, `${i}\n`, base + i * 1000);
    };
    await add(1, 3);
    let batches = await drain(s);
    expect(batches).toEqual([['1', '2'], ['3']]);
    await add(4, 7);
    batches = await drain(s, { logOffset: 1 });
    expect(batches).toEqual([
      ['4', '5'],
      ['6', '7'],
    ]);
    await add(8, 12);
    batches = await drain(s, { logOffset: 3 });
    expect(batches).toEqual([['8', '9'], ['10', '11'], ['12']]);
  });

  it('sorts by modification time, not by name', async () => {
    await dir.write('z.txt', 'z\n', base);
    await dir.write('a.txt', 'a\n', base + 5000);
    await dir.write('m.txt', 'm\n', base + 2000);
    expect(await drain(source({ maxFilesPerTrigger: '1' }))).toEqual([['z'], ['m'], ['a']]);
  });

  it('maxBytesPerTrigger takes files up to the limit, and always at least one', async () => {
    await dir.write('1.txt', '0123456789\n', base + 1000); // 11 bytes
    await dir.write('2.txt', '01234\n', base + 2000); // 6 bytes
    await dir.write('3.txt', '0123\n', base + 3000); // 5 bytes
    await dir.write('4.txt', '0123456789012345678901234\n', base + 4000); // 26 bytes
    const batches = await drain(source({ maxBytesPerTrigger: '17' }));
    expect(batches).toEqual([['0123456789', '01234'], ['0123'], ['0123456789012345678901234']]);
  });

  it('latestFirst reads the newest files first', async () => {
    for (let i = 1; i <= 3; i++) await dir.write(`${i}.txt`, `${i}\n`, base + i * 1000);
    expect(await drain(source({ latestFirst: 'true', maxFilesPerTrigger: '2' }))).toEqual([
      ['3', '2'],
      ['1'],
    ]);
  });

  it('maxFileAge is relative to the newest file, and everything is accepted at first start', async () => {
    await dir.write('old.txt', 'old\n', base - 3_600_000);
    await dir.write('new.txt', 'new\n', base);
    const s = source({ maxFileAge: '10s' });
    expect(await drain(s)).toEqual([['old', 'new']]);
    // Older than newest − maxFileAge: never read; within the age: read.
    await dir.write('late-old.txt', 'late-old\n', base - 20_000);
    await dir.write('late-recent.txt', 'late-recent\n', base - 5_000);
    expect(await drain(s, { logOffset: 0 })).toEqual([['late-recent']]);
  });

  it('ignores maxFileAge with latestFirst and a limit (SPARK-19813)', async () => {
    await dir.write('a.txt', 'a\n', base - 3_600_000);
    await dir.write('b.txt', 'b\n', base);
    expect(
      await drain(source({ latestFirst: 'true', maxFilesPerTrigger: '1', maxFileAge: '1s' })),
    ).toEqual([['b'], ['a']]);
  });

  it('reads each path once: a rewritten file is not read again', async () => {
    const s = source();
    await dir.write('a.txt', 'v1\n', base);
    expect(await drain(s)).toEqual([['v1']]);
    await dir.write('a.txt', 'v2\n', base + 1000);
    expect(await s.latestOffset()).toEqual({ logOffset: 0 });
  });

  it('fileNameOnly treats a later file with a seen name in another folder as seen', async () => {
    const s = source({ fileNameOnly: 'true' });
    await dir.write('k=1/data.txt', 'one\n', base);
    expect(await drain(s)).toEqual([['one']]);
    await dir.write('k=2/data.txt', 'two\n', base + 1000);
    await dir.write('k=2/other.txt', 'other\n', base + 2000);
    expect(await drain(s, { logOffset: 0 })).toEqual([['other']]);
  });

  it('applies pathGlobFilter and recursiveFileLookup', async () => {
    await dir.write('a.json', 'a\n', base);
    await dir.write('b.csv', 'b\n', base + 1);
    await dir.write('sub/c.json', 'c\n', base + 2);
    expect((await drain(source({ pathGlobFilter: '*.json' }))).flat()).toEqual(['a']);
    expect(
      (await drain(source({ pathGlobFilter: '*.json', recursiveFileLookup: 'true' }))).flat(),
    ).toEqual(['a', 'c']);
  });

  it('reads a glob path', async () => {
    await dir.write('in-1/a.txt', 'a\n', base);
    await dir.write('in-2/b.txt', 'b\n', base + 1000);
    await dir.write('out/c.txt', 'c\n', base + 2000);
    const s = source({}, dir.at('in-*'));
    expect((await drain(s)).flat()).toEqual(['a', 'b']);
    expect(s.description).toBe(`FileStreamSource[file:${dir.path}/in-*]`);
  });

  it('never reads temporary names; picks a renamed finished file up at once', async () => {
    const s = source();
    await fs.writeFile(dir.at('x.json.tmp'), 'x\n');
    await fs.writeFile(dir.at('.y.json'), 'y\n');
    await sleep(80);
    expect(await s.latestOffset()).toBeNull();
    await fs.rename(dir.at('x.json.tmp'), dir.at('x.json'));
    // Rename keeps the old mtime, so no stability wait is needed.
    const end = await s.latestOffset();
    expect(end).toEqual({ logOffset: 0 });
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['x']);
  });

  it('does not read a file being appended to until it has been still for fileStableMs', async () => {
    // A wide window (1.5 s) against 15 ms appends, so a loaded CI machine cannot stall past it.
    const s = source({ fileStableMs: '1500' });
    const handle = await fs.open(dir.at('growing.txt'), 'a');
    for (let i = 0; i < 15; i++) {
      await handle.appendFile(`line${i}\n`);
      expect(await s.latestOffset()).toBeNull();
      await sleep(15);
    }
    await handle.close();
    let end: FileSourceOffset | null = null;
    const startedWaiting = Date.now();
    while (end === null && Date.now() - startedWaiting < 5000) {
      await sleep(20);
      end = await s.latestOffset();
    }
    expect(end).toEqual({ logOffset: 0 });
    expect(values((await s.getBatch(null, end!)).batch)).toHaveLength(15);
  });

  it('fails a batch whose file vanished with FAILED_READ_FILE.FILE_NOT_EXIST', async () => {
    await dir.write('gone.txt', 'x\n', base);
    const s = source();
    const end = await s.latestOffset();
    await fs.rm(dir.at('gone.txt'));
    const error = await s.getBatch(null, end!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparkRuntimeException);
    expect((error as SparkRuntimeException).errorClass).toBe('FAILED_READ_FILE.FILE_NOT_EXIST');
    expect((error as SparkRuntimeException).sqlState).toBe('KD001');
    expect((error as Error).message).toContain(
      `Encountered error while reading file file://${dir.path}/gone.txt. File does not exist.`,
    );
  });

  it('skips a vanished file with a warning when ignoreMissingFiles=true', async () => {
    await dir.write('gone.txt', 'x\n', base);
    await dir.write('kept.txt', 'k\n', base + 1000);
    const s = source({ ignoreMissingFiles: 'true' });
    const end = await s.latestOffset();
    await fs.rm(dir.at('gone.txt'));
    const batch = await s.getBatch(null, end!);
    expect(values(batch.batch)).toEqual(['k']);
    expect(batch.files).toEqual([dir.at('kept.txt')]);
    expect(batch.warnings?.map((w) => w.code)).toEqual(['FILE_NOT_EXIST']);
  });

  it('counts corrupt records reported by the reader', async () => {
    await dir.write('a.txt', 'ok\n!bad\nok2\n', base);
    const s = source();
    const b = await s.getBatch(null, (await s.latestOffset())!);
    expect(b.numCorruptRecords).toBe(1);
    expect(values(b.batch)).toEqual(['ok', 'ok2']);
  });

  it('availableNow: hands out only the files present at start, honouring limits', async () => {
    await dir.write('1.txt', '1\n', base + 1000);
    await dir.write('2.txt', '2\n', base + 2000);
    await dir.write('3.txt', '3\n', base + 3000);
    const s = source({ maxFilesPerTrigger: '2' });
    await s.prepareForAvailableNow();
    await dir.write('4.txt', '4\n', base + 4000);
    expect(await drain(s)).toEqual([['1', '2'], ['3']]);
  });

  it('Trigger.Once reads everything in one batch despite the limit', async () => {
    for (let i = 1; i <= 4; i++) await dir.write(`${i}.txt`, `${i}\n`, base + i);
    const s = source({ maxFilesPerTrigger: '1' });
    const end = await s.latestOffset('all');
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['1', '2', '3', '4']);
  });

  it('wakes an idle query when a file arrives (watcher hint)', async () => {
    const s = source();
    let woken = 0;
    s.onDataAvailable(() => woken++);
    await s.watching();
    await dir.write('new.txt', 'n\n');
    const t0 = Date.now();
    while (woken === 0 && Date.now() - t0 < 3000) await sleep(10);
    expect(woken).toBeGreaterThan(0);
    expect((await drain(s)).flat()).toEqual(['n']);
  });

  it('wakes again once a file still being written has settled', async () => {
    const s = source({ fileStableMs: '80' });
    let woken = 0;
    s.onDataAvailable(() => woken++);
    await s.watching();
    await fs.writeFile(dir.at('fresh.txt'), 'f\n');
    expect(await s.latestOffset()).toBeNull();
    const before = woken;
    const t0 = Date.now();
    while (woken === before && Date.now() - t0 < 3000) await sleep(10);
    expect(woken).toBeGreaterThan(before);
    expect(await s.latestOffset()).toEqual({ logOffset: 0 });
  });

  it('keeps its log in the checkpoint and resumes from it after a restart', async () => {
    const meta = dir.at('_checkpoint', 'sources', '0');
    await dir.write('a.txt', 'a\n', base);
    const first = source({}, dir.path, meta);
    expect(await first.latestOffset()).toEqual({ logOffset: 0 });
    await dir.write('b.txt', 'b\n', base + 1000);
    expect(await first.latestOffset()).toEqual({ logOffset: 1 });
    await first.stop();
    expect((await fs.readFile(dir.at('_checkpoint/sources/0/1'), 'utf8')).split('\n')[0]).toBe(
      'v1',
    );

    const restarted = source({}, dir.path, meta);
    expect(await restarted.latestOffset()).toEqual({ logOffset: 1 });
    // A batch that never committed is re-read from the log with the same files.
    expect(values((await restarted.getBatch({ logOffset: 0 }, { logOffset: 1 })).batch)).toEqual([
      'b',
    ]);
    await dir.write('c.txt', 'c\n', base + 2000);
    expect(await restarted.latestOffset()).toEqual({ logOffset: 2 });
  });

  it('cleanSource=delete removes the files of a committed batch; archive moves them', async () => {
    await dir.write('in/a.txt', 'a\n', base);
    const del = source({ cleanSource: 'delete' }, dir.at('in'));
    const end = await del.latestOffset();
    await del.getBatch(null, end!);
    await del.commit(end!);
    await expect(fs.stat(dir.at('in/a.txt'))).rejects.toThrow();

    await dir.write('in2/b.txt', 'b\n', base);
    const archive = dir.at('archive');
    const arc = source({ cleanSource: 'archive', sourceArchiveDir: archive }, dir.at('in2'));
    const end2 = await arc.latestOffset();
    await arc.commit(end2!);
    expect(await fs.readFile(dir.at('archive', dir.at('in2/b.txt')), 'utf8')).toBe('b\n');
  });

  it('refuses an archive folder that the source pattern could list again', () => {
    expect(() =>
      source({ cleanSource: 'archive', sourceArchiveDir: dir.at('x') }, dir.at('*')),
    ).toThrow(
      /Base archive path cannot be set to the path where archived path can possibly match with source pattern/,
    );
  });
});

describe('FileStreamSource pending input (Tidemark: processAllAvailable waits for settling files)', () => {
  it('reports a just-written file as pending until it is stable, then offers it', async () => {
    const dir = new TempFolder();
    const s = new FileStreamSource({ path: dir.path, schema: VALUE_SCHEMA, options: { fileStableMs: '200' }, reader: lineReader });
    try {
      await dir.write('fresh.txt', 'a\n', Date.now());
      expect(await s.latestOffset()).toBeNull();
      expect(s.hasPendingInput()).toBe(true);
      await sleep(250);
      expect(await s.latestOffset()).toEqual({ logOffset: 0 });
      expect(s.hasPendingInput()).toBe(false);
    } finally {
      await s.stop();
      dir.remove();
    }
  });
});
