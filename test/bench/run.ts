/**
 * `npm run bench` (issue 8, item 1): Tidemark side by side with what a user would use
 * instead, in one run on the same simulator files. Never part of `npm test`: speed targets
 * live here as PASS/MISS against the item-2 targets, never as test assertions.
 *
 *  - throughput (Trigger.AvailableNow; a warm-up, then the median of BENCH_RUNS runs): the
 *    activity count, the per-user 30 s window count with a 1 min watermark, filter +
 *    projection — on Tidemark, on a plain JSON.parse loop doing the same work, on Spark
 *    local[2] (the exported PySpark scripts), and the activity count with
 *    spark.tidemark.source.parseThreads=1 for the both-cores ratio;
 *  - latency from a file appearing to its rows in a memory table (file-latency.ts);
 *  - memory over the BENCH_MEMORY_ROWS windowed run with and without watermark, each in a
 *    child process (memory-runs.ts), and the same on Spark;
 *  - renderer long tasks during a catch-up shown live in browser mode (renderer-long-tasks.ts).
 * Prints a table per part and the ratio table, and writes bench-results/bench-<iso>.json.
 * Knobs: config.ts (BENCH_ONLY, BENCH_ROWS, BENCH_RUNS, BENCH_MEMORY_ROWS, BENCH_SPARK, …).
 */
import { BenchWorkspace, type BenchFolder } from './bench-data';
import { benchConfig, runsPart } from './config';
import { measure, type Measurement } from './measure';
import { memoryRuns, type MemoryRun } from './memory-runs';
import { nodeLoop } from './node-loop-peers';
import { fileLatency, rendererLongTasks } from './optional-parts';
import { QUERY_TITLES, type ThroughputQuery } from './queries';
import {
  latencyTable,
  machineFacts,
  memoryTable,
  ratios,
  ratioTable,
  rendererTable,
  throughputTable,
  writeResults,
  type BenchResults,
} from './report';
import { findSparkPython, runSpark, type SparkMemoryRun, type SparkResults } from './spark-peer';
import { runTidemark } from './tidemark-throughput';

const QUERIES: readonly ThroughputQuery[] = ['activityCount', 'windowCount', 'filterProject'];
/** 10 events/s per folder: 10M events span ~11.6 days, so the windows keep moving on. */
const MEMORY_CLOCK_STEP_MS = 100;

async function tidemarkThroughput(
  folder: BenchFolder,
  workspace: BenchWorkspace,
  runs: number,
): Promise<Measurement[]> {
  const out: Measurement[] = [];
  const clear = (): void => workspace.clearRuns();
  for (const q of QUERIES) {
    out.push(
      await measure(
        q,
        QUERY_TITLES[q],
        'node-loop',
        folder,
        runs,
        async () => nodeLoop(q, folder.files, workspace.fresh(`${q}-loop`)),
        clear,
      ),
    );
    out.push(
      await measure(
        q,
        QUERY_TITLES[q],
        'tidemark',
        folder,
        runs,
        () => runTidemark(q, folder, workspace),
        clear,
      ),
    );
  }
  out.push(
    await measure(
      'activityCount-1thread',
      `${QUERY_TITLES.activityCount}, parseThreads=1`,
      'tidemark',
      folder,
      runs,
      () => runTidemark('activityCount', folder, workspace, 1),
      clear,
    ),
  );
  return out;
}

