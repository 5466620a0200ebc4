/**
 * `runOnSpark(spec)`: runs a Tidemark query on a real Apache Spark — the PySpark export
 * (toPySpark) submitted with `spark-submit --master <url>` (local[*], spark://, yarn,
 * k8s://), or run by python against a Spark Connect endpoint (`sc://host:port`). Log lines
 * and each StreamingQueryProgress come back through callbacks; `stop()` ends the run.
 *
 * The launcher runs in its own process group (spark-submit → JVM → python driver), so
 * stop() signals the whole group: SIGTERM first (Spark's shutdown hook stops the
 * SparkContext), SIGKILL after a grace period.
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve as resolvePath } from 'node:path';
import { IllegalArgumentException, TidemarkError } from '../errors';
import type { QuerySpec } from '../plan/logical-plan';
import { discoverSpark, type SparkInstallation } from './spark-discovery';
import { parseProgressLine, prepareRunScript } from './spark-run-script';
import { toPySpark } from './to-pyspark';

export interface RunOnSparkOptions {
  /** spark-submit's --master (default local[*]); ignored with `connect`. */
  readonly master?: string;
  /** A Spark Connect URL (sc://host:port); needs pyspark's [connect] extras in the python used. */
  readonly connect?: string;
  readonly sparkHome?: string;
  readonly python?: string;
  /** Where the script goes; default a new temp folder, removed when the run ends. */
  readonly workDir?: string;
  /** Session settings written into the script (see toPySpark's `conf`). */
  readonly conf?: Readonly<Record<string, string>>;
  /** Base environment for discovery and the launched process (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long stop() waits after SIGTERM before SIGKILL (default 10 s). */
  readonly stopGraceMs?: number;
  onLog?(line: string, stream: 'stdout' | 'stderr'): void;
  onProgress?(progress: Record<string, unknown>): void;
}

export interface SparkRunResult {
  /** The process exit code; null when it ended on a signal. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SparkRun {
  readonly id: string;
  readonly spark: SparkInstallation;
  readonly scriptPath: string;
  /** The command line that was started (program first). */
  readonly command: readonly string[];
  readonly done: Promise<SparkRunResult>;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** `pyspark[connect]` is missing from the python used for an sc:// run. */
export class SparkConnectUnavailableError extends TidemarkError {
  constructor(python: string, missing: readonly string[], version: string) {
    super(
      'SPARK_CONNECT_NOT_INSTALLED',
      `Spark Connect needs the Python packages ${missing.join(', ')}, which ${python} cannot import. ` +
        `Install them with: ${python} -m pip install "pyspark[connect]==${version}"`,
      { messageParameters: { python, missing: missing.join(', ') } },
    );
  }
}

/** Modules pyspark.sql.connect imports (pyspark's setup.py `connect` extra). */
const CONNECT_MODULES = ['pandas', 'pyarrow', 'grpc', 'grpc_status', 'google.protobuf'];

export async function runOnSpark(
  spec: QuerySpec,
  options: RunOnSparkOptions = {},
): Promise<SparkRun> {
  const env = options.env ?? process.env;
  if (options.connect !== undefined && !/^sc:\/\//.test(options.connect))
    throw new IllegalArgumentException(
      `A Spark Connect URL starts with sc://, got '${options.connect}'`,
    );
  const spark = await discoverSpark({
    sparkHome: options.sparkHome,
    python: options.python,
    env,
    requireJava: options.connect === undefined,
  });
  const id = randomUUID();
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'tidemark-spark-'));
  mkdirSync(workDir, { recursive: true });
  const scriptPath = join(workDir, `${safeName(spec.sink.queryName ?? 'query')}.py`);
  const exported = toPySpark(spec, {
    appName: spec.sink.queryName ?? `tidemark-${id.slice(0, 8)}`,
    conf: options.conf,
  });
  writeFileSync(scriptPath, prepareRunScript(exported, options.connect));

  // Absolute: spark-submit starts the driver python from the work folder, not from here.
  const python = absoluteProgram(
    spark.kind === 'pyspark' ? spark.python : (options.python ?? env.PYSPARK_PYTHON ?? 'python3'),
  );
  const childEnv: Record<string, string | undefined> = {
    ...env,
    PYTHONUNBUFFERED: '1',
    PYSPARK_PYTHON: python,
    PYSPARK_DRIVER_PYTHON: python,
  };
  let command: string[];
  if (options.connect !== undefined) {
    if (spark.kind === 'spark-submit')
      childEnv.PYTHONPATH = sparkPythonPath(spark.sparkHome, env.PYTHONPATH);
    const missing = await missingModules(python, CONNECT_MODULES, childEnv);
    if (missing.length > 0) {
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
      throw new SparkConnectUnavailableError(python, missing, spark.version);
    }
    command = [python, scriptPath];
  } else {
    command = [spark.sparkSubmit, '--master', options.master ?? 'local[*]', scriptPath];
  }

  const child = spawn(command[0], command.slice(1), {
    cwd: workDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const emit = (stream: 'stdout' | 'stderr') => (line: string) => {
    const progress = stream === 'stdout' ? parseProgressLine(line) : null;
    if (progress !== null) options.onProgress?.(progress);
    else options.onLog?.(line, stream);
  };
  const flushStdout = splitLines(child.stdout, emit('stdout'));
  const flushStderr = splitLines(child.stderr, emit('stderr'));

  let exited = false;
  const done = new Promise<SparkRunResult>((resolve, reject) => {
    child.once('error', (e) => {
      exited = true;
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
      reject(e);
    });
    child.once('close', (code, signal) => {
      exited = true;
      flushStdout();
      flushStderr();
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
      resolve({ exitCode: code, signal });
    });
  });

  const signalGroup = (signal: NodeJS.Signals): void => {
    if (exited || child.pid === undefined) return;
    try {
      if (process.platform === 'win32') child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone between the check and the signal.
    }
  };
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), options.stopGraceMs ?? 10_000);
      try {
        await done.catch(() => undefined);
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };

  return { id, spark, scriptPath, command, done, stop };
}

/** Calls `onLine` for each complete line; the returned function flushes a trailing partial line. */
function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): () => void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const text = pending + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl).replace(/\r$/, ''));
      start = nl + 1;
    }
    pending = text.slice(start);
  });
  return () => {
    if (pending !== '') onLine(pending);
    pending = '';
  };
}

/** A distribution's python/ folder and its bundled py4j zip, so a plain python can import pyspark. */
function sparkPythonPath(sparkHome: string, existing: string | undefined): string {
  const lib = join(sparkHome, 'python', 'lib');
  const py4j = existsSync(lib) ? readdirSync(lib).filter((f) => /^py4j-.*\.zip$/.test(f)) : [];
  const parts = [join(sparkHome, 'python'), ...py4j.map((f) => join(lib, f))];
  if (existing !== undefined && existing !== '') parts.push(existing);
  return parts.join(delimiter);
}

function missingModules(
  python: string,
  modules: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const probe = [
    'import importlib',
    'for name in ' + JSON.stringify(modules) + ':',
    '    try:',
    '        importlib.import_module(name)',
    '    except Exception:',
    '        print(name)',
  ].join('\n');
  return new Promise((resolve) => {
    execFile(
      python,
      ['-c', probe],
      { env: { ...env }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout) => {
        if (error !== null) return resolve([...modules]);
        resolve(
          stdout
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        );
      },
    );
  });
}

/** A path with a folder part made absolute; a bare name stays a PATH lookup. */
function absoluteProgram(program: string): string {
  return program.includes('/') || program.includes('\\') ? resolvePath(program) : program;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_') || 'query';
}
