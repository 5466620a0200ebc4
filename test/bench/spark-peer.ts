/**
 * The Spark peer: the same queries exported with toPySpark (the script a user would take
 * to Spark) and run by test/bench/spark/bench_driver.py on pyspark `local[2]` in one
 * long-lived SparkSession: a warm-up then `runs` timed runs per query, each with fresh
 * checkpoint and output folders; session start-up is reported apart.
 *
 * Spark is used when `.venv-spark/bin/python` exists or `bash scripts/spark-env.sh` (the
 * conformance suite's setup) succeeds; BENCH_SPARK=0 skips it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Session } from '../../engine/index';
import { toPySpark } from '../../engine/export/to-pyspark';
import type { BenchFolder, BenchWorkspace } from './bench-data';
import { summarize, type Measurement } from './measure';
import {
  memoryQuery,
  querySpec,
  QUERY_TITLES,
  throughputQuery,
  type ThroughputQuery,
} from './queries';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const DRIVER = join(root, 'test/bench/spark/bench_driver.py');
const run = promisify(execFile);

/**
 * Settings of every exported script: UTC like the conformance suite, and 2 shuffle
 * partitions (Spark's default 200 would make each aggregation batch schedule 200 tiny tasks
 * on 2 cores: the setting a user tuning local[2] picks, so it favours Spark).
 */
export const SPARK_CONF: Readonly<Record<string, string>> = {
  'spark.sql.session.timeZone': 'UTC',
  'spark.sql.shuffle.partitions': '2',
  'spark.sql.streaming.numRecentProgressUpdates': '1000000',
};

export type SparkPython = { python: string } | { skipped: string };

export function findSparkPython(enabled: boolean): SparkPython {
  if (!enabled) return { skipped: 'BENCH_SPARK=0' };
  const venv = join(root, '.venv-spark/bin/python');
  if (existsSync(venv)) return { python: venv };
  const env = spawnSync('bash', [join(root, 'scripts/spark-env.sh')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  const python = env.stdout?.trim().split('\n').pop() ?? '';
  if (env.status !== 0 || python === '' || !existsSync(python))
    return {
      skipped: `scripts/spark-env.sh failed (${env.status}): ${env.stderr?.trim().split('\n').pop() ?? ''}`,
    };
  return { python };
}

interface DriverRun {
  readonly script: string;
  readonly seconds: number;
  readonly rows: number;
  readonly batches: number;
  readonly peakStateRows?: number;
  readonly finalStateRows?: number;
  readonly rssBeforeMb?: number | null;
  readonly peakRssMb?: number;
  readonly rssAfterMb?: number | null;
}

interface DriverResult {
  readonly sessionStartSeconds: number;
  readonly sparkVersion: string;
  readonly groups: {
    name: string;
    warmup: DriverRun | null;
    runs: DriverRun[];
    error: string | null;
  }[];
}

interface Group {
  readonly name: string;
  readonly memory: boolean;
  readonly warmup: boolean;
  readonly scripts: string[];
}

export interface SparkMemoryRun {
  readonly name: string;
  readonly watermark: boolean;
  readonly rows: number;
  readonly batches: number;
  readonly peakStateRows: number;
  readonly finalStateRows: number;
  readonly jvmRssBeforeMb: number | null;
  readonly jvmPeakRssMb: number;
  readonly jvmRssAfterMb: number | null;
  readonly seconds: number;
}

export interface SparkResults {
  readonly sparkVersion: string;
  readonly sessionStartSeconds: number;
  readonly throughput: Measurement[];
  readonly memory: SparkMemoryRun[];
  readonly errors: string[];
  readonly notes: string[];
}

/** Exports one script per run, each with its own checkpoint and output folders. */
function exportScripts(
  workspace: BenchWorkspace,
  name: string,
  count: number,
  build: (paths: { checkpoint: string; output: string }) => ReturnType<typeof throughputQuery>,
): string[] {
  const dir = workspace.fresh(`spark-scripts-${name}`);
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const spec = querySpec(
      build({
        checkpoint: workspace.fresh(`spark-${name}-checkpoint`),
        output: workspace.fresh(`spark-${name}-output`),
      }),
    );
    const path = join(dir, `${name}_${i}.py`);
    writeFileSync(path, toPySpark(spec, { conf: SPARK_CONF }));
    return path;
  });
}

