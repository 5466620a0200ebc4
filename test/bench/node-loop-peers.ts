/**
 * The floor any JS engine must beat: what a user writes instead of an engine — read every
 * file, split lines, JSON.parse each whole line, then do the query's work in a plain loop.
 * Each returns the rows it read (checked against the folder by measure()).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThroughputQuery } from './queries';

interface LabLine {
  readonly Creation_Time?: number;
  readonly User?: string | null;
  readonly Model?: string | null;
  readonly gt?: string | null;
  readonly x?: number | null;
}

function forEachLine(files: readonly string[], each: (row: LabLine) => void): number {
  let n = 0;
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line.length === 0) continue;
      each(JSON.parse(line) as LabLine);
      n++;
    }
  }
  return n;
}

/** groupBy(gt).count(): one Map update per row. */
export function countByGt(files: readonly string[]): number {
  const counts = new Map<string | null | undefined, number>();
  return forEachLine(files, (o) => counts.set(o.gt, (counts.get(o.gt) ?? 0) + 1));
}

const WINDOW_MS = 30_000;

/** Per-user 30 s windows counted, then written as JSON lines (no watermark: the loop sees everything at once). */
export function windowCountByUser(files: readonly string[], outDir: string): number {
  const counts = new Map<string, number>();
  const n = forEachLine(files, (o) => {
    if (o.Creation_Time === undefined) return;
    // Nanoseconds as a double lose sub-microsecond digits only; a 30 s bucket is exact.
    const start = Math.floor(o.Creation_Time / 1e6 / WINDOW_MS) * WINDOW_MS;
    const key = `${o.User ?? ''}\u0000${start}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const lines: string[] = [];
  for (const [key, count] of counts) {
    const [user, start] = key.split('\u0000');
    const s = Number(start);
    lines.push(
      JSON.stringify({
        window: { start: new Date(s).toISOString(), end: new Date(s + WINDOW_MS).toISOString() },
        User: user,
        count,
      }),
    );
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'part-00000.json'), lines.join('\n') + '\n');
  return n;
}

/** filter(x > 0).select(User, gt, Model, x, Creation_Time): one output file per input file. */
export function filterProject(files: readonly string[], outDir: string): number {
  mkdirSync(outDir, { recursive: true });
  let n = 0;
  files.forEach((f, i) => {
    const out: string[] = [];
    n += forEachLine([f], (o) => {
      if (!(typeof o.x === 'number' && o.x > 0)) return;
      out.push(
        JSON.stringify({
          User: o.User,
          gt: o.gt,
          Model: o.Model,
          x: o.x,
          Creation_Time: new Date((o.Creation_Time ?? 0) / 1e6).toISOString(),
        }),
      );
    });
    writeFileSync(join(outDir, `part-${String(i).padStart(5, '0')}.json`), out.join('\n') + '\n');
  });
  return n;
}

export function nodeLoop(query: ThroughputQuery, files: readonly string[], outDir: string): number {
  switch (query) {
    case 'activityCount':
      return countByGt(files);
    case 'windowCount':
      return windowCountByUser(files, outDir);
    case 'filterProject':
      return filterProject(files, outDir);
  }
}
