/**
 * A folder (or glob) of json/csv/text files as a stream, following Spark's FileStreamSource:
 *
 * - Each `latestOffset()` lists the folder again; that listing is the ground truth. New
 *   files (unseen, not older than the maxFileAge threshold, and stable — see
 *   file-stability.ts) are sorted by mtime (newest first with `latestFirst`), cut to
 *   `maxFilesPerTrigger`/`maxBytesPerTrigger`, marked seen and logged under the next log
 *   offset. The offset is `{"logOffset": n}`; n moves only when a trigger takes files.
 * - `getBatch(start, end)` reads the files logged for offsets (start, end].
 * - A folder watcher (folder-watcher.ts) only wakes an idle query early (`onDataAvailable`);
 *   it never decides what is read, but its events tell the stability rule which new files were
 *   renamed in whole (file-stability.ts). It starts with the first listener, is closed by
 *   `stop()`, and starts watching a folder that did not exist yet once a listing finds it.
 * - `prepareForAvailableNow()` snapshots the files present now; later offsets hand out only
 *   those, still honouring the limits (SupportsTriggerAvailableNow).
 *
 * State: the seen-files map (bounded by maxFileAge) and the source log (in memory, and in
 * `<metadataPath>` in Spark's format when given). Cost per trigger: one listing (readdir +
 * stat per entry not yet seen) and a sort of the new files.
 */
import { basename, join, resolve } from 'node:path';
import { IllegalArgumentException } from '../../errors';
import type { StructType } from '../../types/struct-type';
import type { FormatReader } from '../formats/format';
import type { Offset, Source, SourceBatch, SourceWarning } from '../source';
import { FileSourceLog, type FileEntry } from './file-source-log';
import { FileStabilityTracker } from './file-stability';
import { FolderWatcher, type FolderEvent } from './folder-watcher';
import { compileGlobList, shouldFilterOutPathName } from './file-name-filter';
import { globBaseFolder, type ListedFile, type ListingRules } from './file-listing';
import type { FileStore } from './file-store';
import { parseFileStreamOptions, type FileStreamOptions } from './file-stream-options';
import { compileGlob, isGlobPath } from './glob-pattern';
import { LocalFileStore } from './local-file-store';
import { readFiles } from './read-files';
import { SeenFilesMap } from './seen-files-map';
import { SourceFileCleaner } from './source-cleaner';

/** Spark's ReadLimit for this source: ReadMaxFiles, ReadMaxBytes or ReadAllAvailable. */
export type FileReadLimit = { readonly maxFiles: number } | { readonly maxBytes: number } | 'all';

export interface FileSourceOffset {
  readonly logOffset: number;
}

export interface FileStreamSourceInit {
  /** A folder, a file or a glob path, as the user gave it. */
  readonly path: string;
  readonly schema: StructType;
  /** Reader options as given (Spark's names, case-insensitive). */
  readonly options: Readonly<Record<string, string>>;
  readonly reader: FormatReader;
  /** `<checkpoint>/sources/<i>`: keeps the source log there, in Spark's format. */
  readonly metadataPath?: string;
  /** Wall clock in ms (the stability rule); injectable for tests. */
  readonly now?: () => number;
  /** The only fields the plan reads (column pruning); absent = all. */
  readonly requiredColumns?: readonly string[];
  /** Where the files live (an S3 prefix: s3/s3-file-store.ts); default: the local `path`. */
  readonly store?: FileStore;
}

export class FileStreamSource implements Source {
  readonly schema: StructType;
  readonly description: string;
  readonly options: FileStreamOptions;

