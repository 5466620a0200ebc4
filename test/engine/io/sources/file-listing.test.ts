import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basename, relative } from 'node:path';
import { listDataFiles, type ListingRules } from '../../../../engine/io/sources/file-listing';
import {
  compileGlobList,
  DEFAULT_IGNORE_FILE_PATTERNS,
} from '../../../../engine/io/sources/file-name-filter';
import { compileGlob } from '../../../../engine/io/sources/glob-pattern';
import { TempFolder } from './source-fixtures';

const rules = (over: Partial<ListingRules> = {}): ListingRules => ({
  recursiveFileLookup: false,
  isIgnoredName: compileGlobList(DEFAULT_IGNORE_FILE_PATTERNS),
  ...over,
});

describe('listing a source folder (InMemoryFileIndex + PartitioningAwareFileIndex.allFiles)', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(() => dir.remove());

  const names = async (path: string, r: ListingRules): Promise<string[]> =>
    (await listDataFiles(path, r)).map((f) => relative(dir.path, f.path)).sort();

  it('skips hidden, underscore, _COPYING_ and temporary names', async () => {
    for (const n of [
      'a.json',
      '.b.json',
      '_c.json',
      'd.json._COPYING_',
      'e.json.tmp',
      'f.json.crdownload',
      'g.json~',
      'h.json.part',
    ]) {
      await dir.write(n, '1\n');
    }
    await dir.write('.git/config', 'x');
    await dir.write('_spark_metadata/0', 'v1');
    expect(await names(dir.path, rules())).toEqual(['a.json']);
  });

  it('reports size and mtime', async () => {
    await dir.write('a.json', 'hello\n', 1_600_000_000_000);
    const [f] = await listDataFiles(dir.path, rules());
    expect(f.size).toBe(6);
    expect(Math.round(f.mtimeMs)).toBe(1_600_000_000_000);
  });

  it('reads plain sub-folders only with recursiveFileLookup, partition folders always', async () => {
    await dir.write('top.json', '1');
    await dir.write('archive/old.json', '1');
    await dir.write('archive/deeper/older.json', '1');
    await dir.write('day=1/p.json', '1');
    await dir.write('day=1/hour=2/q.json', '1');
    expect(await names(dir.path, rules())).toEqual([
      'day=1/hour=2/q.json',
      'day=1/p.json',
      'top.json',
    ]);
    expect(await names(dir.path, rules({ recursiveFileLookup: true }))).toEqual([
      'archive/deeper/older.json',
      'archive/old.json',
      'day=1/hour=2/q.json',
      'day=1/p.json',
      'top.json',
    ]);
  });

  it('applies pathGlobFilter to file names only', async () => {
    await dir.write('a.json', '1');
    await dir.write('b.csv', '1');
    await dir.write('k=v/c.json', '1');
    expect(await names(dir.path, rules({ pathGlobFilter: compileGlob('*.json') }))).toEqual([
      'a.json',
      'k=v/c.json',
    ]);
  });

  it('expands glob paths one component at a time', async () => {
    await dir.write('2024-01/a.json', '1');
    await dir.write('2024-02/b.json', '1');
    await dir.write('2024-02/b.csv', '1');
    await dir.write('2023-12/c.json', '1');
    await dir.write('2024-03/.hidden.json', '1');
    expect(await names(dir.at('2024-*', '*.json'), rules())).toEqual([
      '2024-01/a.json',
      '2024-02/b.json',
    ]);
    expect(await names(dir.at('2024-*'), rules())).toEqual([
      '2024-01/a.json',
      '2024-02/b.csv',
      '2024-02/b.json',
    ]);
  });

  it('lists a missing root as empty and a single file path as that file', async () => {
    expect(await listDataFiles(dir.at('nope'), rules())).toEqual([]);
    const p = await dir.write('one.json', '1');
    expect((await listDataFiles(p, rules())).map((f) => basename(f.path))).toEqual(['one.json']);
  });
});
