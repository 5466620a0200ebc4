/**
 * Tidemark's guard against reading a file that is still being written. Spark has none: its
 * FileStreamSource reads whatever the listing shows, which is safe on HDFS and S3, where a
 * file appears only once complete, but not on a local or shared folder, where an exporter or
 * `cp` creates the file first and fills it afterwards; reading it then would take half of it
 * and, since it is marked seen, never the rest. A listed file is taken when either
 *
 *   (a) its mtime is at least `fileStableMs` in the past: nothing has touched it for that
 *       long, which also covers a file copied with its old mtime (`cp -p`, `tar x`); or
 *   (b) two listings at least `fileStableMs` apart saw the same size and mtime: this covers
 *       files whose mtime lies in the future (clock skew on network shares); or
 *   (c) the folder watcher saw its name appear and has seen no write to it since, and it is
 *       not empty: a complete file renamed (or linked) into the folder. A file created in the
 *       folder and filled there always has a write event after its creation, so it never
 *       qualifies and goes through (a)/(b). This is what lets a producer that writes to a
 *       temp name and renames — the pattern the simulator and Spark's own sinks use — see its
 *       rows at once instead of `fileStableMs` later. The source must record write events
 *       that happened before its listing's stat before it asks (file-stream-source.ts yields
 *       one event-loop turn after listing); a file with no watcher record (listed before the
 *       watcher started, or in a folder the watcher does not cover) never qualifies.
 *
 * Otherwise the file waits; `nextCheckInMs()` tells the source when to look again, so an
 * idle query still picks it up within ~fileStableMs of its last write. A writer that pauses
 * for longer than `fileStableMs` mid-file cannot be told apart from a finished one, and a
 * writer that renames a file into the folder and goes on appending to it cannot be told
 * apart from a complete one until its first append: writers should write to a temporary
 * name (`*.tmp`, `.name`, or another folder) and rename once done.
 */
import type { ListedFile } from './file-listing';

interface Observation {
  readonly size: number;
  readonly mtimeMs: number;
  /** When this exact (size, mtime) was first listed. */
  readonly since: number;
}

interface Arrival {
  /** When the watcher reported the name (appearing, replaced or removed). */
  readonly at: number;
  written: boolean;
}

/**
 * How long an arrival record is kept for a name no listing has shown as a new file (a
 * temp name the listing skips, a removed file, a seen file renamed over): long enough for
 * any listing already under way when the event came to finish and the next one to start.
 */
const ARRIVAL_MEMORY_MS = 10_000;

export class FileStabilityTracker {
  private readonly pending = new Map<string, Observation>();
  private readonly arrivals = new Map<string, Arrival>();

  constructor(private readonly stableMs: number) {}

  /**
   * The watcher saw `path` appear, be replaced or disappear (a directory entry changed):
   * whatever the name holds now was put there whole, unless a write follows.
   */
  noteNameChanged(path: string, nowMs: number): void {
    this.arrivals.set(path, { at: nowMs, written: false });
  }

  /** The watcher saw a write (or attribute change) to `path`: it may be being filled in place. */
  noteWritten(path: string): void {
    const a = this.arrivals.get(path);
    if (a !== undefined) a.written = true;
  }

  /**
   * Splits new candidate files into those ready now (in input order) and remembers the
   * rest. Pending files absent from `candidates` (deleted, or now seen) are forgotten.
   */
  ready(candidates: readonly ListedFile[], nowMs: number): ListedFile[] {
    const out: ListedFile[] = [];
    const stillPending = new Map<string, Observation>();
    for (const f of candidates) {
      // The clock reads whole milliseconds and mtimes have nanoseconds: a file written within
      // the current millisecond is 0 ms old, not "from the future" (fileStableMs=0 takes it).
      if (nowMs - Math.floor(f.mtimeMs) >= this.stableMs || this.renamedInWhole(f)) {
        out.push(f);
        this.arrivals.delete(f.path);
        continue;
      }
      const prev = this.pending.get(f.path);
      const unchanged = prev !== undefined && prev.size === f.size && prev.mtimeMs === f.mtimeMs;
      const since = unchanged ? prev.since : nowMs;
      if (unchanged && nowMs - since >= this.stableMs) {
        out.push(f);
        this.arrivals.delete(f.path);
      } else stillPending.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, since });
    }
    this.pending.clear();
    for (const [k, v] of stillPending) this.pending.set(k, v);
    for (const [path, a] of this.arrivals) {
      if (!stillPending.has(path) && nowMs - a.at > ARRIVAL_MEMORY_MS) this.arrivals.delete(path);
    }
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

  /** Pending files whose size and mtime were the same at an earlier listing: settling, not being written. */
  unchangedPending(nowMs: number): string[] {
    const out: string[] = [];
    for (const [path, o] of this.pending) if (o.since < nowMs) out.push(path);
    return out;
  }

  get numPending(): number {
    return this.pending.size;
  }

  /** Rule (c): the name appeared with its bytes and nothing has written to it since. */
  private renamedInWhole(f: ListedFile): boolean {
    const a = this.arrivals.get(f.path);
    return a !== undefined && !a.written && f.size > 0;
  }
}
