/**
 * parseThreads=1 against parseThreads=N on the lab's activity count (groupBy(gt).count(),
 * complete mode, memory sink, Trigger.AvailableNow) over one simulator folder, in one
 * process: a warm-up of each, then RUNS alternating runs (1, N, 1, N, …) so drift hits both
 * alike. Prints each run's wall time and where the batches spent it (Spark's progress
 * durationMs: getBatch = reading and decoding the files, addBatch = the plan and the sink),
 * then medians and the ratio. Not part of `npm run bench`; a tool for issue 8's parallel
 * decoding.
 *
 *   PROFILE_ROWS=1000000 PROFILE_FILES=20 PROFILE_THREADS=2 RUNS=5 PROFILE_DIR=/tmp/x \
 *     node --import tsx test/bench/profile-parallel-activity.ts
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../engine/index';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';

const ROWS = Number(process.env.PROFILE_ROWS ?? 1_000_000);
const FILES = Number(process.env.PROFILE_FILES ?? 20);
const THREADS = process.env.PROFILE_THREADS ?? '2';
const RUNS = Number(process.env.RUNS ?? 5);

interface Run {
  readonly threads: string;
  readonly wallMs: number;
  readonly getBatchMs: number;
  readonly addBatchMs: number;
  readonly rows: number;
  readonly counts: string;
  /** CPU ms of the query's own thread, and of every other thread of the process (Linux /proc). */
  readonly mainCpuMs: number;
  readonly otherCpuMs: number;
  /** CPU ms of the busiest other thread (with parseThreads > 1: a decode thread). */
  readonly busiestOtherCpuMs: number;
}

/**
 * CPU time per thread from /proc/self/task (utime + stime, 10 ms ticks). On a machine other
 * processes keep busy, wall time says little about a second thread; CPU time per thread says
 * how much of the work left the query's thread.
 */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync('/proc/self/task')) return out;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

async function folder(): Promise<{ dir: string; temp: boolean }> {
  const given = process.env.PROFILE_DIR;
  const dir = given ?? mkdtempSync(join(tmpdir(), 'tidemark-parallel-'));
  if (given !== undefined && existsSync(join(dir, '.ready'))) return { dir, temp: false };
  mkdirSync(dir, { recursive: true });
  await writeSensorFolder({ dir, files: FILES, rowsPerFile: Math.ceil(ROWS / FILES), seed: 7, malformedFraction: 0, nullFraction: 0 });
  if (given !== undefined) mkdirSync(join(dir, '.ready'));
  return { dir, temp: given === undefined };
}

async function run(dir: string, threads: string): Promise<Run> {
  const spark = Session.builder().appName('profile-parallel').getOrCreate();
  spark.conf.set('spark.tidemark.source.parseThreads', threads);
  const name = `parallel_${threads}_${Date.now()}`;
  const cpu0 = threadCpuMs();
  const t0 = performance.now();
  const q = spark.readStream
    .schema(labSchema())
    .json(dir)
    .groupBy('gt')
    .count()
    .writeStream.format('memory')
    .queryName(name)
    .outputMode('complete')
    .trigger({ availableNow: true })
    .start();
  await q.awaitTermination();
  const wallMs = performance.now() - t0;
  const cpu1 = threadCpuMs();
  let mainCpuMs = 0;
  let otherCpuMs = 0;
  let busiestOtherCpuMs = 0;
  for (const [tid, ms] of cpu1) {
    const used = ms - (cpu0.get(tid) ?? 0);
    if (tid === String(process.pid)) mainCpuMs += used;
    else {
      otherCpuMs += used;
      busiestOtherCpuMs = Math.max(busiestOtherCpuMs, used);
    }
  }
  const sum = (k: string): number => q.recentProgress.reduce((n, p) => n + ((p.durationMs as Record<string, number>)[k] ?? 0), 0);
  const rows = q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  const counts = JSON.stringify(
    (await spark.table(name).collect())
      .map((r) => [r.gt, r.count])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  return { threads, wallMs, getBatchMs: sum('getBatch'), addBatchMs: sum('addBatch'), rows, counts, mainCpuMs, otherCpuMs, busiestOtherCpuMs };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { dir, temp } = await folder();
try {
  await run(dir, '1');
  await run(dir, THREADS);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) for (const t of ['1', THREADS]) {
    const r = await run(dir, t);
    runs.push(r);
    console.log(
      `threads=${t} wall ${r.wallMs.toFixed(0)} ms getBatch ${r.getBatchMs} ms addBatch ${r.addBatchMs} ms rows ${r.rows} cpu: query thread ${r.mainCpuMs} ms, other threads ${r.otherCpuMs} ms (busiest ${r.busiestOtherCpuMs} ms)`,
    );
  }
  const of = (t: string, k: 'wallMs' | 'getBatchMs' | 'addBatchMs' | 'mainCpuMs' | 'otherCpuMs' | 'busiestOtherCpuMs'): number => median(runs.filter((r) => r.threads === t).map((r) => r[k]));
  const same = new Set(runs.map((r) => r.counts)).size === 1;
  for (const t of ['1', THREADS]) {
    const wall = of(t, 'wallMs');
    console.log(
      `median threads=${t}: wall ${wall.toFixed(0)} ms (${((ROWS / wall) * 1000).toFixed(0)} rows/s) getBatch ${of(t, 'getBatchMs')} ms addBatch ${of(t, 'addBatchMs')} ms; cpu: query thread ${of(t, 'mainCpuMs')} ms, other threads ${of(t, 'otherCpuMs')} ms`,
    );
  }
  console.log(`ratio threads=${THREADS} / threads=1 throughput: ${(of('1', 'wallMs') / of(THREADS, 'wallMs')).toFixed(2)}x; same counts in every run: ${same}`);
  // What the run would take with a core per thread and nothing else on the machine: the query
  // thread's CPU alone for parseThreads=1 (helper threads run beside it), and for N the
  // query thread's CPU plus the busiest decode thread's (no overlap assumed: a lower bound on
  // the speed-up). Shown because wall time on a shared machine depends on the neighbours.
  const critical1 = of('1', 'mainCpuMs');
  const criticalN = median(runs.filter((r) => r.threads === THREADS).map((r) => r.mainCpuMs + r.busiestOtherCpuMs));
  console.log(`critical path by CPU: threads=1 ${critical1} ms, threads=${THREADS} ${criticalN} ms → ${(critical1 / criticalN).toFixed(2)}x with a free core per thread`);
} finally {
  await Session.getActiveSession()?.stop();
  if (temp) rmSync(dir, { recursive: true, force: true });
}
