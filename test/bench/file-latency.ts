/**
 * File-to-table latency (issue 8): how long after a file is renamed into a watched folder
 * its rows are visible in a memory-sink table, for Tidemark and (when a pyspark python is
 * given) for Spark on local[2], both with the default trigger and no special options.
 *
 * - The writer is a child process (file-latency-writer.ts), so its timers are not delayed
 *   by the engine's work on this event loop; it stamps each rename on the wall clock
 *   (`performance.timeOrigin + performance.now()`), which this process and Python's
 *   `time.time()` read too.
 * - Tidemark: `readStream.schema(labSchema).json(folder)` → memory sink, append. "Visible" is
 *   the query's `onQueryProgress` event: the progress of a batch is posted after the sink
 *   took its rows and the commits log was written, and that event is when the app reads the
 *   memory table and sends the rows to the window (engine-service.ts `onProgress`), so it is
 *   the moment a user sees them. The file of each row is read back from `Index` (the
 *   writer numbers rows across files).
 * - Spark: test/bench/spark/file_latency.py, a foreachBatch that collects each batch and then
 *   reads the clock; files are named by `input_file_name()`.
 * Files written in the first ~2 s (the warm-up) are left out of the figures.
 *
 * Run alone: `tsx test/bench/file-latency.ts` (env BENCH_LATENCY_SECONDS, BENCH_LATENCY_FPS,
 * BENCH_LATENCY_ROWS, BENCH_LATENCY_RUNS, BENCH_SPARK_PYTHON or `.venv-spark/bin/python`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Session } from '../../engine/index';
import { MemorySink } from '../../engine/io/sinks/memory-sink';
import type { QueryProgressEvent } from '../../engine/stream/listener';
import { labSchema } from '../fixtures/lab-schema';

export interface LatencyFigures {
  files: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface FileLatencyOptions {
  filesPerSecond: number;
  rowsPerFile: number;
  seconds: number;
  /** A python with pyspark (the conformance suite's `.venv-spark/bin/python`); no Spark run without it. */
  sparkPython?: string;
}

const WARMUP_SECONDS = 2;
/** After the last rename, how long a file may take before the run counts it as never seen. */
const DRAIN_TIMEOUT_MS = 120_000;
const HERE = dirname(fileURLToPath(import.meta.url));
const WARMUP_FILE = 'warmup.json';

export async function measureFileLatency(
  opts: FileLatencyOptions,
): Promise<{ tidemark: LatencyFigures; spark?: LatencyFigures }> {
  const tidemark = await measureTidemark(opts);
  const spark = opts.sparkPython === undefined ? undefined : await measureSpark(opts, opts.sparkPython);
  return spark === undefined ? { tidemark } : { tidemark, spark };
}

interface Plan {
  readonly folder: string;
  readonly stagingDir: string;
  readonly files: number;
  readonly warmupFiles: number;
  readonly rowsPerFile: number;
  readonly filesPerSecond: number;
}

function makePlan(root: string, opts: FileLatencyOptions): Plan {
  const folder = join(root, 'in');
  const stagingDir = join(root, 'staging');
  mkdirSync(folder);
  mkdirSync(stagingDir);
  const warmupFiles = Math.round(WARMUP_SECONDS * opts.filesPerSecond);
  return {
    folder,
    stagingDir,
    files: warmupFiles + Math.max(1, Math.round(opts.seconds * opts.filesPerSecond)),
    warmupFiles,
    rowsPerFile: opts.rowsPerFile,
    filesPerSecond: opts.filesPerSecond,
  };
}

