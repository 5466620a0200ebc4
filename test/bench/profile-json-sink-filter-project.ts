/**
 * A driver for `node --cpu-prof` (not a benchmark: it times nothing itself): generates a
 * simulator folder once, as the bench does (bench-data.ts: ten users, 10 ms apart, no
 * malformed lines, no NULLs), then runs the bench's filter + projection query (queries.ts:
 * `filter x > 0`, select 5 columns, JSON file sink, Trigger.AvailableNow) over it, so the
 * profile shows the JSON writer and the file sink beside the scan.
 *
 *   PROFILE_ROWS=500000 PROFILE_DIR=/tmp/x PROFILE_THREADS=1 \
 *     node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/profile-json-sink-filter-project.ts
 *
 * PROFILE_DIR keeps the input folder between runs (generated only when missing); without it
 * a temp folder is made and removed. Outputs and checkpoints always go to a temp folder that
 * is removed at the end. PROFILE_THREADS sets spark.tidemark.source.parseThreads (the bench's
 * single-thread figure uses 1); PROFILE_REPEAT runs the query that many times.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../engine/index';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import { throughputQuery } from './queries';

const ROWS = Number(process.env.PROFILE_ROWS ?? 500_000);
const REPEAT = Number(process.env.PROFILE_REPEAT ?? 1);
const FILES = 20;

async function inputFolder(): Promise<{ dir: string; temp: boolean }> {
  const given = process.env.PROFILE_DIR;
  const dir = given ?? mkdtempSync(join(tmpdir(), 'tidemark-profile-sink-'));
  if (given !== undefined && existsSync(join(dir, '.ready'))) return { dir, temp: false };
  mkdirSync(dir, { recursive: true });
  await writeSensorFolder({
    dir,
    files: FILES,
    rowsPerFile: Math.ceil(ROWS / FILES),
    seed: 7,
    malformedFraction: 0,
    nullFraction: 0,
    clockStepMs: 10,
  });
  // A hidden marker: file sources skip names starting with a dot.
  if (given !== undefined) mkdirSync(join(dir, '.ready'));
  return { dir, temp: given === undefined };
}

/** Bytes of the part files the sink wrote (a check that the run did write its output). */
function outputBytes(dir: string): number {
  return readdirSync(dir)
    .filter((n) => n.startsWith('part-'))
    .reduce((sum, n) => sum + statSync(join(dir, n)).size, 0);
}

async function run(input: string, work: string, i: number): Promise<string> {
  const spark = Session.builder().appName('profile-json-sink').getOrCreate();
  spark.conf.set('spark.sql.streaming.numRecentProgressUpdates', 1_000_000);
  if (process.env.PROFILE_THREADS !== undefined) {
    spark.conf.set('spark.tidemark.source.parseThreads', process.env.PROFILE_THREADS);
  }
  const output = join(work, `output-${i}`);
  const q = throughputQuery(spark, 'filterProject', {
    input,
    checkpoint: join(work, `checkpoint-${i}`),
    output,
  }).start();
  await q.awaitTermination();
  const rows = q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  // The engine's own split of each batch's time (Spark's durationMs), summed over batches.
  const phases = new Map<string, number>();
  for (const p of q.recentProgress)
    for (const [k, v] of Object.entries(p.durationMs)) phases.set(k, (phases.get(k) ?? 0) + v);
  const split = [...phases].map(([k, v]) => `${k}=${v}`).join(' ');
  return `filterProject: ${rows} input rows in ${q.recentProgress.length} batches, ${outputBytes(output)} output bytes; ms: ${split}`;
}

const { dir, temp } = await inputFolder();
const work = mkdtempSync(join(tmpdir(), 'tidemark-profile-sink-out-'));
try {
  for (let i = 0; i < REPEAT; i++) console.log(await run(dir, work, i));
} finally {
  rmSync(work, { recursive: true, force: true });
  if (temp) rmSync(dir, { recursive: true, force: true });
}
