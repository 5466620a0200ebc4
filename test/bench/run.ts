/**
 * `npm run bench`: throughput of Tidemark queries over a simulator folder, each figure
 * the median of several runs after a warm-up, printed as a table and written as JSON to
 * bench-results/. Never part of `npm test`: speed targets live here, not in assertions.
 *
 * Now measured (engine core):
 *  - the floor: a plain Node loop that reads every file and JSON.parses each line;
 *  - a stateless query (filter + projection) caught up with Trigger.AvailableNow;
 *  - the lab's activity count (groupBy(gt).count(), complete mode, memory sink).
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { Session, col } from '../../engine/index';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const FILES = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Measurement {
  name: string;
  rows: number;
  bytes: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  rowsPerSecond: number;
  mbPerSecond: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function measure(name: string, rows: number, bytes: number, run: () => Promise<number>): Promise<Measurement> {
  await run(); // warm-up: JIT, file cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const seen = await run();
    times.push(performance.now() - t0);
    if (seen !== rows) throw new Error(`${name}: expected ${rows} rows, saw ${seen}`);
  }
  const medianMs = median(times);
  return {
    name,
    rows,
    bytes,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    rowsPerSecond: rows / (medianMs / 1000),
    mbPerSecond: bytes / 1e6 / (medianMs / 1000),
  };
}

/** The floor any JS engine must beat: read each file, JSON.parse each line, count by gt. */
async function jsonParseLoop(files: readonly string[]): Promise<number> {
  let n = 0;
  const counts = new Map<unknown, number>();
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line.length === 0) continue;
      const o = JSON.parse(line) as { gt?: unknown };
      counts.set(o.gt, (counts.get(o.gt) ?? 0) + 1);
      n++;
    }
  }
  return n;
}

async function runQuery(dir: string, shape: 'stateless' | 'activityCount'): Promise<number> {
  const spark = Session.builder().appName('bench').getOrCreate();
  const stream = spark.readStream.schema(labSchema()).json(dir);
  const q =
    shape === 'stateless'
      ? stream
          .filter(col('x').gt(-1e9))
          .select('gt', 'Model', 'x', 'Creation_Time')
          .writeStream.format('noop')
          .trigger({ availableNow: true })
          .start()
      : stream
          .groupBy('gt')
          .count()
          .writeStream.format('memory')
          .queryName(`bench_activity_${Date.now()}`)
          .outputMode('complete')
          .trigger({ availableNow: true })
          .start();
  await q.awaitTermination();
  // Rows read, from Spark's progress: every batch of an availableNow run.
  return q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
}

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-bench-'));
  try {
    console.log(`generating ${ROWS.toLocaleString()} sensor rows in ${FILES} files…`);
    const folder = await writeSensorFolder({ dir, files: FILES, rowsPerFile: Math.ceil(ROWS / FILES), seed: 7, malformedFraction: 0 });
    const results: Measurement[] = [];
    results.push(await measure('JSON.parse loop (floor)', folder.rows, folder.bytes, () => jsonParseLoop(folder.files)));
    results.push(await measure('stateless filter+select, availableNow', folder.rows, folder.bytes, () => runQuery(dir, 'stateless')));
    results.push(await measure('activity count, complete, availableNow', folder.rows, folder.bytes, () => runQuery(dir, 'activityCount')));
    const floor = results[0].rowsPerSecond;
    console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, commit ${commit()}, ${RUNS} runs after 1 warm-up`);
    console.log('| benchmark | rows | median s | min–max s | rows/s | MB/s | ÷ JSON.parse loop |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.rows.toLocaleString()} | ${(r.medianMs / 1000).toFixed(3)} | ${(r.minMs / 1000).toFixed(3)}–${(r.maxMs / 1000).toFixed(3)} | ${Math.round(r.rowsPerSecond).toLocaleString()} | ${r.mbPerSecond.toFixed(1)} | ${(r.rowsPerSecond / floor).toFixed(2)} |`,
      );
    }
    const outDir = 'bench-results';
    if (!existsSync(outDir)) mkdirSync(outDir);
    const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ commit: commit(), node: process.version, cpus: cpus().length, runs: RUNS, results }, null, 2));
    console.log(`\nwritten ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
