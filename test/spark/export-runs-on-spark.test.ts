/**
 * The PySpark export, run on a real Apache Spark (pyspark 4.1 in .venv-spark, prepared by
 * scripts/spark-env.sh): each lab query is exported with its sink switched to foreachBatch
 * (JSON lines per micro-batch) and `trigger(availableNow=True)`, all scripts run in one
 * Python process and one SparkSession (test/spark/run-pyspark-scripts.py), and the rows
 * Spark wrote are compared with what the input lines say they must be.
 *
 * The first run installs pyspark (~40 s with a fast PyPI mirror, 15 min allowed); later runs
 * reuse the venv. Set TIDEMARK_SKIP_SPARK=1 to skip on machines without Java 17+.
 */
import { execFile, spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPySpark } from '../../engine/export/to-pyspark';
import { toSparkSQL } from '../../engine/export/to-spark-sql';
import type { LogicalPlan } from '../../engine/plan/logical-plan';
import { labSchema } from '../fixtures/lab-schema';
import type { QuerySpec } from '../../engine/plan/logical-plan';
import { writeSensorFolder } from '../../engine/io/simulator/index';
import {
  countBy,
  countsFromRows,
  referenceRowsOfFiles,
  type LabRow,
} from '../helpers/lab-reference';
import {
  activityCountQuery,
  col,
  countAll,
  distinctUsersQuery,
  errorCountQuery,
  iotStreamQuery,
  labSource,
  naDropCountQuery,
  stairActivityQuery,
  windowedCountQuery,
} from '../engine/export/lab-queries';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const SETUP_TIMEOUT_MS = 15 * 60_000;
const run = promisify(execFile);

type OutputRow = Record<string, unknown>;

/** Lab queries over a source that reads the simulator's nanosecond Creation_Time and millisecond Arrival_Time. */
const QUERIES = {
  iot_stream: iotStreamQuery,
  activity_count: activityCountQuery,
  error_count: errorCountQuery,
  clean_activity_count: naDropCountQuery,
  stair_activity: stairActivityQuery,
  events_per_minute: windowedCountQuery,
  distinct_users: distinctUsersQuery,
} as const satisfies Record<string, (source: ReturnType<typeof labSource>) => QuerySpec>;
type QueryName = keyof typeof QUERIES;

/** Plans whose toSparkSQL statement runs on a static view of the input (no watermark: SQL has none). */
const SQL_QUERIES = {
  activity_count: (p: LogicalPlan) => activityCountQuery(p).plan,
  error_count: (p: LogicalPlan) => errorCountQuery(p).plan,
  clean_activity_count: (p: LogicalPlan) => naDropCountQuery(p).plan,
  stair_activity: (p: LogicalPlan) => stairActivityQuery(p).plan,
  cube_count: (p: LogicalPlan): LogicalPlan => ({
    op: 'aggregate',
    kind: 'cube',
    input: p,
    groupBy: [col('gt'), col('Model')],
    aggregates: [countAll],
  }),
} as const;

/**
 * A script that registers the input folder as the temp view `iot` and writes each
 * statement's result as JSON lines to `<out>/<name>/`.
 */
function sqlScript(input: string, out: string): string {
  const statements = Object.entries(SQL_QUERIES).map(([name, build]) => {
    const sql = toSparkSQL(build(labSource(input)));
    if (sql === null) throw new Error(`${name} has no SQL form`);
    return [name, sql];
  });
  return [
    'import json, os',
    'from pyspark.sql import SparkSession',
    'spark = SparkSession.builder.getOrCreate()',
    `spark.read.schema(${JSON.stringify(labSchema().toDDL())}).json(${JSON.stringify(input)}).createOrReplaceTempView("iot")`,
    `for name, sql in json.loads(${JSON.stringify(JSON.stringify(statements))}):`,
    `    spark.sql(sql).write.mode("overwrite").json(os.path.join(${JSON.stringify(out)}, name))`,
    '',
  ].join('\n');
}

/** The query with its sink switched to foreachBatch into `out` and an availableNow trigger. */
function forSpark(spec: QuerySpec, out: string, checkpoint: string): QuerySpec {
  return {
    plan: spec.plan,
    sink: {
      ...spec.sink,
      format: 'foreachBatch',
      options: { path: out },
      trigger: { kind: 'availableNow' },
      checkpointLocation: checkpoint,
    },
  };
}

