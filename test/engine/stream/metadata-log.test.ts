import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetadataLog } from '../../../engine/stream/metadata-log';

describe('MetadataLog on disk (HDFSMetadataLog: temp file + rename, as Spark on a local file system)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-mlog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its folder and leaves exactly one file per entry, no temp files', async () => {
    const log = new MetadataLog(join(dir, 'commits'));
    for (let i = 0; i < 5; i++) expect(await log.add(i, `v1\n{"n":${i}}`)).toBe(true);
    expect(readdirSync(join(dir, 'commits')).sort()).toEqual(['0', '1', '2', '3', '4']);
    expect(await readFile(join(dir, 'commits', '3'), 'utf8')).toBe('v1\n{"n":3}');
    expect(await log.getLatest()).toEqual({ batchId: 4, text: 'v1\n{"n":4}' });
  });

  it('keeps the first entry of a batch id and ignores a crashed writer’s temp file', async () => {
    mkdirSync(join(dir, 'offsets'));
    writeFileSync(join(dir, 'offsets', '.0.tmp-deadbeef0000'), 'half');
    const log = new MetadataLog(join(dir, 'offsets'));
    expect(await log.add(0, 'first')).toBe(true);
    expect(await log.add(0, 'second')).toBe(false);
    expect(await log.get(0)).toBe('first');
    expect(await log.batchIds()).toEqual([0]);
  });

  it('a second log over the same folder sees the entries (a restarted query)', async () => {
    await new MetadataLog(join(dir, 'offsets')).add(7, 'seven');
    const reopened = new MetadataLog(join(dir, 'offsets'));
    expect(await reopened.get(7)).toBe('seven');
    expect(await reopened.add(7, 'again')).toBe(false);
  });
});
