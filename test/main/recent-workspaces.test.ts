import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentWorkspaces } from '../../main/recent-workspaces';

describe('recent workspaces (main/recent-workspaces.ts)', () => {
  let dir: string;
  let recent: RecentWorkspaces;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-recent-'));
    recent = new RecentWorkspaces(join(dir, 'data'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Creates a workspace file (the list keeps only files that exist). */
  function file(name: string): string {
    const path = join(dir, `${name}.tidemark.json`);
    writeFileSync(path, '{}');
    return path;
  }

  it('starts empty and lists files newest first', async () => {
    expect(await recent.list()).toEqual([]);
    const a = file('a');
    const b = file('b');
    await recent.add(a, 'A', new Date('2026-03-01T10:00:00Z'));
    await recent.add(b, 'B', new Date('2026-03-01T11:00:00Z'));
    expect(await recent.list()).toEqual([
      { path: b, name: 'B', openedAt: '2026-03-01T11:00:00.000Z' },
      { path: a, name: 'A', openedAt: '2026-03-01T10:00:00.000Z' },
    ]);
    expect(await recent.includes(a)).toBe(true);
    expect(await recent.includes(join(dir, 'never.tidemark.json'))).toBe(false);
  });

  it('keeps one entry per file, moved to the top with its latest name', async () => {
    const a = file('a');
    const b = file('b');
    await recent.add(a, 'A');
    await recent.add(b, 'B');
    await recent.add(join(dir, 'sub', '..', 'a.tidemark.json'), 'A renamed');
    const list = await recent.list();
    expect(list.map((r) => [r.path, r.name])).toEqual([
      [a, 'A renamed'],
      [b, 'B'],
    ]);
  });

  it(`keeps at most ${MAX_RECENT}`, async () => {
    const paths = Array.from({ length: MAX_RECENT + 2 }, (_, i) => file(`w${i}`));
    for (const p of paths) await recent.add(p, p);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.map((r) => r.path)).toEqual(paths.slice(2).reverse());
  });

  it('drops files that no longer exist when read', async () => {
    const a = file('a');
    const b = file('b');
    await recent.add(a, 'A');
    await recent.add(b, 'B');
    unlinkSync(b);
    expect((await recent.list()).map((r) => r.path)).toEqual([a]);
    expect(await recent.includes(b)).toBe(false);
  });

  it('stores JSON under the data folder, written atomically (no temp files left)', async () => {
    const a = file('a');
    await recent.add(a, 'A', new Date('2026-03-01T10:00:00Z'));
    expect(readdirSync(join(dir, 'data'))).toEqual(['recent-workspaces.json']);
    expect(JSON.parse(readFileSync(recent.file, 'utf8'))).toEqual([
      { path: a, name: 'A', openedAt: '2026-03-01T10:00:00.000Z' },
    ]);
  });

  it('reads a damaged or hand-edited list as far as it makes sense', async () => {
    const a = file('a');
    await recent.add(a, 'A');
    writeFileSync(recent.file, '[{"path": 1}, ');
    expect(await recent.list()).toEqual([]);
    writeFileSync(
      recent.file,
      JSON.stringify([
        { path: a, name: 'first', openedAt: 'x' },
        { path: a, name: 'again', openedAt: 'y' },
        { name: 'no path' },
      ]),
    );
    expect(await recent.list()).toEqual([{ path: a, name: 'first', openedAt: 'x' }]);
    const b = file('b');
    await recent.add(b, 'B');
    expect((await recent.list()).map((r) => r.name)).toEqual(['B', 'first']);
  });

  it('keeps both entries when two adds race', async () => {
    const a = file('a');
    const b = file('b');
    await Promise.all([recent.add(a, 'A'), recent.add(b, 'B')]);
    expect((await recent.list()).map((r) => r.name).sort()).toEqual(['A', 'B']);
  });
});
