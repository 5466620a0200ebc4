/**
 * Watches a source folder, and the sub-folders a listing would enter, with one `fs.watch`
 * (inotify, FSEvents, ReadDirectoryChangesW) per folder, and passes on what the operating
 * system reports: an entry appeared, was replaced or went ('rename'), or a file was written
 * ('change'). The file source only uses these to wake an idle query early and to tell a file
 * renamed in whole from one being filled (file-stability.ts); the trigger's listing stays the
 * ground truth, so a missed event costs latency (the query's polling delay), never data.
 *
 * It replaces chokidar here, whose directory handler re-reads the whole folder with an
 * lstat per entry after every change and opens one more watch per file: at 10 files/s in a
 * folder of a few hundred files that was ~2 ms of the query thread per file and a queue in
 * libuv's thread pool in front of the trigger's own reads (with the synchronous listing of
 * file-listing.ts, the bench's rename-to-table latency p50 went from 8.5 to 5.6 ms), and a
 * folder of 300 files took 301 inotify watches, so one of 10,000 would pass many systems'
 * default `max_user_watches` of 8,192.
 *
 * A sub-folder is watched when `entersFolder(name)` says a listing would enter it (partition
 * folders `k=v`, any folder with recursiveFileLookup or a glob path), found at start or when it
 * appears later; a folder reached twice through symbolic links is watched once. A folder that
 * goes away drops its watches; `rewatch()` picks the root up again once it exists.
 */
import { readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';

export type FolderEvent = 'rename' | 'change';

export interface FolderWatcherOptions {
  readonly root: string;
  /** Whether a listing enters the sub-folder `name` (hidden names are never passed in). */
  readonly entersFolder: (name: string) => boolean;
  /** Names a listing never looks at, files and folders alike (Spark's hidden-name rule). */
  readonly isHiddenName: (name: string) => boolean;
  /** An entry `name` of `folder` changed; `name` is '' when the system did not say which. */
  readonly onEvent: (event: FolderEvent, name: string, folder: string) => void;
}

interface Watched {
  readonly handle: FSWatcher;
  readonly real: string;
}

export class FolderWatcher {
  private readonly watched = new Map<string, Watched>();
  private closed = false;

  constructor(private readonly options: FolderWatcherOptions) {
    this.rewatch();
  }

  /** Folders watched now (tests, diagnostics). */
  get folders(): string[] {
    return [...this.watched.keys()];
  }

  /** Starts watching the root (and its sub-folders) if it is not watched yet and exists now. */
  rewatch(): void {
    if (this.closed || this.watched.has(this.options.root)) return;
    this.watchTree(this.options.root, new Set());
  }

  close(): void {
    this.closed = true;
    for (const w of this.watched.values()) w.handle.close();
    this.watched.clear();
  }

  private watchTree(folder: string, ancestors: ReadonlySet<string>): void {
    if (this.closed || this.watched.has(folder)) return;
    const real = realpathOrNull(folder);
    if (real === null || ancestors.has(real) || this.isWatchedReal(real)) return;
    let handle: FSWatcher;
    try {
      handle = watch(folder, { persistent: false }, (event, name) => this.onRaw(folder, event, name));
    } catch {
      return; // gone, not a folder, or no permission: the listing reports what matters
    }
    // A watch error (the folder was removed, the system ran out of watches) ends that watch;
    // it is never thrown, since an 'error' with no listener would crash the query's thread.
    handle.on('error', () => this.unwatch(folder));
    this.watched.set(folder, { handle, real });
    const below = new Set(ancestors).add(real);
    for (const name of subFolderCandidates(folder)) {
      if (this.options.isHiddenName(name) || !this.options.entersFolder(name)) continue;
      const path = join(folder, name);
      if (isFolder(path)) this.watchTree(path, below);
    }
  }

  private onRaw(folder: string, event: string, name: string | Buffer | null): void {
    if (this.closed) return;
    const entry = name === null ? '' : name.toString();
    if (event === 'rename' && entry !== '' && !this.options.isHiddenName(entry)) {
      const path = join(folder, entry);
      if (this.watched.has(path)) {
        if (!isFolder(path)) this.unwatch(path);
      } else if (this.options.entersFolder(entry) && isFolder(path)) {
        this.watchTree(path, this.ancestorsOf(folder));
      }
    }
    this.options.onEvent(event === 'change' ? 'change' : 'rename', entry, folder);
  }

  private unwatch(folder: string): void {
    const prefix = folder + sep;
    for (const [path, w] of this.watched) {
      if (path !== folder && !path.startsWith(prefix)) continue;
      w.handle.close();
      this.watched.delete(path);
    }
  }

  private isWatchedReal(real: string): boolean {
    for (const w of this.watched.values()) if (w.real === real) return true;
    return false;
  }

  /** Real paths of `folder` and the watched folders above it (a link back up is not entered). */
  private ancestorsOf(folder: string): Set<string> {
    const out = new Set<string>();
    for (const [path, w] of this.watched) if (folder === path || folder.startsWith(path + sep)) out.add(w.real);
    return out;
  }
}

/** Names in `folder` that may be folders: directories, and links that may point at one. */
function subFolderCandidates(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}
