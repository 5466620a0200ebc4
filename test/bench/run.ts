/**
 * `npm run bench`: throughput of Tidemark queries over a simulator folder, each figure
 * the median of several runs after a warm-up, printed as a table and written as JSON to
 * bench-results/. Never part of `npm test`: speed targets live here, not in assertions.
 *
 * Now measured (engine core):
 *  - the floor: a plain Node loop that reads every file and JSON.parses each line;
 *  - a stateless query (filter + projection) caught up with Trigger.AvailableNow;
 *  - the lab's activity count (groupBy(gt).count(), complete mode, memory sink).
 *  - memory (issue 3): BENCH_MEMORY_ROWS (default 10M) sensor events in BENCH_MEMORY_FILES
 *    files, one file per trigger, through a 1-minute window count per device — with a
 *    1-minute watermark in append mode, then without one in update mode — reporting peak
 *    and final state rows (numRowsTotal over every progress), peak RSS (sampled) and time.
 *    Run once each, watermark first, since RSS rarely falls back after a run.
 * BENCH_ONLY=throughput|memory runs one part; BENCH_ROWS/BENCH_RUNS size the throughput part.
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { Session, col, window } from '../../engine/index';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const FILES = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ONLY = process.env.BENCH_ONLY;
const MEMORY_ROWS = Number(process.env.BENCH_MEMORY_ROWS ?? 10_000_000);
const MEMORY_FILES = Number(process.env.BENCH_MEMORY_FILES ?? 100);
/** Simulated ms between events: 100 → 10 events/s, so 10M events span ~11.6 days of 1-minute windows. */
const MEMORY_CLOCK_STEP_MS = Number(process.env.BENCH_MEMORY_CLOCK_STEP_MS ?? 100);

interface MemoryMeasurement {
  name: string;
  rows: number;
  batches: number;
  peakStateRows: number;
  finalStateRows: number;
  rssBeforeMb: number;
  peakRssMb: number;
  seconds: number;
}

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

/** The window count of the memory run, caught up with availableNow one file per trigger. */
async function runMemory(dir: string, watermark: boolean): Promise<MemoryMeasurement> {
  const spark = Session.builder().appName('bench').getOrCreate();
  // Every progress is needed for the peak state, not only the last 100.
  spark.conf.set('spark.sql.streaming.numRecentProgressUpdates', 1_000_000);
  let events = spark.readStream
    .schema(labSchema())
    .option('timestampUnit', 'Creation_Time:ns,Arrival_Time:ms')
    .option('maxFilesPerTrigger', 1)
    .option('fileStableMs', '0')
    .json(dir);
  if (watermark) events = events.withWatermark('Creation_Time', '1 minute');
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const q = events
    .groupBy(window(col('Creation_Time'), '1 minute'), col('Device'))
    .count()
    .writeStream.format('noop')
    .outputMode(watermark ? 'append' : 'update')
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const progress = q.recentProgress;
  const stateRows = progress.map((p) => p.stateOperators[0]?.numRowsTotal ?? 0);
  const rows = progress.reduce((n, p) => n + p.numInputRows, 0);
  if (rows !== MEMORY_ROWS) throw new Error(`memory run: expected ${MEMORY_ROWS} rows, saw ${rows}`);
  return {
    name: watermark ? '1-min window count, 1-min watermark, append' : '1-min window count, no watermark, update',
    rows,
    batches: progress.length,
    peakStateRows: Math.max(0, ...stateRows),
    finalStateRows: stateRows[stateRows.length - 1] ?? 0,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    seconds,
  };
}

async function memoryRuns(): Promise<MemoryMeasurement[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-bench-memory-'));
  try {
    console.log(`generating ${MEMORY_ROWS.toLocaleString()} sensor events in ${MEMORY_FILES} files (one every ${MEMORY_CLOCK_STEP_MS} ms)…`);
    const t0 = performance.now();
    await writeSensorFolder({
      dir,
      files: MEMORY_FILES,
      rowsPerFile: Math.ceil(MEMORY_ROWS / MEMORY_FILES),
      seed: 11,
      malformedFraction: 0,
      nullFraction: 0,
      clockStepMs: MEMORY_CLOCK_STEP_MS,
    });
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return [await runMemory(dir, true), await runMemory(dir, false)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printMemory(results: readonly MemoryMeasurement[]): void {
  console.log('\n| memory run | events | batches | peak state rows | final state rows | RSS before MB | peak RSS MB | time s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.rows.toLocaleString()} | ${r.batches} | ${r.peakStateRows.toLocaleString()} | ${r.finalStateRows.toLocaleString()} | ${r.rssBeforeMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.seconds.toFixed(1)} |`,
    );
  }
}

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function throughputRuns(): Promise<Measurement[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-bench-'));
  try {
    console.log(`generating ${ROWS.toLocaleString()} sensor rows in ${FILES} files…`);
    const folder = await writeSensorFolder({ dir, files: FILES, rowsPerFile: Math.ceil(ROWS / FILES), seed: 7, malformedFraction: 0 });
    const results: Measurement[] = [];
    results.push(await measure('JSON.parse loop (floor)', folder.rows, folder.bytes, () => jsonParseLoop(folder.files)));
    results.push(await measure('stateless filter+select, availableNow', folder.rows, folder.bytes, () => runQuery(dir, 'stateless')));
    results.push(await measure('activity count, complete, availableNow', folder.rows, folder.bytes, () => runQuery(dir, 'activityCount')));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printThroughput(results: readonly Measurement[]): void {
  const floor = results[0].rowsPerSecond;
  console.log('| benchmark | rows | median s | min–max s | rows/s | MB/s | ÷ JSON.parse loop |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.rows.toLocaleString()} | ${(r.medianMs / 1000).toFixed(3)} | ${(r.minMs / 1000).toFixed(3)}–${(r.maxMs / 1000).toFixed(3)} | ${Math.round(r.rowsPerSecond).toLocaleString()} | ${r.mbPerSecond.toFixed(1)} | ${(r.rowsPerSecond / floor).toFixed(2)} |`,
    );
  }
}

async function main(): Promise<void> {
  const results = ONLY === 'memory' ? [] : await throughputRuns();
  const memory = ONLY === 'throughput' ? [] : await memoryRuns();
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, commit ${commit()}, ${RUNS} runs after 1 warm-up`);
  if (results.length > 0) printThroughput(results);
  if (memory.length > 0) printMemory(memory);
  const outDir = 'bench-results';
  if (!existsSync(outDir)) mkdirSync(outDir);
  const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ commit: commit(), node: process.version, cpus: cpus().length, runs: RUNS, results, memory }, null, 2));
  console.log(`\nwritten ${file}`);
}

await main();
