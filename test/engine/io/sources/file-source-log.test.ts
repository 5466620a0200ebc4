import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import {
  FileSourceLog,
  isCompactionBatch,
  type FileEntry,
} from '../../../../engine/io/sources/file-source-log';
import { TempFolder } from './source-fixtures';

const entry = (batchId: number, name: string): FileEntry => ({
  path: `file:///data/${name}`,
  timestamp: 1000 + batchId,
  batchId,
});

describe('FileSourceLog (FileStreamSourceLog, CompactibleFileStreamLog)', () => {
  let dir: TempFolder;
  beforeEach(() => {
    dir = new TempFolder();
  });
  afterEach(() => dir.remove());

  it('keeps batches in memory without a metadata folder', async () => {
    const log = await FileSourceLog.open();
    expect(log.latestBatchId).toBe(-1);
    expect(await log.add(0, [entry(0, 'a')])).toBe(true);
    expect(await log.add(1, [entry(1, 'b'), entry(1, 'c')])).toBe(true);
    expect(await log.add(1, [entry(1, 'x')])).toBe(false);
    expect(log.get(1, 1).map((e) => e.path)).toEqual(['file:///data/b', 'file:///data/c']);
    expect(log.get(0, 1)).toHaveLength(3);
    expect(() => log.get(0, 5)).toThrow(/BATCH_METADATA_NOT_FOUND/);
  });

  it("writes Spark's v1 format: a version line, then one JSON object per file", async () => {
    const log = await FileSourceLog.open(dir.path);
    await log.add(0, [entry(0, 'a%20b.json')]);
    expect(await fs.readFile(dir.at('0'), 'utf8')).toBe(
      'v1\n{"path":"file:///data/a%20b.json","timestamp":1000,"batchId":0}',
    );
    expect((await fs.readdir(dir.path)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('compacts every 10th batch into <id>.compact holding all files so far', async () => {
    expect(isCompactionBatch(9, 10)).toBe(true);
    expect(isCompactionBatch(10, 10)).toBe(false);
    const log = await FileSourceLog.open(dir.path);
    for (let id = 0; id <= 11; id++) await log.add(id, [entry(id, `f${id}`)]);
    const names = (await fs.readdir(dir.path)).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toContain('9.compact');
    expect(names).not.toContain('9');
    const compact = (await fs.readFile(dir.at('9.compact'), 'utf8')).split('\n');
    expect(compact[0]).toBe('v1');
    expect(compact.slice(1).map((l) => JSON.parse(l).batchId)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('restores from the newest compact file plus later batches', async () => {
    const log = await FileSourceLog.open(dir.path);
    for (let id = 0; id <= 11; id++) await log.add(id, [entry(id, `f${id}`)]);
    const restored = await FileSourceLog.open(dir.path);
    expect(restored.latestBatchId).toBe(11);
    expect(restored.get(3, 3).map((e) => e.path)).toEqual(['file:///data/f3']);
    expect(restored.get(10, 11).map((e) => e.path)).toEqual([
      'file:///data/f10',
      'file:///data/f11',
    ]);
    expect(restored.allEntries()).toHaveLength(12);
    expect(await restored.add(11, [entry(11, 'again')])).toBe(false);
  });

  it('refuses a log written by a newer version', async () => {
    await fs.writeFile(dir.at('0'), 'v2\n{}');
    await expect(FileSourceLog.open(dir.path)).rejects.toThrow(
      /UnsupportedLogVersion: maximum supported log version is v1, but encountered v2/,
    );
  });
});