  private readonly path: string;
  private readonly store: FileStore;
  private readonly reader: FormatReader;
  private readonly requiredColumns: readonly string[] | undefined;
  private readonly rules: ListingRules;
  private readonly seenFiles: SeenFilesMap;
  private readonly stability: FileStabilityTracker;
  private readonly cleaner: SourceFileCleaner | undefined;
  private readonly now: () => number;
  private readonly log: Promise<FileSourceLog>;
  private readonly cleanWarnings: SourceWarning[] = [];
  private logOffset = -1;
  private snapshot: ListedFile[] | null = null;
  private serial: Promise<unknown> = Promise.resolve();
  private readonly listeners: (() => void)[] = [];
  private watcher: FolderWatcher | null = null;
  private notifyScheduled = false;
  private wakeTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(init: FileStreamSourceInit) {
    this.options = parseFileStreamOptions(init.options);
    this.store = init.store ?? new LocalFileStore(init.path);
    this.path = this.store instanceof LocalFileStore ? this.store.root : resolve(init.path);
    this.schema = init.schema;
    this.reader = init.reader;
    this.requiredColumns = init.requiredColumns;
    this.now = init.now ?? Date.now;
    this.description = `FileStreamSource[${this.store.description}]`;
    const o = this.options;
    this.rules = {
      recursiveFileLookup: o.recursiveFileLookup,
      pathGlobFilter: o.pathGlobFilter === undefined ? undefined : compileGlob(o.pathGlobFilter),
      isIgnoredName: compileGlobList(o.ignoreFilePatterns),
      // Seen files are never new again while held (SeenFilesMap.isNewFile): no stat needed.
      isKnownFile: (path) => this.seenFiles.has(path),
    };
    // SPARK-19813: with latestFirst and a limit, old unread files must stay eligible.
    const hasLimit = o.maxFilesPerTrigger !== undefined || o.maxBytesPerTrigger !== undefined;
    this.seenFiles = new SeenFilesMap(
      o.latestFirst && hasLimit ? Infinity : o.maxFileAgeMs,
      o.fileNameOnly,
    );
    this.stability = new FileStabilityTracker(o.fileStableMs);
    this.cleaner =
      o.cleanSource === 'off'
        ? undefined
        : new SourceFileCleaner(o.cleanSource, this.path, o.sourceArchiveDir, (message, file) =>
            this.cleanWarnings.push({ code: 'CLEAN_SOURCE_FAILED', message, file }),
          );
    this.log = FileSourceLog.open(init.metadataPath).then((log) => {
      for (const e of log.allEntries()) {
        this.seenFiles.add(this.store.fromLogPath(e.path), e.timestamp);
      }
      this.seenFiles.purge();
      this.logOffset = log.latestBatchId;
      return log;
    });
    // An unobserved rejection would crash the process; callers see it on their next call.
    this.log.catch(() => undefined);
  }

  /** maxFilesPerTrigger, else maxBytesPerTrigger, else everything (getDefaultReadLimit). */
  get defaultReadLimit(): FileReadLimit {
    const o = this.options;
    if (o.maxFilesPerTrigger !== undefined) return { maxFiles: o.maxFilesPerTrigger };
    if (o.maxBytesPerTrigger !== undefined) return { maxBytes: o.maxBytesPerTrigger };
    return 'all';
  }

  /** The newest log offset after taking new files; pass `'all'` for Trigger.Once. */
  latestOffset(limit: FileReadLimit = this.defaultReadLimit): Promise<FileSourceOffset | null> {
    return this.serialized(async () => {
      const n = await this.fetchMaxOffset(limit);
      return n === -1 ? null : { logOffset: n };
    });
  }

  async getBatch(start: Offset | null, end: Offset): Promise<SourceBatch> {
    const log = await this.log;
    const startOffset = start === null || start === undefined ? -1 : toLogOffset(start);
    const endOffset = toLogOffset(end);
    if (startOffset > endOffset) {
      throw new IllegalArgumentException(
        `assertion failed: start offset ${startOffset} is after end offset ${endOffset}`,
      );
    }
    const paths = log.get(startOffset + 1, endOffset).map((e) => this.store.fromLogPath(e.path));
    const result = await readFiles(paths, this.reader, this.schema, {
      ignoreMissingFiles: this.options.ignoreMissingFiles,
      ignoreCorruptFiles: this.options.ignoreCorruptFiles,
      requiredColumns: this.requiredColumns,
      readBytes: this.store.readBytes,
    });
    const warnings = this.cleanWarnings.splice(0, this.cleanWarnings.length);
    return { ...result, warnings: [...warnings, ...result.warnings] };
  }

