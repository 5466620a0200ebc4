/**
 * runOnSpark on a real Apache Spark (pyspark 4.1 in .venv-spark, prepared by
 * scripts/spark-env.sh): the lab's activity count is exported, submitted with
 * `spark-submit --master local[1]`, and its StreamingQueryProgress events come back through
 * onProgress. One run uses availableNow and exits by itself; the other uses the default
 * trigger and is stopped after its first progress. Both start together to keep the file
 * short (each JVM takes ~20 s to start here). TIDEMARK_SKIP_SPARK=1 skips it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnSpark } from '../../engine/export/run-on-spark';
import { SensorSimulator } from '../../engine/io/simulator/index';
import type { QuerySpec, TriggerSpec } from '../../engine/plan/logical-plan';
import { activityCountQuery, labSource } from '../engine/export/lab-queries';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const SETUP_TIMEOUT_MS = 15 * 60_000;
const RUN_TIMEOUT_MS = 120_000;
const ROWS_PER_FILE = 40;
const FILES = 3;
const CONF = { 'spark.sql.shuffle.partitions': '1', 'spark.ui.enabled': 'false' };

describe.skipIf(process.env.TIDEMARK_SKIP_SPARK === '1')('runOnSpark on Apache Spark', () => {
  let dir = '';
  let python = '';

  beforeAll(async () => {
    const env = spawnSync('bash', [join(root, 'scripts/spark-env.sh')], {
      cwd: root,
      encoding: 'utf8',
      timeout: SETUP_TIMEOUT_MS,
    });
    if (env.status !== 0)
      throw new Error(`scripts/spark-env.sh failed (${env.status}):\n${env.stderr}`);
    python = env.stdout.trim().split('\n').pop() ?? '';
    dir = mkdtempSync(join(tmpdir(), 'tidemark-run-on-spark-'));
    const simulator = new SensorSimulator({
      dir: join(dir, 'input'),
      filesPerSecond: 1000,
      rowsPerFile: ROWS_PER_FILE,
      maxFiles: FILES,
      seed: 7,
    });
    simulator.start();
    await simulator.done();
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  function activityCount(trigger: TriggerSpec): QuerySpec {
    const spec = activityCountQuery(labSource(join(dir, 'input')));
    return { plan: spec.plan, sink: { ...spec.sink, trigger } };
  }

  it.concurrent(
    'availableNow (Trigger.AvailableNow): progress reports every row written, then spark-submit exits 0',
    async () => {
      const progress: Record<string, unknown>[] = [];
      const log: string[] = [];
      const run = await runOnSpark(activityCount({ kind: 'availableNow' }), {
        master: 'local[1]',
        python,
        conf: CONF,
        onLog: (line) => log.push(line),
        onProgress: (p) => progress.push(p),
      });
      expect(run.spark.kind).toBe('pyspark');
      expect(run.command.slice(1, 3)).toEqual(['--master', 'local[1]']);
      const result = await run.done;
      expect(result, log.slice(-40).join('\n')).toEqual({ exitCode: 0, signal: null });
      expect(progress.length).toBeGreaterThan(0);
      const rows = progress.reduce((n, p) => n + Number(p.numInputRows), 0);
      expect(rows).toBe(FILES * ROWS_PER_FILE);
      expect(progress[0]).toMatchObject({ name: 'activity_count', batchId: 0 });
      expect(log.some((l) => l.includes('SparkContext'))).toBe(true);
      // The work folder runOnSpark created for the script is gone once the run ends.
      expect(existsSync(run.scriptPath)).toBe(false);
    },
    RUN_TIMEOUT_MS,
  );

  it.concurrent(
    'the default trigger runs until stop(): SIGTERM ends spark-submit and the driver, and done resolves',
    async () => {
      let firstProgress: () => void = () => undefined;
      const progressed = new Promise<void>((resolve) => (firstProgress = resolve));
      const run = await runOnSpark(activityCount({ kind: 'default' }), {
        master: 'local[1]',
        python,
        conf: CONF,
        workDir: join(dir, 'default-trigger'),
        stopGraceMs: 15_000,
        onProgress: () => firstProgress(),
      });
      const exitedEarly = run.done.then((r) => `exited before any progress: ${JSON.stringify(r)}`);
      expect(await Promise.race([progressed.then(() => 'progress'), exitedEarly])).toBe('progress');
      await run.stop();
      const result = await run.done;
      // Ended by the signal (null code) or by the JVM's exit code for it (143 = 128 + SIGTERM).
      expect(result.signal === 'SIGTERM' || result.exitCode === 143).toBe(true);
      // A workDir passed in is kept: it holds the script that ran.
      expect(existsSync(run.scriptPath)).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );
});