/** Rows of the JSON part files in one folder. */
function jsonRows(folder: string): OutputRow[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      readFileSync(join(folder, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    )
    .map((l) => JSON.parse(l) as OutputRow);
}

/** Rows of each micro-batch Spark wrote, in batch order. */
function batches(out: string): OutputRow[][] {
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((d) => d.startsWith('batch-'))
    .sort()
    .map((d) => jsonRows(join(out, d)));
}

describe.skipIf(process.env.TIDEMARK_SKIP_SPARK === '1')(
  'exported PySpark scripts run on Apache Spark',
  () => {
    let dir = '';
    let files: string[] = [];
    let lines: string[] = [];
    let reference: LabRow[] = [];
    let runnerExit = -1;
    let runnerLog = '';
    let results: { script: string; ok: boolean; seconds: number; error: string | null }[] = [];
    const output = (name: QueryName): OutputRow[][] => batches(join(dir, 'out', name));

    beforeAll(async () => {
      const env = spawnSync('bash', [join(root, 'scripts/spark-env.sh')], {
        cwd: root,
        encoding: 'utf8',
        timeout: SETUP_TIMEOUT_MS,
      });
      if (env.status !== 0)
        throw new Error(`scripts/spark-env.sh failed (${env.status}):\n${env.stderr}`);
      const python = env.stdout.trim().split('\n').pop() ?? '';

      dir = mkdtempSync(join(tmpdir(), 'tidemark-export-spark-'));
      // 200 ms per row: 600 rows span two minutes, so the windowed query has several windows.
      const folder = await writeSensorFolder({
        dir: join(dir, 'input'),
        files: 3,
        rowsPerFile: 200,
        seed: 20240611,
        clockStepMs: 200,
        nullFraction: 0.05,
        malformedFraction: 0.03,
      });
      files = folder.files;
      lines = files
        .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
        .filter((l) => l.trim() !== '');
      reference = referenceRowsOfFiles(files);

      const source = labSource(join(dir, 'input'), {
        maxFilesPerTrigger: '1',
        timestampUnit: 'Creation_Time:ns,Arrival_Time:ms',
      });
      mkdirSync(join(dir, 'scripts'));
      const scripts = Object.entries(QUERIES).map(([name, build]) => {
        const spec = forSpark(
          build(source),
          join(dir, 'out', name),
          join(dir, 'checkpoints', name),
        );
        const script = toPySpark(spec, {
          conf: {
            'spark.sql.ansi.enabled': 'true',
            'spark.sql.session.timeZone': 'UTC',
            'spark.sql.shuffle.partitions': '2',
          },
        });
        const path = join(dir, 'scripts', `${name}.py`);
        writeFileSync(path, script);
        return path;
      });
      scripts.push(join(dir, 'scripts', 'spark_sql.py'));
      writeFileSync(
        scripts[scripts.length - 1],
        sqlScript(join(dir, 'input'), join(dir, 'sql-out')),
      );

      const resultFile = join(dir, 'results.json');
      try {
        const { stdout } = await run(
          python,
          [join(root, 'test/spark/run-pyspark-scripts.py'), resultFile, ...scripts],
          {
            cwd: dir,
            timeout: SETUP_TIMEOUT_MS,
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        runnerExit = 0;
        runnerLog = stdout;
      } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        runnerExit = typeof err.code === 'number' ? err.code : -1;
        runnerLog = `${err.stdout ?? ''}\n${err.stderr ?? ''}`;
      }
      if (existsSync(resultFile))
        results = JSON.parse(readFileSync(resultFile, 'utf8')) as typeof results;
    }, SETUP_TIMEOUT_MS);

    afterAll(() => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('runs every exported script in one SparkSession and exits 0', () => {
      const failures = results.filter((r) => !r.ok).map((r) => `${r.script}:\n${r.error}`);
      expect(failures, runnerLog).toEqual([]);
      expect(results.map((r) => r.script).sort()).toEqual(
        [...Object.keys(QUERIES), 'spark_sql'].map((n) => `${n}.py`).sort(),
      );
      expect(runnerExit, runnerLog).toBe(0);
    });

    it('hands-on 1: the raw stream gives one row per non-blank line (PERMISSIVE mode keeps malformed lines as null rows)', () => {
      const rows = output('iot_stream').flat();
      expect(rows).toHaveLength(reference.length);
      const indexes = rows
        .map((r) => r.Index)
        .filter((v) => v !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      const expected = reference
        .map((r) => r.Index)
        .filter((v) => v !== null)
        .sort((a, b) => (a as number) - (b as number));
      expect(indexes).toEqual(expected);
    });

    it('hands-on 2: activity_count in complete mode ends with the count of every gt, null included', () => {
      const last = output('activity_count').at(-1) ?? [];
      expect(countsFromRows(last, 'gt')).toEqual(countBy(reference, (r) => r.gt));
    });

    it('hands-on 2: error is true only where device, index, model, user and gt are all null', () => {
      const last = output('error_count').at(-1) ?? [];
      const expected = countBy(
        reference,
        (r) =>
          r.Device === null &&
          r.Index === null &&
          r.Model === null &&
          r.User === null &&
          r.gt === null,
      );
      expect(countsFromRows(last, 'error')).toEqual(expected);
    });

    it('hands-on 3: na.drop("any") keeps no row, because the lab schema\'s _corrupt_reccord column is always null', () => {
      const all = output('clean_activity_count');
      expect(all.length).toBeGreaterThan(0);
      expect(all.flat()).toEqual([]);
    });

    it('hands-on 3: is_stair_activity is gt LIKE "%stairs%", selected columns take the spelling asked for, timestampUnit converts ns and ms', () => {
      const rows = output('stair_activity').flat();
      expect(rows).toHaveLength(reference.length);
      // select("model") resolves Model case-insensitively but names the output as written (Spark 4.1
      // run). Spark's JSON writer leaves null fields out, so a column shows up in some rows only.
      expect(new Set(rows.flatMap((r) => Object.keys(r)))).toEqual(
        new Set(['gt', 'model', 'arrival_time', 'creation_time', 'is_stair_activity']),
      );
      expect(countBy(rows, (r) => r.is_stair_activity)).toEqual(
        countBy(reference, (r) => (r.gt === null ? null : r.gt.includes('stairs'))),
      );

      // Spark's JSON writer prints timestamps to the millisecond: compare at that precision.
      const parsed = lines.filter(parses);
      const arrival = parsed
        .map((l) => /"Arrival_Time":(-?\d+)[,}]/.exec(l)?.[1])
        .filter((v) => v !== undefined)
        .map(Number);
      const creation = parsed
        .map((l) => /"Creation_Time":(-?\d+)[,}]/.exec(l)?.[1])
        .filter((v) => v !== undefined)
        .map((ns) => Number(BigInt(ns as string) / 1_000_000n));
      const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
      expect(
        sorted(
          rows
            .filter((r) => r.arrival_time !== undefined)
            .map((r) => Date.parse(String(r.arrival_time))),
        ),
      ).toEqual(sorted(arrival));
      expect(
        sorted(
          rows
            .filter((r) => r.creation_time !== undefined)
            .map((r) => Date.parse(String(r.creation_time))),
        ),
      ).toEqual(sorted(creation));
    });

    it('hands-on 5: 1-minute windows with a 10-second watermark, update mode, count every in-order event once', () => {
      const latest = new Map<string, number>();
      for (const batch of output('events_per_minute')) {
        for (const r of batch) {
          const w = r.window as { start: string; end: string } | undefined;
          latest.set(w === undefined ? 'null' : String(Date.parse(w.start)), Number(r.count));
        }
      }
      const expected = new Map<string, number>();
      for (const l of lines) {
        const ns = /"Creation_Time":(-?\d+)[,}]/.exec(l)?.[1];
        if (ns === undefined || !parses(l)) continue;
        const minute = String(Math.floor(Number(BigInt(ns) / 1_000_000n) / 60_000) * 60_000);
        expected.set(minute, (expected.get(minute) ?? 0) + 1);
      }
      // No 'null' key: rows without an event time fall in no window (Spark 4.1 run, TimeWindowing).
      expect(latest).toEqual(expected);
    });

    it('hands-on 4 on a stream: count(DISTINCT User) exported as approx_count_distinct, exact for a handful of users', () => {
      const last = output('distinct_users').at(-1) ?? [];
      const users = new Map<string, Set<string>>();
      for (const r of reference) {
        const k = JSON.stringify(r.gt);
        if (!users.has(k)) users.set(k, new Set());
        if (r.User !== null) users.get(k)?.add(r.User);
      }
      const expected = new Map([...users].map(([k, s]) => [k, s.size]));
      expect(countsFromRows(last, 'gt', 'count(DISTINCT User)')).toEqual(expected);
    });

    it('toSparkSQL: the lab statements give on Spark what the streaming queries gave', () => {
      const sql = (name: keyof typeof SQL_QUERIES): OutputRow[] =>
        jsonRows(join(dir, 'sql-out', name));
      expect(countsFromRows(sql('activity_count'), 'gt')).toEqual(countBy(reference, (r) => r.gt));
      expect(countsFromRows(sql('error_count'), 'error')).toEqual(
        countBy(
          reference,
          (r) =>
            r.Device === null &&
            r.Index === null &&
            r.Model === null &&
            r.User === null &&
            r.gt === null,
        ),
      );
      expect(sql('clean_activity_count')).toEqual([]);
      const stairs = sql('stair_activity');
      expect(stairs).toHaveLength(reference.length);
      expect(countBy(stairs, (r) => r.is_stair_activity)).toEqual(
        countBy(reference, (r) => (r.gt === null ? null : r.gt.includes('stairs'))),
      );
      // GROUP BY CUBE(gt, Model): the grand-total row counts every row.
      expect(Math.max(...sql('cube_count').map((r) => Number(r.count)))).toBe(reference.length);
    });
  },
);

/** A line Spark parses as a JSON object (not truncated or broken), so its fields are read. */
function parses(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}
