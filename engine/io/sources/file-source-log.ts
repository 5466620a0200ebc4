/**
 * The file source's log: which files each log offset handed out, as Spark's
 * FileStreamSourceLog (a CompactibleFileStreamLog). It always lives in memory; with a
 * metadata folder (`<checkpoint>/sources/<i>/`) it is also written in Spark's on-disk form,
 * so a restarted query re-reads exactly the files of a batch that did not commit:
 *
 *   <logOffset>            v1
 *                          {"path":"file:///data/a.json","timestamp":1700000000000,"batchId":0}
 *                          … one line per file
 *   <logOffset>.compact    every `compactInterval`-th batch ((id + 1) % interval == 0):
 *                          the same lines for all files of all batches up to id
 *
 * Files are written under a temporary name then renamed (HDFSMetadataLog's atomic write),
 * and a batch id is never overwritten (`add` returns false, like Spark's log).
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { SparkRuntimeException } from '../../errors';

export interface FileEntry {
  /** URL-encoded file URI (`file:///data/a%20b.json`), Spark's SparkPath.urlEncoded. */
  readonly path: string;
  /** Modification time in ms when the file was listed. */
  readonly timestamp: number;
  /** The log offset that handed this file out. */
  readonly batchId: number;
}

const VERSION = 1;
/** spark.sql.streaming.fileSource.log.compactInterval default. */
export const DEFAULT_COMPACT_INTERVAL = 10;

export class FileSourceLog {
  private readonly batches = new Map<number, readonly FileEntry[]>();
  private latest = -1;

  private constructor(
    private readonly metadataPath: string | undefined,
    private readonly compactInterval: number,
  ) {}

  /** Opens the log, reading what an earlier run left in `metadataPath` (if given). */
  static async open(
    metadataPath?: string,
    compactInterval = DEFAULT_COMPACT_INTERVAL,
  ): Promise<FileSourceLog> {
    const log = new FileSourceLog(metadataPath, compactInterval);
    if (metadataPath !== undefined) {
      await fs.mkdir(metadataPath, { recursive: true });
      await log.restore(metadataPath);
    }
    return log;
  }

  /** The newest log offset, or -1 when nothing has been logged. */
  get latestBatchId(): number {
    return this.latest;
  }

  /** Records the files of `batchId`; false if that id was already logged. */
  async add(batchId: number, entries: readonly FileEntry[]): Promise<boolean> {
    if (this.batches.has(batchId)) return false;
    if (this.metadataPath !== undefined) {
      const compact = isCompactionBatch(batchId, this.compactInterval);
      const lines = compact ? [...this.entriesUpTo(batchId - 1), ...entries] : entries;
      const name = compact ? `${batchId}.compact` : String(batchId);
      const written = await writeAtomically(join(this.metadataPath, name), serialize(lines));
      if (!written) return false;
    }
    this.batches.set(batchId, entries);
    if (batchId > this.latest) this.latest = batchId;
    return true;
  }

  /** Files of log offsets start..end inclusive, in offset order then listing order. */
  get(startId: number, endId: number): FileEntry[] {
    const out: FileEntry[] = [];
    for (let id = Math.max(0, startId); id <= endId; id++) {
      const entries = this.batches.get(id);
      if (entries === undefined) {
        throw new SparkRuntimeException(
          'BATCH_METADATA_NOT_FOUND',
          `Unable to find batch ${this.metadataPath ? join(this.metadataPath, String(id)) : `file source log entry ${id}`}.`,
          { sqlState: '42K03' },
        );
      }
      out.push(...entries);
    }
    return out;
  }

  /** Every logged file (what a restarted source marks as seen). */
  allEntries(): FileEntry[] {
    return this.entriesUpTo(this.latest);
  }

  private entriesUpTo(endId: number): FileEntry[] {
    const out: FileEntry[] = [];
    for (const [id, entries] of [...this.batches].sort((a, b) => a[0] - b[0])) {
      if (id <= endId) out.push(...entries);
    }
    return out;
  }

  private async restore(dir: string): Promise<void> {
    const ids = new Map<number, string>();
    for (const name of await fs.readdir(dir)) {
      const m = /^(\d+)(\.compact)?$/.exec(name);
      if (m) ids.set(Number(m[1]), name);
    }
    if (ids.size === 0) return;
    const sorted = [...ids.keys()].sort((a, b) => a - b);
    // The newest compact file holds every earlier batch; later delta files follow it.
    const lastCompact = [...sorted].reverse().find((id) => ids.get(id)!.endsWith('.compact'));
    for (const id of sorted) {
      if (lastCompact !== undefined && id < lastCompact) continue;
      const entries = parse(
        await fs.readFile(join(dir, ids.get(id)!), 'utf8'),
        join(dir, ids.get(id)!),
      );
      if (id === lastCompact) {
        for (const e of entries) {
          const list = (this.batches.get(e.batchId) as FileEntry[] | undefined) ?? [];
          list.push(e);
          this.batches.set(e.batchId, list);
        }
        if (!this.batches.has(id)) this.batches.set(id, []);
      } else {
        this.batches.set(id, entries);
      }
    }
    this.latest = sorted[sorted.length - 1];
  }
}

export function isCompactionBatch(batchId: number, compactInterval: number): boolean {
  return (batchId + 1) % compactInterval === 0;
}

function serialize(entries: readonly FileEntry[]): string {
  const lines = [`v${VERSION}`];
  for (const e of entries)
    lines.push(JSON.stringify({ path: e.path, timestamp: e.timestamp, batchId: e.batchId }));
  return lines.join('\n');
}

function parse(text: string, file: string): FileEntry[] {
  const lines = text.split('\n');
  const header = /^v(\d+)$/.exec(lines[0]?.trim() ?? '');
  if (!header) {
    throw new SparkRuntimeException(
      '_LEGACY_ERROR_TEMP_LOG_FORMAT',
      `Log file was malformed: failed to detect the log file version line in ${file}.`,
    );
  }
  if (Number(header[1]) > VERSION) {
    throw new SparkRuntimeException(
      '_LEGACY_ERROR_TEMP_LOG_VERSION',
      `UnsupportedLogVersion: maximum supported log version is v${VERSION}, but encountered v${header[1]}. ` +
        'The log file was produced by a newer version of Spark and cannot be read by this version. Please upgrade.',
    );
  }
  const out: FileEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const o = JSON.parse(line) as { path: string; timestamp: number; batchId: number };
    out.push({ path: o.path, timestamp: o.timestamp, batchId: o.batchId });
  }
  return out;
}

/** Writes `<path>` through a hidden temp file and a rename; false if `<path>` already exists. */
async function writeAtomically(path: string, text: string): Promise<boolean> {
  const tmp = join(path, '..', `.${path.split(/[\\/]/).pop()}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, text);
  try {
    await fs.link(tmp, path);
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
    // File systems without hard links (FAT, some shares): check, then rename over.
    if (
      await fs.stat(path).then(
        () => true,
        () => false,
      )
    )
      return false;
    await fs.rename(tmp, path);
    return true;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
