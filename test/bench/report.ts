/**
 * The bench's printed tables (markdown, one per part), the ratio table against the issue-8
 * targets with PASS/MISS, the machine facts, and the JSON written to bench-results/.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Measurement } from './measure';
import type { MemoryRun } from './memory-runs';
import type { LatencyResult, LongTaskResult, Optional } from './optional-parts';
import type { SparkMemoryRun } from './spark-peer';

export interface BenchResults {
  readonly machine: Record<string, string | number>;
  readonly config: Record<string, unknown>;
  readonly throughput: Measurement[];
  readonly spark: {
    status: string;
    version?: string;
    sessionStartSeconds?: number;
    errors: string[];
    notes: string[];
  };
  readonly memory: MemoryRun[];
  readonly sparkMemory: SparkMemoryRun[];
  readonly latency: Optional<LatencyResult> | null;
  readonly renderer: Optional<LongTaskResult> | null;
}

export interface Ratio {
  readonly name: string;
  readonly value: number | null;
  readonly target: string;
  /** null: no target (informational) or not measured. */
  readonly pass: boolean | null;
  readonly note?: string;
}

function git(args: string): string {
  try {
    return execSync(`git ${args}`, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineFacts(): Record<string, string | number> {
  const dirty = git('status --porcelain --untracked-files=no') !== '';
  return {
    cpus: cpus().length,
    availableParallelism: availableParallelism(),
    model: cpus()[0]?.model ?? '?',
    node: process.version,
    commit: git('rev-parse --short HEAD') + (dirty ? ' (+ uncommitted changes)' : ''),
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    freeMemoryMb: Math.round(freemem() / 2 ** 20),
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    platform: `${process.platform} ${process.arch}`,
  };
}

const s = (ms: number): string => (ms / 1000).toFixed(3);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(0);

export function throughputTable(ms: readonly Measurement[]): string[] {
  const lines = [
    '| query | peer | rows | median s | min–max s | rows/s | MB/s |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const m of ms)
    lines.push(
      `| ${m.name} | ${m.peer} | ${int(m.rows)} | ${s(m.medianMs)} | ${s(m.minMs)}–${s(m.maxMs)} | ${int(m.rowsPerSecond)} | ${m.mbPerSecond.toFixed(1)} |`,
    );
  return lines;
}

export function memoryTable(
  runs: readonly MemoryRun[],
  spark: readonly SparkMemoryRun[],
): string[] {
  const lines = [
    '| memory run | events | batches | peak state rows | final state rows | RSS before MB | peak RSS MB | after MB | growth MB | steady growth MB | time s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of runs)
    lines.push(
      `| ${r.name} | ${int(r.rows)} | ${r.batches} | ${int(r.peakStateRows)} | ${int(r.finalStateRows)} | ${mb(r.rssBeforeMb)} | ${mb(r.peakRssMb)} | ${mb(r.rssAfterMb)} | ${mb(r.rssGrowthMb)} | ${mb(r.steadyGrowthMb)} | ${r.seconds.toFixed(1)} |`,
    );
  for (const r of spark)
    lines.push(
      `| ${r.name} (JVM RSS) | ${int(r.rows)} | ${r.batches} | ${int(r.peakStateRows)} | ${int(r.finalStateRows)} | ${mb(r.jvmRssBeforeMb)} | ${mb(r.jvmPeakRssMb)} | ${mb(r.jvmRssAfterMb)} | ${mb(r.jvmPeakRssMb - (r.jvmRssBeforeMb ?? NaN))} | — | ${r.seconds.toFixed(1)} |`,
    );
  // Each Tidemark row is the run with the median growth; every run's growth follows.
  for (const r of runs)
    if (r.growthRunsMb.length > 1)
      lines.push('', `${r.name}: RSS growth per run ${r.growthRunsMb.map((g) => g.toFixed(1)).join(', ')} MB (the row above is the median run)`);
  return lines;
}

export function latencyTable(latency: Optional<LatencyResult>): string[] {
  if (!latency.ok) return [`latency: ${latency.reason}`];
  const lines = [
    '| file → table latency | files | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
  ];
  const row = (name: string, f: LatencyResult['tidemark']): string =>
    `| ${name} | ${f.files} | ${f.p50Ms.toFixed(1)} | ${f.p99Ms.toFixed(1)} | ${f.maxMs.toFixed(1)} |`;
  lines.push(row('Tidemark', latency.value.tidemark));
  if (latency.value.spark !== undefined)
    lines.push(row('Spark (default trigger)', latency.value.spark));
  return lines;
}

export function rendererTable(r: Optional<LongTaskResult>): string[] {
  if (!r.ok) return [`renderer: ${r.reason}`];
  const v = r.value;
  return [
    '| renderer during catch-up | rows shown | seconds | long tasks | over 50 ms | longest ms |',
    '|---|---:|---:|---:|---:|---:|',
    `| browser mode, long-task observer | ${int(v.rowsShown)} | ${v.seconds.toFixed(1)} | ${v.longTasks} | ${v.tasksOver50Ms} | ${v.longestTaskMs.toFixed(0)} |`,
  ];
}

function find(
  ms: readonly Measurement[],
  query: string,
  peer: Measurement['peer'],
): Measurement | undefined {
  return ms.find((m) => m.query === query && m.peer === peer);
}

function atLeast(name: string, value: number | null, min: number | null, note?: string): Ratio {
  return {
    name,
    value,
    target: min === null ? '—' : `≥ ${min}`,
    pass: value === null || min === null ? null : value >= min,
    ...(note !== undefined ? { note } : {}),
  };
}

function atMost(name: string, value: number | null, max: number, note?: string): Ratio {
  return {
    name,
    value,
    target: `≤ ${max}`,
    pass: value === null ? null : value <= max,
    ...(note !== undefined ? { note } : {}),
  };
}

/** The item-2 targets, each from figures of this run. */
export function ratios(r: BenchResults): Ratio[] {
  const out: Ratio[] = [];
  const rate = (q: string, p: Measurement['peer']): number | null =>
    find(r.throughput, q, p)?.rowsPerSecond ?? null;
  const div = (a: number | null, b: number | null): number | null =>
    a === null || b === null ? null : a / b;
  const queries: [string, string, number | null, number | null][] = [
    ['activityCount', 'activity count', 2, 5],
    ['windowCount', 'window count', null, null],
    ['filterProject', 'filter + projection', null, null],
  ];
  for (const [q, title, loopTarget, sparkTarget] of queries) {
    const t = rate(q, 'tidemark');
    if (t === null) continue;
    out.push(
      atLeast(`${title}: Tidemark ÷ JSON.parse loop`, div(t, rate(q, 'node-loop')), loopTarget),
    );
    out.push(
      atLeast(
        `${title}: Tidemark ÷ Spark local[2]`,
        div(t, rate(q, 'spark')),
        sparkTarget,
        rate(q, 'spark') === null ? `Spark: ${r.spark.status}` : undefined,
      ),
    );
  }
  if (rate('activityCount', 'tidemark') !== null)
    out.push(
      atLeast(
        'activity count: parallel ÷ single-thread (parseThreads=1)',
        div(rate('activityCount', 'tidemark'), rate('activityCount-1thread', 'tidemark')),
        1.7,
      ),
    );
  if (r.latency !== null) {
    const l = r.latency.ok ? r.latency.value : null;
    const note = r.latency.ok ? undefined : r.latency.reason;
    out.push(atMost('file → table latency p50 ms', l?.tidemark.p50Ms ?? null, 10, note));
    out.push(atMost('file → table latency p99 ms', l?.tidemark.p99Ms ?? null, 50, note));
    out.push(
      atLeast(
        'latency p50: Spark ÷ Tidemark',
        l?.spark === undefined ? null : l.spark.p50Ms / l.tidemark.p50Ms,
        10,
        l !== null && l.spark === undefined ? `Spark: ${r.spark.status}` : note,
      ),
    );
  }
  const wm = r.memory.find((m) => m.watermark);
  if (wm !== undefined) {
    out.push({
      name: 'memory: RSS growth MB (peak − before), 1 min watermark',
      value: wm.rssGrowthMb,
      target: '< 64',
      pass: wm.rssGrowthMb < 64,
    });
    // Growth that keeps going with the input, apart from the first batches' working set.
    out.push({
      name: 'memory: RSS steady growth MB (last batch − first tenth), 1 min watermark',
      value: Number.isFinite(wm.steadyGrowthMb) ? wm.steadyGrowthMb : null,
      target: '< 64',
      pass: Number.isFinite(wm.steadyGrowthMb) ? wm.steadyGrowthMb < 64 : null,
    });
    // Bounded: no higher late in the run than once the first tenth of the batches had run.
    const early = Math.max(
      0,
      ...wm.trace.slice(0, Math.max(1, Math.ceil(wm.trace.length / 10))).map((t) => t.stateRows),
    );
    out.push({
      name: 'memory: peak state rows ÷ peak in the first tenth of batches, watermark',
      value: early === 0 ? null : wm.peakStateRows / early,
      target: '≤ 1.5 (bounded)',
      pass: early === 0 ? null : wm.peakStateRows / early <= 1.5,
    });
  }
  if (r.renderer !== null) {
    const v = r.renderer.ok ? r.renderer.value : null;
    out.push(
      atMost(
        `renderer: longest main-thread task ms, ${Number(r.config.rows).toLocaleString('en-US')}-row catch-up`,
        v?.longestTaskMs ?? null,
        50,
        r.renderer.ok ? undefined : r.renderer.reason,
      ),
    );
  }
  return out;
}

export function ratioTable(rs: readonly Ratio[]): string[] {
  const lines = ['| ratio / figure | value | target | result |', '|---|---:|---:|---|'];
  for (const r of rs) {
    const verdict =
      r.pass === null
        ? r.value === null
          ? `not measured${r.note ? ` (${r.note})` : ''}`
          : ''
        : r.pass
          ? 'PASS'
          : 'MISS';
    lines.push(
      `| ${r.name} | ${r.value === null ? '—' : r.value.toFixed(2)} | ${r.target} | ${verdict} |`,
    );
  }
  return lines;
}

export function writeResults(results: BenchResults, rs: readonly Ratio[]): string {
  const dir = 'bench-results';
  if (!existsSync(dir)) mkdirSync(dir);
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ ...results, ratios: rs }, null, 2) + '\n');
  return file;
}
