// Stopping a source closes its folder watcher; chokidar's close() drops every listener, yet
// a scan still in flight (e.g. stat hitting ELOOP deep in a symlink loop, as in
// test/faults/hostile-input.test.ts) reports its error afterwards. That late error must not
// throw (an EventEmitter 'error' with no listener does) and become an unhandled rejection.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FSWatcher } from 'chokidar';
import { FileStreamSource } from '../../../../engine/io/sources/file-stream-source';
import { TempFolder, VALUE_SCHEMA, lineReader } from './source-fixtures';

let dir: TempFolder;
beforeEach(() => {
  dir = new TempFolder();
});
afterEach(() => dir.remove());

it('a watcher error reported after stop() is swallowed, not thrown', async () => {
  const source = new FileStreamSource({
    path: dir.path,
    schema: VALUE_SCHEMA,
    options: {},
    reader: lineReader,
  });
  source.onDataAvailable(() => undefined);
  await source.watching();
  const watcher = (source as unknown as { watcher: FSWatcher | null }).watcher;
  expect(watcher).not.toBeNull();
  await source.stop();
  const late = Object.assign(new Error('ELOOP: too many symbolic links encountered'), {
    code: 'ELOOP',
  });
  expect(() => watcher!.emit('error', late)).not.toThrow();
});
