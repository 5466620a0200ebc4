/**
 * Tidemark's guard against reading a file that is still being written (Spark has none: on
 * HDFS/S3 a file appears only when complete). A listed file is taken when either
 *
 *   (a) its mtime is at least `fileStableMs` in the past: nothing has touched it for that
 *       long, which also covers a finished file renamed into the folder (rename keeps the
 *       old mtime, so it is taken at the first listing that sees it); or
 *   (b) two listings at least `fileStableMs` apart saw the same size and mtime: this covers
 *       files whose mtime lies in the future (clock skew on network shares).
 *
 * Otherwise the file waits; `nextCheckInMs()` tells the source when to look again, so an
 * idle query still picks it up within ~fileStableMs of its last write. A writer that pauses
 * for longer than `fileStableMs` mid-file cannot be told apart from a finished one: writers
 * should write to a temporary name (`*.tmp`, `.name`, …) and rename, as the simulator does.
 */
import type { ListedFile } from './file-listing';

interface Observation {
  readonly size: number;
  readonly mtimeMs: number;
  /** When this exact (size, mtime) was first listed. */
  readonly since: number;
}

export class FileStabilityTracker {
  private readonly pending = new Map<string, Observation>();

  constructor(private readonly stableMs: number) {}

  /**
   * Splits new candidate files into those ready now (in input order) and remembers the
   * rest. Pending files absent from `candidates` (deleted, or now seen) are forgotten.
   */
  ready(candidates: readonly ListedFile[], nowMs: number): ListedFile[] {
    const out: ListedFile[] = [];
    const stillPending = new Map<string, Observation>();
    for (const f of candidates) {
      if (nowMs - f.mtimeMs >= this.stableMs) {
        out.push(f);
        continue;
      }
      const prev = this.pending.get(f.path);
      const unchanged = prev !== undefined && prev.size === f.size && prev.mtimeMs === f.mtimeMs;
      const since = unchanged ? prev.since : nowMs;
      if (unchanged && nowMs - since >= this.stableMs) out.push(f);
      else stillPending.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, since });
    }
    this.pending.clear();
    for (const [k, v] of stillPending) this.pending.set(k, v);
    return out;
  }

  /** Milliseconds until the earliest pending file could become ready; null if none wait. */
  nextCheckInMs(nowMs: number): number | null {
    let best: number | null = null;
    for (const o of this.pending.values()) {
      const at = Math.min(o.mtimeMs, o.since) + this.stableMs;
      const wait = Math.max(1, Math.ceil(at - nowMs));
      if (best === null || wait < best) best = wait;
    }
    return best;
  }

  get numPending(): number {
    return this.pending.size;
  }
}
