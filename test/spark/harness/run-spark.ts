/**
 * The Spark side: prepares `.venv-spark` with scripts/spark-env.sh (pyspark pinned there),
 * then runs test/spark/spark-runner.py once over the whole manifest: one JVM, one
 * SparkSession, every scenario in turn.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ManifestScenario } from './spark-manifest';
import { canonicalRows, sparkType, type CanonicalBatch } from './typed-rows';

const run = promisify(execFile);

export interface SparkBatch {
  readonly batchId: number;
  readonly schema: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface EngineError {
  readonly phase: string;
  readonly type: string;
  readonly condition: string | null;
  readonly classes: readonly string[];
  readonly message: string;
}

export interface SparkProgress {
  readonly batchId: number;
  readonly numInputRows: number;
  readonly watermark: string | null;
  readonly stateOperators: readonly Record<string, number>[];
}

export interface SparkScenarioResult {
  readonly ok: boolean;
  readonly seconds: number;
  readonly batches: readonly SparkBatch[];
  readonly progress: readonly SparkProgress[];
  readonly error: EngineError | null;
}

export interface SparkRun {
  readonly sparkVersion: string;
  readonly startupSeconds: number;
  readonly totalSeconds: number;
  readonly scenarios: Readonly<Record<string, SparkScenarioResult>>;
  /** Wall-clock seconds of the runner process, JVM start included. */
  readonly wallSeconds: number;
  readonly log: string;
}

/** The venv's python, installing pyspark on first use (slow: minutes). */
export function sparkPython(root: string, timeoutMs: number): string {
  const env = spawnSync('bash', [join(root, 'scripts/spark-env.sh')], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (env.status !== 0)
    throw new Error(`scripts/spark-env.sh failed (${env.status}):\n${env.stderr}`);
  return env.stdout.trim().split('\n').pop() ?? '';
}

export async function runOnSpark(
  root: string,
  python: string,
  dir: string,
  scenarios: readonly ManifestScenario[],
  timeoutMs: number,
): Promise<SparkRun> {
  const manifest = join(dir, 'manifest.json');
  const output = join(dir, 'spark-output.json');
  writeFileSync(manifest, JSON.stringify({ scenarios }));
  const started = Date.now();
  let log = '';
  try {
    const { stdout, stderr } = await run(
      python,
      [join(root, 'test/spark/spark-runner.py'), manifest, output],
      {
        cwd: dir,
        timeout: timeoutMs,
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, TZ: 'UTC' },
      },
    );
    log = `${stdout}\n${stderr}`;
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message?: string };
    log = `${err.message ?? ''}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`;
    if (!existsSync(output)) throw new Error(`spark-runner.py failed:\n${log.slice(-8000)}`);
  }
  const data = JSON.parse(readFileSync(output, 'utf8')) as Omit<SparkRun, 'wallSeconds' | 'log'>;
  return { ...data, wallSeconds: (Date.now() - started) / 1000, log };
}

/** Spark's batches with their values in canonical form (typed-rows.ts), typed by Spark's schema. */
export function canonicalSparkBatches(result: SparkScenarioResult): CanonicalBatch[] {
  return result.batches.map((b) => ({
    batchId: b.batchId,
    columns: b.schema,
    rows: canonicalRows(
      b.rows,
      b.schema.map((c) => sparkType(c.type)),
    ),
  }));
}
