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
