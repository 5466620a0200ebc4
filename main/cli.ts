/**
 * The `tidemark` command line. Each subcommand is one entry of COMMANDS (name → summary,
 * run), so `run`, `serve` and `export` slot in beside `simulate`. This is the only place
 * that reads argv, prints to the terminal and handles signals; the engine stays free of
 * process-wide side effects.
 *
 *   tidemark simulate --dir DIR [--rate files/s] [--rows N] [--late F] [--late-by S]
 *                     [--malformed F] [--null F] [--seed N] [--files MAX] [--no-atomic]
 *   tidemark run-on-spark --plan query.json [--master URL | --connect sc://HOST:PORT]
 *                     [--python P] [--spark-home D] [--conf key=value ...]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  runOnSpark,
  SparkConnectUnavailableError,
  type SparkRun,
} from '../engine/export/run-on-spark';
import { SparkNotFoundError } from '../engine/export/spark-discovery';
import type { QuerySpec } from '../engine/plan/logical-plan';
import { SensorSimulator, type WrittenSensorFile } from '../engine/io/simulator';

interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

class UsageError extends Error {}

const COMMANDS: Readonly<Record<string, Command>> = {
  simulate: {
    summary: 'write sensor JSON files into a folder, like the lab dataset arriving over time',
    usage:
      'tidemark simulate --dir DIR [--rate files/s] [--rows N] [--late F] [--late-by S] ' +
      '[--malformed F] [--null F] [--seed N] [--files MAX] [--no-atomic]',
    run: simulate,
  },
  'run-on-spark': {
    summary: 'run a query (QuerySpec JSON) on Apache Spark with spark-submit or Spark Connect',
    usage:
      'tidemark run-on-spark --plan query.json [--master local[*]|spark://…|yarn|k8s://…] ' +
      '[--connect sc://host:port] [--python P] [--spark-home D] [--conf key=value ...]',
    run: runOnSparkCommand,
  },
};

async function runOnSparkCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      plan: { type: 'string' },
      master: { type: 'string' },
      connect: { type: 'string' },
      python: { type: 'string' },
      'spark-home': { type: 'string' },
      conf: { type: 'string', multiple: true },
    },
  });
  if (values.plan === undefined) throw new UsageError('--plan is required');
  if (values.master !== undefined && values.connect !== undefined)
    throw new UsageError('--master and --connect cannot be used together');
  let spec: QuerySpec;
  try {
    spec = JSON.parse(readFileSync(resolve(values.plan), 'utf8')) as QuerySpec;
  } catch (e) {
    throw new UsageError(`cannot read --plan ${values.plan}: ${(e as Error).message}`);
  }
  if (typeof spec !== 'object' || spec === null || !('plan' in spec) || !('sink' in spec))
    throw new UsageError(`${values.plan} is not a QuerySpec (an object with "plan" and "sink")`);
  const conf: Record<string, string> = {};
  for (const pair of values.conf ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--conf expects key=value, got '${pair}'`);
    conf[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  let run: SparkRun;
  try {
    run = await runOnSpark(spec, {
      master: values.master,
      connect: values.connect,
      python: values.python,
      sparkHome: values['spark-home'],
      conf,
      onLog: (line) => console.error(line),
      onProgress: (p) => console.log(describeProgress(p)),
    });
  } catch (e) {
    // Nothing to run on: the message says what was looked for and how to fix it.
    if (e instanceof SparkNotFoundError || e instanceof SparkConnectUnavailableError) {
      console.error(`run-on-spark: ${e.message}`);
      return 1;
    }
    throw e;
  }
  console.log(`Running on Spark ${run.spark.version}: ${run.command.join(' ')} (Ctrl+C to stop)`);
  const onSigint = (): void => void run.stop();
  process.once('SIGINT', onSigint);
  const result = await run.done;
  process.removeListener('SIGINT', onSigint);
  console.log(
    result.signal !== null
      ? `Spark stopped (${result.signal})`
      : `Spark exited with code ${result.exitCode}`,
  );
  return result.exitCode ?? 130;
}

/** One line per StreamingQueryProgress: batch, rows read, rate and batch duration. */
function describeProgress(p: Record<string, unknown>): string {
  const durations = (p.durationMs ?? {}) as Record<string, number>;
  const rate = Number(p.processedRowsPerSecond ?? 0);
  return (
    `progress: batch ${String(p.batchId)}, ${String(p.numInputRows)} input rows, ` +
    `${rate.toFixed(1)} rows/s, ${durations.triggerExecution ?? 0} ms`
  );
}

async function simulate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      dir: { type: 'string' },
      rate: { type: 'string', default: '1' },
      rows: { type: 'string', default: '100' },
      late: { type: 'string', default: '0' },
      'late-by': { type: 'string', default: '60' },
      malformed: { type: 'string', default: '0' },
      null: { type: 'string', default: '0' },
      seed: { type: 'string', default: '42' },
      files: { type: 'string' },
      'no-atomic': { type: 'boolean', default: false },
    },
  });
  if (values.dir === undefined) throw new UsageError('--dir is required');
  const dir = resolve(values.dir);
  const maxFiles = values.files === undefined ? undefined : wholeNumber('--files', values.files);
  const simulator = new SensorSimulator({
    dir,
    filesPerSecond: positive('--rate', values.rate),
    rowsPerFile: wholeNumber('--rows', values.rows),
    lateFraction: fraction('--late', values.late),
    lateBySeconds: positive('--late-by', values['late-by']),
    malformedFraction: fraction('--malformed', values.malformed),
    nullFraction: fraction('--null', values.null),
    seed: wholeNumber('--seed', values.seed),
    maxFiles,
    atomic: !values['no-atomic'],
    onFile: (f) => console.log(describeFile(f)),
    onError: (e) => console.error(`simulate: ${e instanceof Error ? e.message : String(e)}`),
  });
  console.log(
    `Writing ${values.rows} rows per file at ${values.rate} file(s)/s into ${dir}` +
      (maxFiles === undefined ? ' (Ctrl+C to stop)' : `, ${maxFiles} file(s)`),
  );
  const onSigint = (): void => void simulator.stop();
  process.once('SIGINT', onSigint);
  if (maxFiles !== 0) {
    simulator.start();
    await simulator.done();
  }
  process.removeListener('SIGINT', onSigint);
  console.log(`Wrote ${simulator.filesWritten} file(s) into ${dir}`);
  return 0;
}

function describeFile(f: WrittenSensorFile): string {
  const late = f.records.filter((r) => r.late).length;
  const malformed = f.records.filter((r) => r.malformed !== null).length;
  return `wrote ${f.name}: ${f.records.length} rows, ${late} late, ${malformed} malformed (${f.bytes} bytes)`;
}

function numberArg(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${name} expects a number, got '${text}'`);
  return n;
}
function positive(name: string, text: string): number {
  const n = numberArg(name, text);
  if (n <= 0) throw new UsageError(`${name} must be greater than 0, got ${text}`);
  return n;
}
function wholeNumber(name: string, text: string): number {
  const n = numberArg(name, text);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${name} must be a whole number, got ${text}`);
  return n;
}
function fraction(name: string, text: string): number {
  const n = numberArg(name, text);
  if (n < 0 || n > 1) throw new UsageError(`${name} must be between 0 and 1, got ${text}`);
  return n;
}

function help(): string {
  const lines = ['Usage: tidemark <command> [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`Unknown command '${name}'.\n\n${help()}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${name}: ${(e as Error).message}\nUsage: ${command.usage}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
