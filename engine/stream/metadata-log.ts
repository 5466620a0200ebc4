/**
 * A write-once log of one text entry per batch id, as Spark's HDFSMetadataLog: on disk each
 * entry is the file `<dir>/<batchId>`, written to a hidden temp file, fsynced and renamed
 * into place (CheckpointFileManager.createAtomic), so a reader never sees half an entry; without a
 * directory the log lives in memory (queries without a checkpoint location).
 *
 * Hidden files (`.N.tmp-<hex>` left by a crash) and non-numeric names are ignored.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTextAtomically } from '../io/atomic-file';

export class MetadataLog {
  private readonly memory = new Map<number, string>();

  /** `dir` absent = in-memory log. */
  constructor(readonly dir?: string) {}

  /** Writes entry `batchId` unless it exists; false when it already did (Spark's add contract). */
  async add(batchId: number, text: string): Promise<boolean> {
    if (this.dir === undefined) {
      if (this.memory.has(batchId)) return false;
      this.memory.set(batchId, text);
      return true;
    }
    if ((await this.get(batchId)) !== undefined) return false;
    await writeTextAtomically(join(this.dir, String(batchId)), text);
    return true;
  }

  async get(batchId: number): Promise<string | undefined> {
    if (this.dir === undefined) return this.memory.get(batchId);
    try {
      return await readFile(join(this.dir, String(batchId)), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async batchIds(): Promise<number[]> {
    if (this.dir === undefined) return [...this.memory.keys()].sort((a, b) => a - b);
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  }

  async getLatest(): Promise<{ batchId: number; text: string } | undefined> {
    const ids = await this.batchIds();
    for (let i = ids.length - 1; i >= 0; i--) {
      const text = await this.get(ids[i]);
      if (text !== undefined) return { batchId: ids[i], text };
    }
    return undefined;
  }

  /** Removes entries older than `thresholdBatchId` (exclusive), as HDFSMetadataLog.purge. */
  async purge(thresholdBatchId: number): Promise<void> {
    for (const id of await this.batchIds()) {
      if (id >= thresholdBatchId) break;
      if (this.dir === undefined) this.memory.delete(id);
      else await rm(join(this.dir, String(id)), { force: true });
    }
  }
}
