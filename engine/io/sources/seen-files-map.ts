/**
 * The files a file source has already handed out, as Spark's FileStreamSource.SeenFilesMap:
 * key = URL-encoded path (or the bare file name with `fileNameOnly`), value = mtime (ms).
 * A file is new iff its mtime is not older than the last purge threshold and its key is
 * unseen, so a rewritten file with the same path is not read again. `purge()` forgets
 * entries older than `newest mtime − maxFileAge` (relative to the newest file, not the
 * wall clock), which keeps the map bounded on a folder that only grows.
 */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

export class SeenFilesMap {
  private readonly map = new Map<string, number>();
  private latestTimestamp = 0;
  private lastPurgeTimestamp = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly fileNameOnly: boolean,
  ) {
    if (!(maxAgeMs >= 0)) throw new Error(`requirement failed: maxAgeMs ${maxAgeMs} must be >= 0`);
  }

  add(path: string, timestampMs: number): void {
    this.map.set(this.key(path), timestampMs);
    if (timestampMs > this.latestTimestamp) this.latestTimestamp = timestampMs;
  }

  /**
   * Compares against the last purge threshold (not `latest − maxAge`) so a file older than
   * the threshold but not yet purged is never missed (Spark's comment on isNewFile).
   */
  isNewFile(path: string, timestampMs: number): boolean {
    return timestampMs >= this.lastPurgeTimestamp && !this.map.has(this.key(path));
  }

  /** Whether `path` is held (handed out and not purged): never new, whatever its mtime. */
  has(path: string): boolean {
    return this.map.has(this.key(path));
  }

  /** Removes aged entries; returns how many. */
  purge(): number {
    this.lastPurgeTimestamp = this.latestTimestamp - this.maxAgeMs;
    let removed = 0;
    for (const [key, ts] of this.map) {
      if (ts < this.lastPurgeTimestamp) {
        this.map.delete(key);
        removed++;
      }
    }
    return removed;
  }

  get size(): number {
    return this.map.size;
  }

  private key(path: string): string {
    if (this.fileNameOnly) return basename(path);
    // Object-store paths already are URIs (`s3://bucket/key`).
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : pathToFileURL(path).href;
  }
}
