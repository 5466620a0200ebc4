import { createHash } from 'node:crypto';
import {
  promises as fs,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../engine/service/protocol';
import { writeFileAtomic, type AtomicWriteIo } from '../../main/atomic-write';
import { HostSideError } from '../../main/host-errors';
import {
  emptyWorkspace,
  parseWorkspace,
  readWorkspaceFile,
  WorkspaceFiles,
  workspaceText,
} from '../../main/workspace';
import { migrateWorkspace, MIGRATIONS } from '../../main/workspace-migrations';
import { sampleWorkspace } from './helpers/workspace-fixture';

/** The HostSideError `run` throws (fails the test if it throws nothing or something else). */
function caught(run: () => unknown): HostSideError {
  try {
    run();
  } catch (e) {
    if (e instanceof HostSideError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

async function caughtAsync(run: () => Promise<unknown>): Promise<HostSideError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof HostSideError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('workspace files (main/workspace.ts)', () => {
  let dir: string;
  let files: WorkspaceFiles;
  const FILE = 'monitor.tidemark.json';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-workspace-'));
    files = new WorkspaceFiles(join(dir, 'data'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves and opens a workspace unchanged, as pretty JSON', async () => {
    const workspace = sampleWorkspace(join(dir, 'sensors'));
    const path = join(dir, FILE);
    const saved = await files.save(path, workspace);
    expect(saved.path).toBe(path);
    expect(Number.isNaN(Date.parse(saved.savedAt))).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(workspace, null, 2)}\n`);
    expect(await readWorkspaceFile(path)).toEqual(workspace);
    expect(await files.open(path)).toEqual({ path, workspace, recovered: false });
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it('names the line and column of a JSON syntax error', () => {
    const text = '{\n  "format": "tidemark-workspace",\n  "version": 1,\n}\n';
    const error = caught(() => parseWorkspace(text, '/w/broken.tidemark.json'));
    expect(error.name).toBe('InvalidWorkspaceException');
    expect(error.message).toMatch(
      /^\/w\/broken\.tidemark\.json: not valid JSON at line 4, column 1/,
    );
    expect(error.info.context).toEqual({ file: '/w/broken.tidemark.json', line: 4 });
    const truncated = caught(() => parseWorkspace('{\n"format":', '/w/t.json'));
    expect(truncated.message).toContain('line 2, column 10');
  });

  it('names the field at fault in a well-formed but wrong workspace', () => {
    type Edit = (w: Record<string, unknown>) => unknown;
    const cases: [Edit, string][] = [
      [(w) => ({ ...w, format: 'something-else' }), 'format must be "tidemark-workspace"'],
      [(w) => ({ ...w, name: 7 }), 'name must be a string'],
      [
        (w) => ({ ...w, layout: { ...(w.layout as object), view: 'chart' } }),
        'layout.view must be one of source, query, builder, results, dashboard, lens, sql',
      ],
      [
        (w) => ({
          ...w,
          sources: [{ ...(w.sources as object[])[0], setup: { path: 'relative/dir' } }],
        }),
        'sources[0].setup.path must be an absolute path',
      ],
      [
        (w) => ({ ...w, queries: [{ ...(w.queries as object[])[0], sourceId: 'missing' }] }),
        'queries[0].sourceId names no source ("missing")',
      ],
      [
        (w) => {
          const q = (w.queries as { draft: { steps: unknown[] } }[])[0];
          return {
            ...w,
            queries: [{ ...q, draft: { ...q.draft, steps: [{ kind: 'filter', condition: 1 }] } }],
          };
        },
        'queries[0].draft.steps[0].condition must be a string',
      ],
      [
        (w) => ({ ...w, version: 99 }),
        'version 99 was written by a newer Tidemark; this one reads up to version 1',
      ],
    ];
    const base = sampleWorkspace('/data/sensors') as unknown as Record<string, unknown>;
    for (const [edit, message] of cases) {
      const error = caught(() => parseWorkspace(JSON.stringify(edit(base)), '/w/x.json'));
      expect(error.message).toContain(`/w/x.json: ${message}`);
      expect(error.name).toBe('InvalidWorkspaceException');
    }
  });

  it('migrates an older version step by step through the migrations table', () => {
    // A hypothetical version 0 that called the name `title` and had no layout.
    const v0 = { ...sampleWorkspace('/data/sensors'), version: 0, title: 'Old' } as Record<
      string,
      unknown
    >;
    delete v0.name;
    delete v0.layout;
    const toV1 = ({ title, ...rest }: Readonly<Record<string, unknown>>) => ({
      ...rest,
      name: title,
      layout: emptyWorkspace().layout,
    });
    const migrated = parseWorkspace(JSON.stringify(v0), '/w/old.json', { 0: toV1 }, 1);
    expect(migrated.version).toBe(1);
    expect(migrated.name).toBe('Old');
    expect(migrated.layout).toEqual(emptyWorkspace().layout);
    expect('title' in migrated).toBe(false);

    const order: number[] = [];
    const chained = migrateWorkspace(
      { version: 1 },
      {
        1: (w) => (order.push(w.version as number), { ...w, a: 1 }),
        2: (w) => (order.push(w.version as number), { ...w, b: 2 }),
      },
      3,
    );
    expect(chained).toEqual({ version: 3, a: 1, b: 2 });
    expect(order).toEqual([1, 2]);
    // The shipped table has no step from 0: such a file is refused, not guessed at.
    expect(MIGRATIONS).toEqual({});
    expect(caught(() => parseWorkspace(JSON.stringify(v0), '/w/old.json')).message).toContain(
      'no migration from version 0 to 1',
    );
  });

  it('reports a missing file as PATH_NOT_FOUND', async () => {
    const error = await caughtAsync(() => files.open(join(dir, 'gone.tidemark.json')));
    expect(error.info.errorClass).toBe('PATH_NOT_FOUND');
    expect(error.message).toContain(join(dir, 'gone.tidemark.json'));
  });

  it('refuses to save a malformed workspace and leaves the old file as it was', async () => {
    const path = join(dir, FILE);
    await files.save(path, sampleWorkspace('/data/a'));
    const before = readFileSync(path, 'utf8');
    const bad = { ...sampleWorkspace('/data/b'), layout: null } as unknown as Workspace;
    const error = await caughtAsync(() => files.save(path, bad));
    expect(error.message).toContain('layout must be an object');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('autosaves beside the app, never over the user’s file, and recovers the newer backup', async () => {
    const path = join(dir, FILE);
    const original = sampleWorkspace('/data/a', 'Original');
    const edited = sampleWorkspace('/data/a', 'Edited');
    await files.save(path, original);
    const backup = await files.autosave(path, edited);
    const hash = createHash('sha256').update(path).digest('hex');
    expect(backup.path).toBe(join(dir, 'data', 'autosave', `${hash}.json`));
    expect(JSON.parse(readFileSync(backup.path, 'utf8'))).toEqual(edited);
    expect(await readWorkspaceFile(path)).toEqual(original);

    // The file older than its backup: a crash left unsaved work.
    utimesSync(path, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    utimesSync(backup.path, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    expect(await files.open(path)).toEqual({ path, workspace: edited, recovered: true });

    // The file changed after the backup (edited elsewhere): the file wins.
    utimesSync(path, new Date('2026-01-03T00:00:00Z'), new Date('2026-01-03T00:00:00Z'));
    expect(await files.open(path)).toEqual({ path, workspace: original, recovered: false });

    // Saving drops the backup.
    await files.save(path, edited);
    expect(readdirSync(join(dir, 'data', 'autosave'))).toEqual([]);
    expect(await files.open(path)).toEqual({ path, workspace: edited, recovered: false });
  });

  it('ignores a damaged backup and opens the file', async () => {
    const path = join(dir, FILE);
    await files.save(path, sampleWorkspace('/data/a'));
    await fs.mkdir(join(dir, 'data', 'autosave'), { recursive: true });
    writeFileSync(files.backupPathFor(path), '{ not json');
    utimesSync(path, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect((await files.open(path)).recovered).toBe(false);
  });

  it('recovers the untitled workspace until it is saved under a name', async () => {
    expect(await files.newWorkspace()).toEqual({
      path: null,
      workspace: {
        format: 'tidemark-workspace',
        version: 1,
        name: 'Untitled',
        sources: [],
        queries: [],
        layout: { theme: 'system', selectedQueryId: null, view: 'source', sidebarWidth: 260 },
      },
      recovered: false,
    });
    const draft = sampleWorkspace('/data/a', 'Draft');
    const backup = await files.autosave(null, draft);
    expect(backup.path).toBe(join(dir, 'data', 'autosave', 'untitled.json'));
    expect(await files.newWorkspace()).toEqual({ path: null, workspace: draft, recovered: true });

    // Save As of the untitled workspace: it now has a file, so its untitled backup goes.
    await files.save(join(dir, FILE), draft);
    expect(readdirSync(join(dir, 'data', 'autosave'))).toEqual([]);
    expect((await files.newWorkspace()).recovered).toBe(false);
  });

  it('writes the text workspaceText gives, so a saved file reads back as the same value', () => {
    const w = sampleWorkspace('/data/a');
    expect(parseWorkspace(workspaceText(w), '/w/x.json')).toEqual(w);
    // …also after a Windows editor added a byte-order mark.
    expect(parseWorkspace(`\uFEFF${workspaceText(w)}`, '/w/x.json')).toEqual(w);
  });
});

describe('writeFileAtomic (main/atomic-write.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const realIo: AtomicWriteIo = {
    open: (p, f) => fs.open(p, f),
    rename: (a, b) => fs.rename(a, b),
    unlink: (p) => fs.unlink(p),
  };

  it('replaces the file and leaves no temp file behind', async () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['w.json']);
  });

  it('leaves the old file intact and removes the temp file when the rename fails', async () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, 'old');
    const failingRename: AtomicWriteIo = {
      ...realIo,
      rename: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    await expect(writeFileAtomic(path, 'new', failingRename)).rejects.toThrow('ENOSPC');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['w.json']);
  });

  it('leaves the old file intact when writing the temp file fails half-way', async () => {
    const path = join(dir, 'w.json');
    writeFileSync(path, 'old');
    const failingWrite: AtomicWriteIo = {
      ...realIo,
      open: async (p, f) => {
        const handle = await fs.open(p, f);
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: async () => {
            await handle.writeFile('ne');
            throw new Error('EIO: i/o error, write');
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      },
    };
    await expect(writeFileAtomic(path, 'new', failingWrite)).rejects.toThrow('EIO');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['w.json']);
  });
});
