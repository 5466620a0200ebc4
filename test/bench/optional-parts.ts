/**
 * The latency and renderer parts are written by other engineers (test/bench/file-latency.ts,
 * test/bench/renderer-long-tasks.ts, contracts fixed for issue 8). They are imported
 * dynamically by URL, so the bench runs — reporting "not measured" — while a module is
 * missing or lacks the function, and tsc does not need them to exist.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LatencyFigures {
  readonly files: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LatencyResult {
  readonly tidemark: LatencyFigures;
  readonly spark?: LatencyFigures;
}

export interface LongTaskResult {
  readonly longestTaskMs: number;
  readonly tasksOver50Ms: number;
  readonly longTasks: number;
  readonly seconds: number;
  readonly rowsShown: number;
}

type MeasureFileLatency = (opts: {
  filesPerSecond: number;
  rowsPerFile: number;
  seconds: number;
  sparkPython?: string;
}) => Promise<LatencyResult>;

type MeasureRendererLongTasks = (opts: { rows: number; files: number }) => Promise<LongTaskResult>;

export type Optional<T> = { ok: true; value: T } | { ok: false; reason: string };

async function loadFunction<F>(file: string, name: string): Promise<Optional<F>> {
  const url = new URL(file, import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    return { ok: false, reason: `not measured: test/bench/${file} does not exist yet` };
  const mod = (await import(url.href)) as Record<string, unknown>;
  const fn = mod[name];
  if (typeof fn !== 'function')
    return { ok: false, reason: `not measured: test/bench/${file} exports no ${name}()` };
  return { ok: true, value: fn as F };
}

async function attempt<T>(run: () => Promise<T>): Promise<Optional<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, reason: `failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export async function fileLatency(
  opts: Parameters<MeasureFileLatency>[0],
): Promise<Optional<LatencyResult>> {
  const fn = await loadFunction<MeasureFileLatency>('./file-latency.ts', 'measureFileLatency');
  return fn.ok ? attempt(() => fn.value(opts)) : fn;
}

export async function rendererLongTasks(opts: {
  rows: number;
  files: number;
}): Promise<Optional<LongTaskResult>> {
  const fn = await loadFunction<MeasureRendererLongTasks>(
    './renderer-long-tasks.ts',
    'measureRendererLongTasks',
  );
  return fn.ok ? attempt(() => fn.value(opts)) : fn;
}
