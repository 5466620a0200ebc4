/**
 * `<output>/_spark_metadata`: the file sink's log of committed files, in Spark's
 * FileStreamSinkLog format, so Spark (and Tidemark's file source) reading the folder see
 * only files of committed batches. One entry file per batch:
 *
 *   v1
 *   {"path":"file:///out/part-00000-<uuid>-c000.json","size":77,"isDir":false,"modificationTime":…,"blockReplication":1,"blockSize":33554432,"action":"add"}
 *
 * Every `compactInterval`-th batch (spark.sql.streaming.fileSink.log.compactInterval, 10:
 * batch ids 9, 19, …) is written as `<id>.compact` holding all entries so far
 * (CompactibleFileStreamLog); older entry files are left in place, as Spark keeps them
 * until its cleanup delay passes.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from './atomic-write';

export interface SinkFileStatus {
  readonly path: string;
  readonly size: number;
  readonly isDir: boolean;
  readonly modificationTime: number;
  readonly blockReplication: number;
  readonly blockSize: number;
  readonly action: 'add' | 'delete';
}

export class FileStreamSinkLog {
  constructor(
    readonly dir: string,
    readonly compactInterval = 10,
  ) {}

  private async names(): Promise<{ id: number; compact: boolean; name: string }[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .map((name) => {
        const m = /^(\d+)(\.compact)?$/.exec(name);
        return m === null ? null : { id: Number(m[1]), compact: m[2] !== undefined, name };
      })
      .filter((x): x is { id: number; compact: boolean; name: string } => x !== null)
      .sort((a, b) => a.id - b.id);
  }

  async getLatestBatchId(): Promise<number | null> {
    const all = await this.names();
    return all.length === 0 ? null : all[all.length - 1].id;
  }

  /** Every file the log lists as added (the latest compact file plus the batches after it). */
  async allFiles(): Promise<SinkFileStatus[]> {
    const all = await this.names();
    let from = 0;
    for (let i = all.length - 1; i >= 0; i--) {
      if (all[i].compact) {
        from = i;
        break;
      }
    }
    const entries: SinkFileStatus[] = [];
    for (const f of all.slice(from))
      entries.push(...parseEntries(await readFile(join(this.dir, f.name), 'utf8')));
    const deleted = new Set(entries.filter((e) => e.action === 'delete').map((e) => e.path));
    return entries.filter((e) => e.action === 'add' && !deleted.has(e.path));
  }

  /** Writes batch `batchId`'s entries (a compact file on compaction batches). */
  async add(batchId: number, files: readonly SinkFileStatus[]): Promise<void> {
    const compact = (batchId + 1) % this.compactInterval === 0;
    const entries = compact ? [...(await this.allFiles()), ...files] : files;
    const text = ['v1', ...entries.map((e) => JSON.stringify(e))].join('\n');
    await writeAtomically(join(this.dir, compact ? `${batchId}.compact` : String(batchId)), text);
  }
}

function parseEntries(text: string): SinkFileStatus[] {
  const [version, ...lines] = text.split('\n');
  if (version !== 'v1')
    throw new Error(`Log file was malformed: failed to detect the log file version line.`);
  return lines.filter((l) => l.trim().length > 0).map((l) => JSON.parse(l) as SinkFileStatus);
}