async function measureTidemark(opts: FileLatencyOptions): Promise<LatencyFigures> {
  const root = mkdtempSync(join(tmpdir(), 'tidemark-latency-'));
  const spark = Session.builder().appName('bench-latency').getOrCreate();
  const name = `latency_${process.pid}_${Date.now()}`;
  const visible = new Map<number, number>();
  const plan = makePlan(root, opts);
  const query = spark.readStream
    .schema(labSchema())
    .json(plan.folder)
    .writeStream.format('memory')
    .queryName(name)
    .outputMode('append')
    .start();
  const listener = {
    onQueryProgress(event: QueryProgressEvent): void {
      if (event.progress.id !== query.id) return;
      const at = wallClockMs();
      const entry = spark.catalog.lookup(name);
      if (entry?.kind !== 'memory' || !(entry.provider instanceof MemorySink)) return;
      const index = entry.provider.latestBatchData().column('Index');
      if (index.storage !== 'float64') throw new Error(`Index is stored as ${index.storage}`);
      for (const v of index.values) {
        const file = Math.floor(v / plan.rowsPerFile);
        if (!visible.has(file)) visible.set(file, at);
      }
    },
  };
  spark.streams.addListener(listener);
  try {
    const renamed = await runWriter(plan);
    await waitFor(() => visible.size >= plan.files, DRAIN_TIMEOUT_MS);
    return figures(plan, renamed, visible);
  } finally {
    spark.streams.removeListener(listener);
    await query.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureSpark(opts: FileLatencyOptions, python: string): Promise<LatencyFigures> {
  const root = mkdtempSync(join(tmpdir(), 'tidemark-latency-spark-'));
  const plan = makePlan(root, opts);
  const driver = spawn(
    python,
    [join(HERE, 'spark', 'file_latency.py'), plan.folder, sparkLabDDL()],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const visible = new Map<number, number>();
  let ready!: () => void;
  let warm!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const warmedUp = new Promise<void>((resolve) => (warm = resolve));
  const exited = new Promise<void>((resolve) => driver.once('exit', () => resolve()));
  // The first lines naming an exception say why a query died; the JVM's stack traces do not.
  const stderrTail: string[] = [];
  createInterface({ input: driver.stderr! }).on('line', (line) => {
    if (stderrTail.length < 8 && /Exception|Error/.test(line) && !/^\s+at /.test(line)) {
      stderrTail.push(line);
    }
  });
  createInterface({ input: driver.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as { ready?: boolean; file?: string; visibleAtMs?: number };
    if (msg.ready === true) ready();
    else if (msg.file === WARMUP_FILE) warm();
    else if (msg.file !== undefined && msg.visibleAtMs !== undefined) {
      const file = fileNumber(msg.file);
      if (!visible.has(file)) visible.set(file, msg.visibleAtMs);
    }
  });
  const orExit = <T>(p: Promise<T>, what: string): Promise<T> =>
    Promise.race([
      p,
      exited.then((): T => {
        throw new Error(`the Spark driver (${python}) exited ${what}:\n${stderrTail.join('\n')}`);
      }),
    ]);
  try {
    await orExit(started, 'before its query started');
    // Spark's first micro-batch plans and compiles the query: one file through it first,
    // so the timed files meet a warm query (the warm-up files then cover the steady state).
    writeFileSync(join(plan.stagingDir, WARMUP_FILE), '{"Index":-1}\n');
    renameSync(join(plan.stagingDir, WARMUP_FILE), join(plan.folder, WARMUP_FILE));
    await orExit(warmedUp, 'before its first batch');
    const renamed = await runWriter(plan);
    await waitFor(() => visible.size >= plan.files || driver.exitCode !== null, DRAIN_TIMEOUT_MS);
    try {
      return figures(plan, renamed, visible);
    } catch (e) {
      throw new Error(`Spark: ${(e as Error).message}; its last log lines:\n${stderrTail.join('\n')}`);
    }
  } finally {
    driver.stdin!.end();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
    if (driver.exitCode === null) driver.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs the writer child; resolves with each file's rename time once it has written them all. */
async function runWriter(plan: Plan): Promise<Map<number, number>> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'file-latency-writer.ts'), JSON.stringify(plan)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const renamed = new Map<number, number>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const r = JSON.parse(line) as { file: string; renamedAtMs: number };
    renamed.set(fileNumber(r.file), r.renamedAtMs);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || renamed.size !== plan.files) {
    throw new Error(`the latency writer exited with ${code} after ${renamed.size} of ${plan.files} files`);
  }
  return renamed;
}

function figures(
  plan: Plan,
  renamed: ReadonlyMap<number, number>,
  visible: ReadonlyMap<number, number>,
): LatencyFigures {
  const latencies: number[] = [];
  const missing: number[] = [];
  for (let i = plan.warmupFiles; i < plan.files; i++) {
    const at = visible.get(i);
    if (at === undefined) missing.push(i);
    else latencies.push(at - renamed.get(i)!);
  }
  if (missing.length > 0) {
    throw new Error(`${missing.length} files never became visible (first: file ${missing[0]})`);
  }
  latencies.sort((a, b) => a - b);
  return {
    files: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1],
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function fileNumber(name: string): number {
  const m = /^part-(\d+)\.json$/.exec(name);
  if (m === null) throw new Error(`unexpected file name ${name}`);
  return Number(m[1]);
}

/**
 * The lab schema as Spark can read these files: Creation_Time is in nanoseconds, which Spark's
 * JSON reader cannot take as a TIMESTAMP (seconds × 10⁶ overflows a long: ArithmeticException
 * fails the batch), so Spark reads it as the BIGINT it is; every other column is as Tidemark's.
 */
function sparkLabDDL(): string {
  const ddl = labSchema().toDDL();
  const spark = ddl.replace('`Creation_Time` TIMESTAMP', '`Creation_Time` BIGINT');
  if (spark === ddl) throw new Error(`lab schema changed: ${ddl}`);
  return spark;
}

function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

async function main(): Promise<void> {
  const env = process.env;
  const opts: FileLatencyOptions = {
    filesPerSecond: Number(env.BENCH_LATENCY_FPS ?? 10),
    rowsPerFile: Number(env.BENCH_LATENCY_ROWS ?? 1000),
    seconds: Number(env.BENCH_LATENCY_SECONDS ?? 30),
  };
  const venv = join(HERE, '..', '..', '.venv-spark', 'bin', 'python');
  const python = env.BENCH_SPARK_PYTHON ?? (existsSync(venv) ? venv : undefined);
  const runs = Number(env.BENCH_LATENCY_RUNS ?? 1);
  for (let i = 0; i < runs; i++) {
    const r = await measureFileLatency({
      ...opts,
      ...(python !== undefined && env.BENCH_LATENCY_NO_SPARK === undefined ? { sparkPython: python } : {}),
    });
    console.log(JSON.stringify(r));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