async function main(): Promise<void> {
  const config = benchConfig();
  const machine = machineFacts();
  const workspace = new BenchWorkspace();
  const throughputPart = runsPart(config, 'throughput');
  const memoryPart = runsPart(config, 'memory');
  const tidemarkSide = (part: 'throughput' | 'memory'): boolean => config.parts.has(part);
  const sparkWanted = config.spark && (throughputPart || memoryPart || config.parts.has('latency'));
  const sparkPython = sparkWanted
    ? findSparkPython(config.spark)
    : { skipped: config.spark ? 'not needed by the parts run' : 'BENCH_SPARK=0' };
  const sparkStatus =
    'python' in sparkPython
      ? `pyspark via ${sparkPython.python}`
      : `not measured (${sparkPython.skipped})`;
  console.log(
    `bench: parts ${[...config.parts].join(', ')}; Spark: ${sparkStatus}; workspace ${workspace.root}`,
  );

  let throughput: Measurement[] = [];
  let memory: MemoryRun[] = [];
  let spark: SparkResults | null = null;
  let latency: BenchResults['latency'] = null;
  let renderer: BenchResults['renderer'] = null;
  try {
    let throughputFolder: BenchFolder | null = null;
    let memoryFolder: BenchFolder | null = null;
    if (throughputPart) {
      throughputFolder = await workspace.sensorFolder('throughput', config.rows, config.files, 10);
      if (tidemarkSide('throughput')) {
        console.log('throughput (Tidemark and the JSON.parse loop):');
        throughput = await tidemarkThroughput(throughputFolder, workspace, config.runs);
      }
    }
    if (memoryPart) {
      memoryFolder = await workspace.sensorFolder(
        'memory',
        config.memoryRows,
        config.memoryFiles,
        MEMORY_CLOCK_STEP_MS,
      );
      if (tidemarkSide('memory')) {
        console.log('memory (Tidemark, one child process per run):');
        memory = await memoryRuns(memoryFolder, workspace, config.runs);
      }
    }
    if (
      'python' in sparkPython &&
      (throughputFolder !== null || (memoryFolder !== null && config.sparkMemory))
    ) {
      console.log('Spark local[2] (exported PySpark scripts, one SparkSession):');
      if (memoryFolder !== null && config.sparkMemory)
        console.log(
          '  (its memory runs take minutes per million rows on 2 busy cores; BENCH_SPARK_MEMORY=0 skips them)',
        );
      spark = await runSpark(
        sparkPython.python,
        workspace,
        throughputFolder === null
          ? null
          : { folder: throughputFolder, queries: QUERIES, runs: config.runs },
        memoryFolder === null || !config.sparkMemory ? null : { folder: memoryFolder },
      );
      throughput.push(...spark.throughput);
      for (const e of spark.errors) console.log(`  Spark error: ${e}`);
      for (const n of spark.notes) console.log(`  Spark note: ${n}`);
    }
    workspace.clearRuns();
    if (config.parts.has('latency')) {
      console.log(`latency (10 files/s of 1,000 rows for ${config.latencySeconds} s):`);
      latency = await fileLatency({
        filesPerSecond: 10,
        rowsPerFile: 1000,
        seconds: config.latencySeconds,
        ...('python' in sparkPython ? { sparkPython: sparkPython.python } : {}),
      });
    }
    if (config.parts.has('renderer')) {
      console.log(
        `renderer (browser mode, ${config.rows.toLocaleString()}-row catch-up shown live):`,
      );
      renderer = await rendererLongTasks({ rows: config.rows, files: config.files });
    }
  } finally {
    workspace.remove();
  }

  const sparkMemory: SparkMemoryRun[] = spark?.memory ?? [];
  const results: BenchResults = {
    machine,
    config: { ...config, parts: [...config.parts] },
    throughput,
    spark: {
      status: spark === null ? sparkStatus : `pyspark ${spark.sparkVersion} local[2]`,
      ...(spark !== null
        ? { version: spark.sparkVersion, sessionStartSeconds: spark.sessionStartSeconds }
        : {}),
      errors: spark?.errors ?? [],
      notes: spark?.notes ?? [],
    },
    memory,
    sparkMemory,
    latency,
    renderer,
  };
  const rs = ratios(results);
  const print = (lines: string[]): void => console.log(['', ...lines].join('\n'));
  print([
    `machine: ${machine.cpus} × ${machine.model}, node ${machine.node}, commit ${machine.commit}, ` +
      `${machine.freeMemoryMb} MB free of ${machine.totalMemoryMb}, load ${machine.loadAverage1m}; ` +
      `${config.runs} runs after 1 warm-up; Spark: ${results.spark.status}` +
      (spark !== null
        ? ` (session start-up ${spark.sessionStartSeconds.toFixed(1)} s, not counted)`
        : ''),
  ]);
  if (throughput.length > 0) print(throughputTable(throughput));
  if (memory.length > 0 || sparkMemory.length > 0) print(memoryTable(memory, sparkMemory));
  if (latency !== null) print(latencyTable(latency));
  if (renderer !== null) print(rendererTable(renderer));
  print(ratioTable(rs));
  for (const e of results.spark.errors) console.log(`Spark error: ${e}`);
  for (const n of results.spark.notes) console.log(`Spark note: ${n}`);
  console.log(`\nwritten ${writeResults(results, rs)}`);
}

await main();
