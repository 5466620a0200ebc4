// Trigger.AvailableNow and the stability rule: a file present at the start that is not
// changing is waited for until it is old enough, even when the wait's timer fires early
// (libuv times a timer from the cached start of the event-loop turn that set it, so a busy
// turn makes it fire early); a file that changes while waited for is not "available now".
// The clock the source sees is scripted, so nothing depends on real timing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileStreamSource,
  type FileSourceOffset,
} from '../../../../engine/io/sources/file-stream-source';
import { TempFolder, VALUE_SCHEMA, lineReader, values } from './source-fixtures';

describe('FileStreamSource.prepareForAvailableNow with files still settling', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(() => dir.remove());

  /** A source whose clock advances `stepMs` on every reading, starting at `startMs`. */
  const steppedSource = (startMs: number, stepMs: number): FileStreamSource => {
    let reading = 0;
    return new FileStreamSource({
      path: dir.path,
      schema: VALUE_SCHEMA,
      options: { fileStableMs: '50ms' },
      reader: lineReader,
      now: () => startMs + stepMs * ++reading,
    });
  };

  it('takes an unchanged file once it is old enough, however early the wait ends', async () => {
    const mtime = Math.floor(Date.now() / 1000) * 1000;
    await dir.write('a.txt', 'a\n', mtime);
    // Readings at mtime+10, +20, +30 …: the first wait (30 ms) ends with the file only 30 ms old.
    const s = steppedSource(mtime, 10);
    await s.prepareForAvailableNow();
    const end = (await s.latestOffset()) as FileSourceOffset | null;
    expect(end).not.toBeNull();
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['a']);
  });

  it('leaves out a file that changed while it was waited for', async () => {
    const mtime = Math.floor(Date.now() / 1000) * 1000;
    await dir.write('old.txt', 'old\n', mtime - 60_000);
    await dir.write('growing.txt', 'g1\n', mtime);
    let reading = 0;
    const s = new FileStreamSource({
      path: dir.path,
      schema: VALUE_SCHEMA,
      options: { fileStableMs: '50ms' },
      reader: lineReader,
      now: () => {
        reading++;
        // During the first wait the file grows (a writer still at work).
        if (reading === 2) void dir.write('growing.txt', 'g1\ng2\n', mtime + 20);
        return mtime + 10 * reading;
      },
    });
    await new Promise((r) => setTimeout(r, 0));
    await s.prepareForAvailableNow();
    const end = (await s.latestOffset()) as FileSourceOffset | null;
    expect(values((await s.getBatch(null, end!)).batch)).toEqual(['old']);
  });
});
