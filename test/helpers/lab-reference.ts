/**
 * An independent reference model of what Spark's JSON reader makes of the lab's sensor
 * lines, written with JSON.parse so the integration tests do not check the engine
 * against itself. PERMISSIVE mode: a line that is not a JSON object gives a row of
 * nulls; a field of the wrong type is null while the others keep their values
 * (JacksonParser partial results, Spark 3.4+); a string column takes any non-string
 * token's JSON text.
 */
import { readFileSync } from 'node:fs';

export interface LabRow {
  Device: string | null;
  Index: number | null;
  Model: string | null;
  User: string | null;
  gt: string | null;
  x: number | null;
  y: number | null;
  z: number | null;
}

function asString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
function asLong(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}
function asDouble(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** The rows Spark produces for one line, or none for a blank line. */
export function referenceRows(line: string): LabRow[] {
  if (line.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return [{ Device: null, Index: null, Model: null, User: null, gt: null, x: null, y: null, z: null }];
  }
  const o = parsed as Record<string, unknown>;
  return [
    {
      Device: asString(o.Device),
      Index: asLong(o.Index),
      Model: asString(o.Model),
      User: asString(o.User),
      gt: asString(o.gt),
      x: asDouble(o.x),
      y: asDouble(o.y),
      z: asDouble(o.z),
    },
  ];
}

export function referenceRowsOfFiles(paths: readonly string[]): LabRow[] {
  return paths.flatMap((p) => readFileSync(p, 'utf8').split(/\r?\n/).flatMap(referenceRows));
}

/** Counts by key, as `groupBy(key).count()` would, keyed by JSON of the key value. */
export function countBy<T>(rows: readonly T[], key: (row: T) => unknown): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const k = JSON.stringify(key(r) ?? null);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The same shape from engine output rows. */
export function countsFromRows(rows: readonly Record<string, unknown>[], keyColumn: string, countColumn = 'count'): Map<string, number> {
  return new Map(rows.map((r) => [JSON.stringify(r[keyColumn] ?? null), Number(r[countColumn])]));
}

// ---- event time: windows and watermarks (hands-on 4 and 5) ----------------------------

/** Creation_Time (ns, as the simulator writes it) → µs, as the reader's timestampUnit=ns gives it. */
export function creationMicros(ns: bigint): number {
  return Number(ns / 1000n);
}

/** Starts (µs) of the windows [start, start + window) containing `ts` (Spark's TimeWindowing, startTime 0). */
export function windowStartsOf(ts: number, windowUs: number, slideUs: number): number[] {
  const last = ts - (((ts % slideUs) + slideUs) % slideUs);
  const out: number[] = [];
  for (let s = last; s > ts - windowUs; s -= slideUs) out.push(s);
  return out;
}

export interface TimedRow {
  readonly timeUs: number;
  readonly key: string | null;
}

/**
 * Counts per (window start, key) over every row so far: what complete mode shows.
 * Keyed by JSON of [startUs, key].
 */
export function windowCounts(rows: readonly TimedRow[], windowUs: number, slideUs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows)
    for (const s of windowStartsOf(r.timeUs, windowUs, slideUs)) {
      const k = JSON.stringify([s, r.key]);
      out.set(k, (out.get(k) ?? 0) + 1);
    }
  return out;
}

/**
 * A model of Spark's append-mode windowed count with a watermark under the default
 * trigger (a no-data batch after every batch that moves the watermark), written from the
 * rules of spark-semantics-detail.md §1.3–§1.6 and §3.1, independent of the engine: per
 * data batch, partial counts per (window, key) whose window ends at or before the
 * watermark are dropped, the rest merged; then the watermark becomes
 * max(watermark, max event time (ms) − delay) and the no-data batch emits and removes the
 * windows ending at or before it. Returns, per batch of input, the rows emitted.
 */
export class AppendWindowCountModel {
  private readonly state = new Map<string, number>();
  private watermarkMs = 0;
  private maxEventMs = -Infinity;
  dropped = 0;

  constructor(
    private readonly windowUs: number,
    private readonly slideUs: number,
    private readonly delayMs: number,
  ) {}

  /** One file's rows; returns the emitted [startUs, key, count] rows, sorted. */
  step(rows: readonly TimedRow[]): [number, string | null, number][] {
    const partial = windowCounts(rows, this.windowUs, this.slideUs);
    this.dropped = 0;
    for (const [k, n] of partial) {
      const [start] = JSON.parse(k) as [number, string | null];
      if (start + this.windowUs <= this.watermarkMs * 1000) {
        this.dropped++;
        continue;
      }
      this.state.set(k, (this.state.get(k) ?? 0) + n);
    }
    for (const r of rows) this.maxEventMs = Math.max(this.maxEventMs, Math.floor(r.timeUs / 1000));
    if (rows.length > 0) this.watermarkMs = Math.max(this.watermarkMs, this.maxEventMs - this.delayMs);
    const out: [number, string | null, number][] = [];
    for (const [k, n] of this.state) {
      const [start, key] = JSON.parse(k) as [number, string | null];
      if (start + this.windowUs <= this.watermarkMs * 1000) {
        out.push([start, key, n]);
        this.state.delete(k);
      }
    }
    return out.sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1])));
  }

  get openWindows(): number {
    return this.state.size;
  }
}