  /** Cleans (archive/delete) the files of log offset `end`, as Spark's commit does. */
  async commit(end: Offset): Promise<void> {
    if (this.cleaner === undefined) return;
    const id = toLogOffset(end);
    if (id < 0) return;
    const log = await this.log;
    for (const e of log.get(id, id)) {
      if (e.batchId === id) await this.cleaner.clean(this.store.fromLogPath(e.path));
    }
  }

  /** Snapshot of the files present now (waiting up to fileStableMs for ones being written). */
  prepareForAvailableNow(): Promise<void> {
    return this.serialized(async () => {
      await this.log;
      const first = await this.listSorted();
      let ready = this.stability.ready(first, this.now());
      // Files still changing at the start get one stability interval to settle; those still
      // changing after it are not "available now". A file that did not change but is not yet
      // old enough is waited for again: a timer may fire early by the length of the event-loop
      // turn that set it (libuv measures from the turn's cached start), so one wait is not
      // always one full interval.
      const present = new Set(first.map((f) => f.path));
      for (let wait = this.stability.nextCheckInMs(this.now()); wait !== null; ) {
        await new Promise((r) => setTimeout(r, wait ?? 0));
        const checkedAt = this.now();
        ready = this.stability.ready(
          (await this.listSorted()).filter((f) => present.has(f.path)),
          checkedAt,
        );
        const settling = this.stability.unchangedPending(checkedAt);
        const keep = new Set([...ready.map((f) => f.path), ...settling]);
        for (const path of present) if (!keep.has(path)) present.delete(path);
        wait = settling.length === 0 ? null : this.stability.nextCheckInMs(this.now());
      }
      this.snapshot = ready;
    });
  }

  /** Files listed but still settling (being written, or renamed in under fileStableMs ago). */
  hasPendingInput(): boolean {
    return this.snapshot === null && this.stability.numPending > 0;
  }

  onDataAvailable(listener: () => void): void {
    this.listeners.push(listener);
    // An object store has no watcher: the trigger's own listing polls it.
    if (this.watcher === null && !this.stopped && this.store.watchable) this.startWatcher();
  }

  /** Resolves once the folder watcher is in place (it is set up synchronously; tests, UI status). */
  watching(): Promise<void> {
    return Promise.resolve();
  }

  /** The newest log offset handed out (-1 before the first file). */
  get currentLogOffset(): number {
    return this.logOffset;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.store.close?.();
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.watcher?.close();
    this.watcher = null;
  }

  private async fetchMaxOffset(limit: FileReadLimit): Promise<number> {
    const log = await this.log;
    const isNew = (f: ListedFile): boolean =>
      this.seenFiles.isNewFile(f.path, Math.floor(f.mtimeMs));
    const newFiles =
      this.snapshot !== null
        ? this.snapshot.filter(isNew)
        : this.stability.ready((await this.listSettled()).filter(isNew), this.now());
    const batchFiles = takeWithinLimit(newFiles, limit);
    for (const f of batchFiles) this.seenFiles.add(f.path, Math.floor(f.mtimeMs));
    this.seenFiles.purge();
    if (batchFiles.length > 0) {
      const id = this.logOffset + 1;
      const entries: FileEntry[] = batchFiles.map((f) => ({
        path: this.store.toLogPath(f.path),
        timestamp: Math.floor(f.mtimeMs),
        batchId: id,
      }));
      if (!(await log.add(id, entries))) {
        throw new IllegalArgumentException(
          `Concurrent update to the log. Multiple streaming jobs detected for ${id}`,
        );
      }
      this.logOffset = id;
    }
    this.scheduleWakeForPendingFiles();
    return this.logOffset;
  }

