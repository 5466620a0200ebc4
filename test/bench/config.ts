/**
 * The bench's knobs, read once from the environment (README "Benchmarks"):
 *  - BENCH_ONLY=throughput|latency|memory|renderer|spark (comma-separated) selects parts;
 *    `spark` alone runs the Spark peer of the throughput and memory parts only.
 *  - BENCH_ROWS (1M), BENCH_FILES (20), BENCH_RUNS (5): the throughput folder and timed runs.
 *  - BENCH_MEMORY_ROWS (10M), BENCH_MEMORY_FILES (100): the memory folder.
 *  - BENCH_LATENCY_SECONDS (30): how long files arrive for the latency part.
 *  - BENCH_SPARK=0 skips Spark; BENCH_SPARK_MEMORY=0 skips only Spark's memory run.
 *  - BENCH_MEMORY_PARSE_THREADS sets spark.tidemark.source.parseThreads in the memory runs
 *    (read by memory-child.ts; unset: the engine's default).
 */
export type BenchPart = 'throughput' | 'latency' | 'memory' | 'renderer' | 'spark';

const PARTS: readonly BenchPart[] = ['throughput', 'latency', 'memory', 'renderer', 'spark'];

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name}=${raw}: expected a positive number (default ${fallback})`);
  return Math.floor(n);
}

function parts(): ReadonlySet<BenchPart> {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw.trim() === '') return new Set(PARTS);
  const chosen = raw.split(',').map((s) => s.trim().toLowerCase());
  for (const p of chosen)
    if (!(PARTS as readonly string[]).includes(p))
      throw new Error(`BENCH_ONLY=${raw}: '${p}' is not one of ${PARTS.join(', ')}`);
  return new Set(chosen as BenchPart[]);
}

export interface BenchConfig {
  readonly parts: ReadonlySet<BenchPart>;
  readonly rows: number;
  readonly files: number;
  readonly runs: number;
  readonly memoryRows: number;
  readonly memoryFiles: number;
  readonly latencySeconds: number;
  readonly spark: boolean;
  readonly sparkMemory: boolean;
}

export function benchConfig(): BenchConfig {
  const runs = positive('BENCH_RUNS', 5);
  return {
    parts: parts(),
    rows: positive('BENCH_ROWS', 1_000_000),
    files: positive('BENCH_FILES', 20),
    runs,
    memoryRows: positive('BENCH_MEMORY_ROWS', 10_000_000),
    memoryFiles: positive('BENCH_MEMORY_FILES', 100),
    latencySeconds: positive('BENCH_LATENCY_SECONDS', 30),
    spark: process.env.BENCH_SPARK !== '0',
    sparkMemory: process.env.BENCH_SPARK_MEMORY !== '0',
  };
}

/** True when the part runs: `spark` alone means "the Spark peers of throughput and memory". */
export function runsPart(config: BenchConfig, part: BenchPart): boolean {
  if (config.parts.has(part)) return true;
  const sparkOnly = config.parts.size === 1 && config.parts.has('spark');
  return sparkOnly && (part === 'throughput' || part === 'memory');
}
