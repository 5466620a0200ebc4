// The file source's folder watcher: one fs.watch per folder a listing would enter, events
// passed on as the system reports them, sub-folders followed as they come and go.
import { appendFileSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FolderWatcher, type FolderEvent } from '../../../../engine/io/sources/folder-watcher';
import { shouldFilterOutPathName } from '../../../../engine/io/sources/file-name-filter';
import { FileStreamSource } from '../../../../engine/io/sources/file-stream-source';
import { TempFolder, VALUE_SCHEMA, lineReader } from './source-fixtures';

let dir: TempFolder;
let watcher: FolderWatcher | null = null;
let events: { event: FolderEvent; name: string; folder: string }[];

beforeEach(() => {
  dir = new TempFolder();
  events = [];
});
afterEach(() => {
  watcher?.close();
  watcher = null;
  dir.remove();
});

function start(root = dir.path, entersFolder = (name: string) => name.includes('=')): FolderWatcher {
  watcher = new FolderWatcher({
    root,
    entersFolder,
    isHiddenName: shouldFilterOutPathName,
    onEvent: (event, name, folder) => events.push({ event, name, folder }),
  });
  return watcher;
}

async function until(what: string, done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

it('reports a file renamed into the folder as a rename, and writes to a file as changes', async () => {
  start();
  mkdirSync(dir.at('staging'));
  writeFileSync(dir.at('staging', 'a.json'), '{"v":1}\n');
  renameSync(dir.at('staging', 'a.json'), dir.at('a.json'));
  await until('the rename', () => events.some((e) => e.event === 'rename' && e.name === 'a.json'));
  expect(events.find((e) => e.name === 'a.json')!.folder).toBe(dir.path);
  appendFileSync(dir.at('a.json'), '{"v":2}\n');
  await until('the write', () => events.some((e) => e.event === 'change' && e.name === 'a.json'));
});

it('watches partition folders present at start and those created later, but not other folders', async () => {
  mkdirSync(dir.at('day=1'));
  mkdirSync(dir.at('archive'));
  const w = start();
  expect(w.folders.sort()).toEqual([dir.path, dir.at('day=1')].sort());
  mkdirSync(dir.at('day=2'));
  await until('the new partition', () => w.folders.includes(dir.at('day=2')));
  writeFileSync(dir.at('day=2', 'x.json'), '{}\n');
  await until('an event inside it', () => events.some((e) => e.folder === dir.at('day=2') && e.name === 'x.json'));
  writeFileSync(dir.at('archive', 'old.json'), '{}\n');
  await new Promise((r) => setTimeout(r, 100));
  expect(events.some((e) => e.folder === dir.at('archive'))).toBe(false);
  expect(w.folders).not.toContain(dir.at('archive'));
});

it('enters every folder in recursive mode, except hidden ones', async () => {
  mkdirSync(dir.at('a', 'b'), { recursive: true });
  mkdirSync(dir.at('_temporary'));
  const w = start(dir.path, () => true);
  expect(w.folders.sort()).toEqual([dir.path, dir.at('a'), dir.at('a', 'b')].sort());
});

it('drops the watches of a removed folder, and picks the root up once it exists', async () => {
  const root = dir.at('later');
  const w = start(root);
  expect(w.folders).toEqual([]);
  mkdirSync(root);
  mkdirSync(join(root, 'k=v'));
  w.rewatch();
  expect(w.folders.sort()).toEqual([root, join(root, 'k=v')].sort());
  rmSync(join(root, 'k=v'), { recursive: true });
  await until('the partition to be dropped', () => !w.folders.includes(join(root, 'k=v')));
  expect(w.folders).toEqual([root]);
});

it('watches a folder reached again through a symbolic link only once', () => {
  mkdirSync(dir.at('k=1'));
  symlinkSync(dir.path, dir.at('k=1', 'up=loop'));
  symlinkSync(dir.at('k=1'), dir.at('k=2'));
  const w = start();
  expect(w.folders.sort()).toEqual([dir.path, dir.at('k=1')].sort());
});

it('reports nothing once closed', async () => {
  const w = start();
  w.close();
  writeFileSync(dir.at('late.json'), '{}\n');
  await new Promise((r) => setTimeout(r, 100));
  expect(events).toEqual([]);
  expect(w.folders).toEqual([]);
});

it("stopping a file source closes its watcher, and a new file wakes a running source's listener", async () => {
  const source = new FileStreamSource({ path: dir.path, schema: VALUE_SCHEMA, options: {}, reader: lineReader });
  let wakes = 0;
  source.onDataAvailable(() => wakes++);
  await source.watching();
  const w = (source as unknown as { watcher: FolderWatcher | null }).watcher;
  expect(w?.folders).toEqual([dir.path]);
  writeFileSync(dir.at('a.txt'), 'x\n');
  await until('a wake', () => wakes > 0);
  await source.stop();
  expect(w!.folders).toEqual([]);
});