export async function runSpark(
  python: string,
  workspace: BenchWorkspace,
  throughput: { folder: BenchFolder; queries: readonly ThroughputQuery[]; runs: number } | null,
  memory: { folder: BenchFolder } | null,
): Promise<SparkResults> {
  // The queries are only built here (never started): the session just plans them.
  const spark = Session.builder().appName('tidemark-bench-export').getOrCreate();
  const groups: Group[] = [];
  for (const q of throughput?.queries ?? []) {
    const input = throughput!.folder.dir;
    groups.push({
      name: q,
      memory: false,
      warmup: true,
      scripts: exportScripts(workspace, q, throughput!.runs + 1, (p) =>
        throughputQuery(spark, q, { input, ...p }),
      ),
    });
  }
  for (const watermark of memory === null ? [] : [true, false]) {
    const input = memory!.folder.dir;
    const name = watermark ? 'memory_watermark' : 'memory_no_watermark';
    groups.push({
      name,
      memory: true,
      warmup: false,
      scripts: exportScripts(workspace, name, 1, (p) =>
        memoryQuery(spark, watermark, { input, ...p }),
      ),
    });
  }
  const jobPath = join(workspace.fresh('spark-job'), 'job.json');
  mkdirSync(resolve(jobPath, '..'), { recursive: true });
  const resultPath = join(resolve(jobPath, '..'), 'result.json');
  writeFileSync(jobPath, JSON.stringify({ master: 'local[2]', conf: SPARK_CONF, groups }, null, 2));

  const errors: string[] = [];
  const notes: string[] = [];
  try {
    const child = run(python, [DRIVER, jobPath, resultPath], {
      cwd: resolve(jobPath, '..'),
      maxBuffer: 256 * 1024 * 1024,
    });
    child.child.stdout?.on('data', (d: Buffer) => process.stdout.write(d));
    await child;
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    errors.push(
      `bench_driver.py exited ${String(err.code)}: ${(err.stderr ?? '').trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  if (!existsSync(resultPath))
    return {
      sparkVersion: '?',
      sessionStartSeconds: NaN,
      throughput: [],
      memory: [],
      errors,
      notes,
    };
  const result = JSON.parse(readFileSync(resultPath, 'utf8')) as DriverResult;

  const measurements: Measurement[] = [];
  const memoryRuns: SparkMemoryRun[] = [];
  for (const g of result.groups) {
    if (g.error !== null) {
      errors.push(`${g.name}: ${g.error.trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    const folder = g.name.startsWith('memory_') ? memory!.folder : throughput!.folder;
    for (const r of [...(g.warmup ? [g.warmup] : []), ...g.runs]) {
      if (r.rows === folder.rows) continue;
      // Spark pushes `x > 0` into its JSON parser (spark.sql.json.filterPushdown.enabled,
      // JsonFilters), and numInputRows then counts only the rows that passed: every line is
      // still read and tokenized, so the folder's rows and bytes are what the figure divides.
      if (g.name === 'filterProject' && r.rows < folder.rows) {
        const note = `filterProject: Spark's numInputRows is ${r.rows} (rows passing the pushed-down filter x > 0), of ${folder.rows} lines read`;
        if (!notes.includes(note)) notes.push(note);
        continue;
      }
      errors.push(`${g.name}: ${r.script} read ${r.rows} rows, expected ${folder.rows}`);
    }
    if (g.name.startsWith('memory_')) {
      const r = g.runs[0];
      const watermark = g.name === 'memory_watermark';
      memoryRuns.push({
        name: watermark ? 'Spark: 1 min watermark, append' : 'Spark: no watermark, update',
        watermark,
        rows: r.rows,
        batches: r.batches,
        peakStateRows: r.peakStateRows ?? 0,
        finalStateRows: r.finalStateRows ?? 0,
        jvmRssBeforeMb: r.rssBeforeMb ?? null,
        jvmPeakRssMb: r.peakRssMb ?? 0,
        jvmRssAfterMb: r.rssAfterMb ?? null,
        seconds: r.seconds,
      });
    } else {
      const q = g.name as ThroughputQuery;
      measurements.push(
        summarize(
          q,
          QUERY_TITLES[q],
          'spark',
          folder.rows,
          folder.bytes,
          g.runs.map((r) => r.seconds * 1000),
        ),
      );
    }
  }
  return {
    sparkVersion: result.sparkVersion,
    sessionStartSeconds: result.sessionStartSeconds,
    throughput: measurements,
    memory: memoryRuns,
    errors,
    notes,
  };
}
