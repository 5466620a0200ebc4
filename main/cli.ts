/**
 * The `tidemark` command line. Each subcommand is one entry of COMMANDS (name → summary,
 * run), so `run`, `serve` and `export` slot in beside `simulate`. This is the only place
 * that reads argv, prints to the terminal and handles signals; the engine stays free of
 * process-wide side effects.
 *
 *   tidemark simulate --dir DIR [--rate files/s] [--rows N] [--late F] [--late-by S]
 *                     [--malformed F] [--null F] [--seed N] [--files MAX] [--no-atomic]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
};

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
