import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserDialogs, fileFilters, withSaveSuffix } from '../../main/dialogs';
import { HostSideError } from '../../main/host-errors';

async function refusal(run: Promise<unknown>): Promise<HostSideError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof HostSideError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('browser-mode dialogs: the typed path is the pick (main/dialogs.ts)', () => {
  let dir: string;
  const dialogs = new BrowserDialogs();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-dialogs-'));
    mkdirSync(join(dir, 'sensors'));
    writeFileSync(join(dir, 'file.txt'), 'x');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says it has no native dialogs and needs a typed path', async () => {
    expect(dialogs.native).toBe(false);
    for (const run of [
      dialogs.pickFolder('source'),
      dialogs.pickSaveFile('export', 'a.csv'),
      dialogs.pickOpenFile('workspace'),
    ]) {
      const error = await refusal(run);
      expect(error.name).toBe('IllegalArgumentException');
      expect(error.message).toContain('browser mode needs typedPath');
    }
  });

  it('accepts an existing source folder and refuses a missing one or a file', async () => {
    expect(await dialogs.pickFolder('source', join(dir, 'sensors'))).toBe(join(dir, 'sensors'));
    const missing = await refusal(dialogs.pickFolder('source', join(dir, 'nope')));
    expect(missing.info.errorClass).toBe('PATH_NOT_FOUND');
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    expect((await refusal(dialogs.pickFolder('source', join(dir, 'file.txt')))).message).toContain(
      'is a file, not a folder',
    );
  });

  it('creates a missing output or checkpoint folder', async () => {
    for (const purpose of ['output', 'checkpoint'] as const) {
      const path = join(dir, purpose, 'nested');
      expect(await dialogs.pickFolder(purpose, path)).toBe(path);
      expect(statSync(path).isDirectory()).toBe(true);
    }
  });

  it('saves into an existing folder, under the proposed name when a folder is typed', async () => {
    expect(await dialogs.pickSaveFile('export', 'counts.csv', join(dir, 'out.csv'))).toBe(
      join(dir, 'out.csv'),
    );
    expect(await dialogs.pickSaveFile('export', 'counts.csv', dir)).toBe(join(dir, 'counts.csv'));
    expect(await dialogs.pickSaveFile('workspace', 'w.tidemark.json', join(dir, 'mine'))).toBe(
      join(dir, 'mine.tidemark.json'),
    );
    const noFolder = await refusal(
      dialogs.pickSaveFile('export', 'a.csv', join(dir, 'missing', 'a.csv')),
    );
    expect(noFolder.message).toContain(join(dir, 'missing'));
  });

  it('opens only an existing file', async () => {
    expect(await dialogs.pickOpenFile('workspace', join(dir, 'file.txt'))).toBe(
      join(dir, 'file.txt'),
    );
    expect(
      (await refusal(dialogs.pickOpenFile('workspace', join(dir, 'x.json')))).info.errorClass,
    ).toBe('PATH_NOT_FOUND');
    expect((await refusal(dialogs.pickOpenFile('workspace', dir))).message).toContain('not a file');
  });
});

describe('dialog filters and names', () => {
  it('filters exports by the format the default name carries', () => {
    expect(fileFilters('export', 'counts-batch-3.parquet')[0]).toEqual({
      name: 'Parquet',
      extensions: ['parquet'],
    });
    expect(fileFilters('export', 'x.jsonl')[0].name).toBe('JSON Lines');
    expect(fileFilters('export', 'x.unknown')).toEqual([{ name: 'All files', extensions: ['*'] }]);
    expect(fileFilters('workspace')[0].name).toContain('*.tidemark.json');
  });

  it('gives a workspace name without an extension the workspace suffix', () => {
    expect(withSaveSuffix('/w/monitor', 'workspace')).toBe('/w/monitor.tidemark.json');
    expect(withSaveSuffix('/w/monitor.tidemark.json', 'workspace')).toBe(
      '/w/monitor.tidemark.json',
    );
    expect(withSaveSuffix('/w/monitor', 'export')).toBe('/w/monitor');
  });
});
