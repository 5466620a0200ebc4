// The folder watcher's part in the stability rule (file-stability.ts rule c), with a real
// watcher on a real folder: a complete file renamed in is taken by the next trigger even
// with a one-hour fileStableMs, while a file filled in place never is until it is still.
// No timing assertions: waits only bound how long the test may take.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import {
  FileStreamSource,
  type FileSourceOffset,
} from '../../../../engine/io/sources/file-stream-source';
import { TempFolder, VALUE_SCHEMA, lineReader, sleep, values } from './source-fixtures';

describe('FileStreamSource with its folder watcher: renamed-in files need no stability wait', () => {
  let dir: TempFolder;
  let staging: TempFolder;
  const sources: FileStreamSource[] = [];
  /** Added to the wall clock the source sees: lets a test jump past the stability window. */
  let clockSkewMs = 0;
  let wakes = 0;

  beforeEach(() => {
    dir = new TempFolder();
    staging = new TempFolder();
    clockSkewMs = 0;
    wakes = 0;
  });
  afterEach(async () => {
    for (const s of sources.splice(0)) await s.stop();
    dir.remove();
    staging.remove();
  });

  /** A source that watches its folder, as a running query's does. */
  const watchedSource = async (options: Record<string, string>): Promise<FileStreamSource> => {
    const s = new FileStreamSource({
      path: dir.path,
      schema: VALUE_SCHEMA,
      options,
      reader: lineReader,
      now: () => Date.now() + clockSkewMs,
    });
    sources.push(s);
    s.onDataAvailable(() => wakes++);
    await s.watching();
    return s;
  };

  const waitForWake = async (after: number): Promise<void> => {
    for (let i = 0; i < 500 && wakes <= after; i++) await sleep(10);
    expect(wakes).toBeGreaterThan(after);
  };

  const renameIn = async (name: string, text: string): Promise<void> => {
    await fs.writeFile(staging.at(name), text);
    await fs.rename(staging.at(name), dir.at(name));
  };

  it('takes a just-written file renamed in from another folder on the next trigger', async () => {
    const s = await watchedSource({ fileStableMs: '1h' });
    const before = wakes;
    await renameIn('a.json', 'a1\na2\n');
    await waitForWake(before);
    const end = await s.latestOffset();
    expect(end).toEqual({ logOffset: 0 });
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['a1', 'a2']);
    expect(s.hasPendingInput()).toBe(false);
  });

  it('takes a file written under a hidden temp name in the folder itself, then renamed', async () => {
    const s = await watchedSource({ fileStableMs: '1h' });
    await fs.writeFile(dir.at('.b.json.partial'), 'b1\n');
    const before = wakes;
    await fs.rename(dir.at('.b.json.partial'), dir.at('b.json'));
    await waitForWake(before);
    const end = await s.latestOffset();
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['b1']);
  });

  it('never reads a file filled slowly in place half-way, however often it lists', async () => {
    const s = await watchedSource({ fileStableMs: '1h' });
    const handle = await fs.open(dir.at('growing.txt'), 'a');
    try {
      expect(await s.latestOffset()).toBeNull(); // created, still empty
      for (let i = 0; i < 12; i++) {
        await handle.appendFile(`line${i}\n`);
        // Listed straight after the write: its watch event must already count.
        expect(await s.latestOffset()).toBeNull();
        expect(s.hasPendingInput()).toBe(true);
        await sleep(5);
      }
    } finally {
      await handle.close();
    }
    clockSkewMs = 2 * 3600_000; // the window has passed with no further write
    const end = await s.latestOffset();
    expect(end).toEqual({ logOffset: 0 });
    expect(values((await s.getBatch(null, end!)).batch)).toHaveLength(12);
  });

  it('a file renamed in and then appended to waits for the window', async () => {
    const s = await watchedSource({ fileStableMs: '1h' });
    await renameIn('c.txt', 'c1\n');
    await fs.appendFile(dir.at('c.txt'), 'c2\n');
    expect(await s.latestOffset()).toBeNull();
    clockSkewMs = 2 * 3600_000;
    const end = await s.latestOffset();
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['c1', 'c2']);
  });

  it('reads every file exactly once when files are renamed in while triggers list', async () => {
    const s = await watchedSource({});
    const expected: string[] = [];
    const writer = (async () => {
      for (let i = 0; i < 120; i++) {
        const name = `f${String(i).padStart(3, '0')}.txt`;
        await renameIn(name, `${name}:1\n${name}:2\n`);
        expected.push(`${name}:1`, `${name}:2`);
        if (i % 10 === 0) await sleep(2);
      }
    })();
    const read: unknown[] = [];
    let start: FileSourceOffset | null = null;
    const takeNew = async (): Promise<void> => {
      const end = await s.latestOffset();
      if (end === null || (start !== null && end.logOffset === start.logOffset)) return;
      read.push(...values((await s.getBatch(start, end)).batch));
      start = end;
    };
    let done = false;
    void writer.then(() => (done = true));
    while (!done) await takeNew();
    await writer;
    clockSkewMs = 3600_000; // files the watcher had not reported yet settle by the window
    await takeNew();
    expect([...read].sort()).toEqual([...expected].sort());
    expect(new Set(read).size).toBe(read.length);
  });
});
