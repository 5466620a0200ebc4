import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { listDataFiles, type ListingRules } from '../../../../engine/io/sources/file-listing';
import { FileStreamSource } from '../../../../engine/io/sources/file-stream-source';
import { TempFolder, VALUE_SCHEMA, lineReader, values } from './source-fixtures';

describe('listing leaves out files the caller already took (isKnownFile)', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(() => dir.remove());

  const rules = (known: ReadonlySet<string>): ListingRules => ({
    recursiveFileLookup: false,
    isIgnoredName: (n) => n.endsWith('.tmp'),
    isKnownFile: (p) => known.has(p),
  });

  it('lists only unknown files, with their size and mtime, in partitions too', async () => {
    const a = await dir.write('a.json', '1\n', 1_000_000);
    await dir.write('b.json', '22\n', 2_000_000);
    const c = await dir.write('k=1/c.json', '333\n', 3_000_000);
    await dir.write('k=1/d.json', '4444\n', 4_000_000);
    const listed = await listDataFiles(dir.path, rules(new Set([a, c])));
    expect(listed.map((f) => basename(f.path)).sort()).toEqual(['b.json', 'd.json']);
    const d = listed.find((f) => f.path.endsWith('d.json'))!;
    expect(d.size).toBe(5);
    expect(d.mtimeMs).toBe(4_000_000);
  });

  it('a known file that is gone or was rewritten changes nothing', async () => {
    const a = await dir.write('a.json', '1\n', 1_000_000);
    const listed = await listDataFiles(dir.path, rules(new Set([a, dir.at('gone.json')])));
    expect(listed).toEqual([]);
  });

  it('a file source does not read a seen file again when it is rewritten (SeenFilesMap)', async () => {
    await dir.write('a.txt', 'a1\n', Date.now() - 60_000);
    const s = new FileStreamSource({
      path: dir.path,
      schema: VALUE_SCHEMA,
      options: {},
      reader: lineReader,
    });
    try {
      const first = await s.latestOffset();
      expect(values((await s.getBatch(null, first!)).batch)).toEqual(['a1']);
      await dir.write('a.txt', 'a1\na2\n', Date.now() - 30_000);
      await dir.write('b.txt', 'b1\n', Date.now() - 30_000);
      await fs.writeFile(dir.at('c.tmp'), 'never\n');
      const second = await s.latestOffset();
      expect(second).toEqual({ logOffset: 1 });
      expect(values((await s.getBatch(first, second!)).batch)).toEqual(['b1']);
    } finally {
      await s.stop();
    }
  });
});
