/**
 * A driver for `node --cpu-prof` (not a benchmark: it times nothing): generates a simulator
 * folder once under the OS temp dir, then runs the lab's activity count or the stateless
 * filter+select over it with Trigger.AvailableNow, so the profile shows the engine's hot path.
 *
 *   PROFILE_QUERY=activityCount|stateless PROFILE_ROWS=500000 PROFILE_DIR=/tmp/x \
 *     node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/profile-activity-count.ts
 *
 * PROFILE_DIR keeps the folder between runs (it is generated only when missing); without it a
 * temp folder is made and removed. PROFILE_THREADS sets spark.tidemark.source.parseThreads.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, col } from '../../engine/index';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import { labSchema } from '../fixtures/lab-schema';

const ROWS = Number(process.env.PROFILE_ROWS ?? 500_000);
const QUERY = process.env.PROFILE_QUERY ?? 'activityCount';
const REPEAT = Number(process.env.PROFILE_REPEAT ?? 1);

async function folder(): Promise<{ dir: string; temp: boolean }> {
  const given = process.env.PROFILE_DIR;
  const dir = given ?? mkdtempSync(join(tmpdir(), 'tidemark-profile-'));
  if (given !== undefined && existsSync(join(dir, '.ready'))) return { dir, temp: false };
  mkdirSync(dir, { recursive: true });
  await writeSensorFolder({ dir, files: 20, rowsPerFile: Math.ceil(ROWS / 20), seed: 7, malformedFraction: 0 });
  if (given !== undefined) mkdirSync(join(dir, '.ready'));
  return { dir, temp: given === undefined };
}

async function run(dir: string): Promise<number> {
  const spark = Session.builder().appName('profile').getOrCreate();
  if (process.env.PROFILE_THREADS !== undefined) {
    spark.conf.set('spark.tidemark.source.parseThreads', process.env.PROFILE_THREADS);
  }
  const stream = spark.readStream.schema(labSchema()).json(dir);
  const q =
    QUERY === 'stateless'
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
          .queryName(`profile_${Date.now()}`)
          .outputMode('complete')
          .trigger({ availableNow: true })
          .start();
  await q.awaitTermination();
  return q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
}

const { dir, temp } = await folder();
try {
  for (let i = 0; i < REPEAT; i++) {
    const rows = await run(dir);
    console.log(`${QUERY}: ${rows} rows`);
  }
} finally {
  if (temp) rmSync(dir, { recursive: true, force: true });
}