  private async listSorted(): Promise<ListedFile[]> {
    const files = await this.store.list(this.rules);
    const dir = this.options.latestFirst ? -1 : 1;
    // Spark sorts by mtime only; the path tie-break keeps equal-mtime files in name order.
    return files.sort(
      (a, b) => dir * (a.mtimeMs - b.mtimeMs) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
  }

  /**
   * The listing, then one event-loop turn: watch events for writes made before the listing's
   * stats are recorded by then (the write event is queued before the stat completes, and a
   * setImmediate runs after the poll phase that delivers both), which file-stability.ts's
   * rule (c) relies on to tell a renamed-in file from one still being filled.
   */
  private async listSettled(): Promise<ListedFile[]> {
    this.watcher?.rewatch();
    const files = await this.listSorted();
    if (this.watcher !== null) await new Promise((r) => setImmediate(r));
    return files;
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.serial.then(task, task);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private startWatcher(): void {
    const entersAnyFolder = this.options.recursiveFileLookup || isGlobPath(this.path);
    this.watcher = new FolderWatcher({
      root: globBaseFolder(this.path),
      // As the listing: outside recursive mode (or a glob) only partition folders hold data.
      entersFolder: (name) => entersAnyFolder || name.includes('='),
      isHiddenName: shouldFilterOutPathName,
      onEvent: (event, name, folder) => this.onRawEvent(event, name, folder),
    });
  }

  /**
   * The folder watcher's events: a folder entry that appeared ('rename') wakes the query at
   * once and is noted as put there whole; a write ('change') marks the file as being filled
   * in place (file-stability.ts rule c) and wakes the query to look at it. An event naming no
   * entry only wakes the query. An entry named like its folder is counted as written (the
   * safe reading, as a watch on a file itself names the file by its base name).
   */
  private onRawEvent(event: FolderEvent, name: string, watchedPath: string): void {
    if (name.length === 0) {
      this.notify();
      return;
    }
    const inFolder = join(watchedPath, name);
    if (basename(watchedPath) === name) {
      // The watched file itself, or an entry named like its folder: the safe reading of both.
      this.stability.noteWritten(watchedPath);
      this.stability.noteWritten(inFolder);
      this.notify();
      return;
    }
    if (event === 'rename') {
      this.stability.noteNameChanged(inFolder, this.now());
      // A temp name coming or going is no data: no trigger for it (the listing skips it too).
      if (!shouldFilterOutPathName(name) && !this.rules.isIgnoredName(name)) this.notify();
    } else {
      this.stability.noteWritten(inFolder);
      if (!shouldFilterOutPathName(name) && !this.rules.isIgnoredName(name)) this.notify();
    }
  }

  /** Coalesces a burst of file events into one wake-up per event-loop turn. */
  private notify(): void {
    if (this.notifyScheduled || this.stopped) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      for (const l of this.listeners) l();
    });
  }

  /** A file still being written produces no more events once done: look again later. */
  private scheduleWakeForPendingFiles(): void {
    if (this.listeners.length === 0 || this.stopped) return;
    const wait = this.stability.nextCheckInMs(this.now());
    if (wait === null) return;
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.notify();
    }, wait);
    this.wakeTimer.unref();
  }
}

/** Spark's split by ReadLimit: at least one file always, then up to the limit. */
function takeWithinLimit(files: readonly ListedFile[], limit: FileReadLimit): ListedFile[] {
  if (limit === 'all') return [...files];
  if ('maxFiles' in limit) return files.slice(0, limit.maxFiles);
  // takeFilesUntilMax: the first file always goes in; stop at the first one that overflows.
  let size = 0;
  let n = 0;
  for (const f of files) {
    if (n > 0 && size + f.size > limit.maxBytes) break;
    size += f.size;
    n++;
  }
  return files.slice(0, n);
}

/** Reads `{"logOffset": n}` (object or its JSON text) or a bare number (Spark's LongOffset). */
export function toLogOffset(offset: Offset): number {
  const o = typeof offset === 'string' ? (JSON.parse(offset) as unknown) : offset;
  if (typeof o === 'number' && Number.isInteger(o)) return o;
  if (
    o !== null &&
    typeof o === 'object' &&
    typeof (o as FileSourceOffset).logOffset === 'number'
  ) {
    return (o as FileSourceOffset).logOffset;
  }
  throw new IllegalArgumentException(
    `Invalid conversion from offset of ${JSON.stringify(offset)} to FileStreamSourceOffset`,
  );
}
