/**
 * Fault injection for the crash worker, in the spirit of Spark's failure-injecting file
 * systems (CheckpointFileManagerSuite's CreateAtomicTestManager, RocksDBSuite's
 * FailureInjectionFileSystem): the worker's `fs/promises` calls are wrapped so that
 *
 * - every call on a path the query owns names the phase the engine is in (told by the path:
 *   a readdir of the input folder is listing, `<checkpoint>/commits/N` is the commit, …)
 *   and the phase is written to stdout synchronously *before* the call runs, so the last
 *   phase line the parent read before a SIGKILL is where the process died;
 * - calls that change or read data are held for a random 0..holdMs first, which widens
 *   each phase (e.g. between a temp file's write and its rename) so that kills the parent
 *   aims at a phase land inside it.
 *
 * No engine code knows about this; `syncBuiltinESMExports` carries the wrappers into the
 * engine's named imports from `node:fs/promises`.
 */
import { writeSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Mulberry32 } from '../../engine/io/simulator/mulberry32';

/** Where a kill can land, in the order a micro-batch passes through them. */
export const CRASH_PHASES = [
  'listing',
  'offsets',
  'reading',
  'state',
  'sink-write',
  'sink-log',
  'commit',
] as const;
export type CrashPhase = (typeof CRASH_PHASES)[number];

export const PHASE_LINE = '@phase ';

export interface ProbeConfig {
  readonly input: string;
  readonly output: string;
  readonly checkpoint: string;
  readonly holdMs: number;
  readonly seed: number;
}

/** The phase a call on `path` belongs to, or null for paths the query does not own. */
export function phaseOf(
  cfg: Pick<ProbeConfig, 'input' | 'output' | 'checkpoint'>,
  path: string,
  call: string,
): CrashPhase | null {
  const p = resolve(path);
  const under = (dir: string) => p === resolve(dir) || p.startsWith(resolve(dir) + sep);
  if (under(`${cfg.output}/_spark_metadata`)) return 'sink-log';
  if (under(cfg.output)) return 'sink-write';
  if (under(`${cfg.checkpoint}/commits`)) return 'commit';
  if (under(`${cfg.checkpoint}/offsets`)) return 'offsets';
  if (under(`${cfg.checkpoint}/state`)) return 'state';
  // The file source logs the files it takes while answering latestOffset (fetchMaxOffset).
  if (under(`${cfg.checkpoint}/sources`)) return 'listing';
  if (under(cfg.input)) return call === 'readFile' || call === 'open' ? 'reading' : 'listing';
  return null;
}

/** Calls worth holding: the ones whose interruption leaves something behind or half done. */
const HELD = new Set(['readFile', 'writeFile', 'rename', 'link', 'rm', 'unlink', 'readdir']);
const WRAPPED = [...HELD, 'stat', 'mkdir', 'open'];

export function installPhaseProbe(cfg: ProbeConfig): void {
  const fsp = createRequire(import.meta.url)('node:fs/promises') as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const random = new Mulberry32(cfg.seed);
  let last: CrashPhase | null = null;
  for (const name of WRAPPED) {
    const original = fsp[name];
    fsp[name] = async (...args: unknown[]) => {
      const path = pathArg(args[0]);
      const phase = path === null ? null : phaseOf(cfg, path, name);
      if (phase !== null) {
        if (phase !== last) writeSync(1, `${PHASE_LINE}${phase}\n`);
        last = phase;
        if (HELD.has(name) && cfg.holdMs > 0) {
          await new Promise((r) => setTimeout(r, Math.floor(random.next() * cfg.holdMs)));
        }
      }
      return original.apply(fsp, args);
    };
  }
  syncBuiltinESMExports();
}

function pathArg(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  if (arg instanceof URL) return fileURLToPath(arg);
  if (Buffer.isBuffer(arg)) return arg.toString();
  return null;
}
