/**
 * One memory run in its own process (spawned by memory-runs.ts), so one run's heap never
 * pollutes the other's RSS:
 *
 *   node --expose-gc --import tsx test/bench/memory-child.ts INPUT CHECKPOINT ROWS watermark|no-watermark
 *
 * Runs memoryQuery (per-user 30 s window count, one file per trigger, availableNow) and
 * prints one line `BENCH_MEMORY_RESULT {json}`: state rows from every progress
 * (stateOperators[0].numRowsTotal), RSS before / peak (sampled every 20 ms) / after, a
 * per-batch trace of RSS, heap and external memory, and the process.memoryUsage() breakdown
 * before, at the peak and at the end (what the peak is made of: V8's heap, file buffers or
 * memory malloc keeps).
 */
import { Session } from '../../engine/index';
import { memoryQuery } from './queries';
import { PARSE_THREADS } from './tidemark-throughput';
import { RESULT_PREFIX, type MemoryChildResult, type MemoryTracePoint } from './memory-result';

const MB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const inMb = (u: NodeJS.MemoryUsage): Record<string, number> =>
  Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v / MB]));

async function main(): Promise<void> {
  const [input, checkpoint, rowsArg, mode] = process.argv.slice(2);
  if (input === undefined || checkpoint === undefined || mode === undefined)
    throw new Error('usage: memory-child.ts INPUT CHECKPOINT ROWS watermark|no-watermark');
  const watermark = mode === 'watermark';
  const spark = Session.builder().appName('tidemark-bench-memory').getOrCreate();
  // Every progress is needed for the peak state, not only the last 100 (100 small objects per run).
  spark.conf.set('spark.sql.streaming.numRecentProgressUpdates', 1_000_000);
  // To tell decode threads' memory (each worker is its own V8 isolate) from the query's own.
  const threads = process.env.BENCH_MEMORY_PARSE_THREADS;
  if (threads !== undefined && threads !== '') spark.conf.set(PARSE_THREADS, threads);
  const writer = memoryQuery(spark, watermark, { input, checkpoint, output: '' });
  gc();
  const usageBefore = process.memoryUsage();
  const rssBefore = usageBefore.rss;
  let peakRss = rssBefore;
  let usageAtPeak = usageBefore;
  const trace: MemoryTracePoint[] = [];
  const t0 = performance.now();
  const q = writer.start();
  const sample = setInterval(() => {
    const u = process.memoryUsage();
    if (u.rss > peakRss) {
      peakRss = u.rss;
      usageAtPeak = u;
    }
    const progress = q.recentProgress;
    for (let i = trace.length; i < progress.length; i++) {
      trace.push({
        batchId: progress[i].batchId,
        stateRows: progress[i].stateOperators[0]?.numRowsTotal ?? 0,
        rssMb: u.rss / MB,
        heapUsedMb: u.heapUsed / MB,
        externalMb: u.external / MB,
        heapTotalMb: u.heapTotal / MB,
        arrayBuffersMb: u.arrayBuffers / MB,
      });
    }
  }, 20);
  try {
    await q.awaitTermination();
  } finally {
    clearInterval(sample);
  }
  const seconds = (performance.now() - t0) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  gc();
  const after = process.memoryUsage();
  const progress = q.recentProgress;
  const stateRows = progress.map((p) => p.stateOperators[0]?.numRowsTotal ?? 0);
  const result: MemoryChildResult = {
    watermark,
    rows: progress.reduce((n, p) => n + p.numInputRows, 0),
    batches: progress.length,
    peakStateRows: Math.max(0, ...stateRows),
    finalStateRows: stateRows[stateRows.length - 1] ?? 0,
    rssBeforeMb: rssBefore / MB,
    peakRssMb: peakRss / MB,
    rssAfterMb: after.rss / MB,
    seconds,
    usageBefore: inMb(usageBefore),
    usageAfter: inMb(after),
    usageAtPeak: inMb(usageAtPeak),
    trace,
  };
  if (rowsArg !== undefined && result.rows !== Number(rowsArg))
    throw new Error(`memory run: expected ${rowsArg} input rows, the query read ${result.rows}`);
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + '\n');
}

await main();
