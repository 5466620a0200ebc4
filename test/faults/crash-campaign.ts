/**
 * A crash campaign: one query run in a child process over a folder the sensor simulator
 * keeps feeding, killed with SIGKILL `kills` times and restarted from its checkpoint each
 * time, then run to the end (availableNow). Its committed output, read with `session.read`
 * through the sink log, must equal the output of one uninterrupted run over the same files,
 * which must in turn equal the query's reference output (crash-queries.ts).
 *
 * Kills are aimed: each cycle draws a phase (listing, offsets, reading, state, sink write,
 * sink log, commit — among those seen so far, so a query that writes no state is not waited
 * on), which of its next occurrences to hit and a delay inside it; the probe's holds make
 * the delay land in the phase. The phase each kill actually landed in is the child's last
 * announced one. Everything drawn comes from one seeded PRNG, so a seed names a campaign;
 * only the operating system's timing of each kill varies from run to run.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../../engine/index';
import { FileStreamSinkLog } from '../../engine/io/sinks/file-sink-log';
import { Mulberry32, SensorSimulator, type SensorRecord } from '../../engine/io/simulator/index';
import { canonicalRow, compareOutput, type OutputComparison } from './compare-output';
import {
  CRASH_INPUT,
  outputSchema,
  referenceKeys,
  rowKey,
  type CrashQueryName,
  type QueryPaths,
} from './crash-queries';
import { CRASH_PHASES, type CrashPhase } from './phase-probe';
import type { WorkerConfig } from './worker-config';
import { WorkerProcess } from './worker-process';

export interface CampaignOptions {
  readonly query: CrashQueryName;
  readonly kills: number;
  readonly seed: number;
  /** Longest hold of a probed file call in the child, ms (widens the phases). */
  readonly holdMs?: number;
  /** Progress lines (one per kill). */
  readonly log?: (line: string) => void;
}

export interface CampaignSummary extends OutputComparison {
  readonly query: CrashQueryName;
  readonly seed: number;
  readonly kills: number;
  /** Every start after the first: one per kill, plus the final run to completion. */
  readonly restarts: number;
  readonly killsByPhase: Readonly<Record<string, number>>;
  readonly filesFed: number;
  /** The uninterrupted run against the reference output: must be clean too. */
  readonly uninterrupted: OutputComparison;
  /** Part files in the crash run's folder that its sink log does not name (should be none). */
  readonly uncommittedFilesLeft: number;
}

/** Phases always worth aiming at; others (state) once the query has shown it has them. */
const BASE_TARGETS: readonly CrashPhase[] = [
  'listing',
  'offsets',
  'reading',
  'sink-write',
  'sink-log',
  'commit',
];
/** A cycle whose target does not come feeds a file this often, and gives up after MAX_IDLE_FEEDS. */
const IDLE_FEED_MS = 1000;
const MAX_IDLE_FEEDS = 5;
const RUN_TO_COMPLETION_LIMIT_MS = 60_000;

export async function runCrashCampaign(options: CampaignOptions): Promise<CampaignSummary> {
  const root = mkdtempSync(join(tmpdir(), `tidemark-crash-${options.query}-`));
  try {
    return await campaign(root, options);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function campaign(root: string, options: CampaignOptions): Promise<CampaignSummary> {
  const { query, kills, seed } = options;
  const holdMs = options.holdMs ?? 25;
  const input = join(root, 'input');
  mkdirSync(input);
  const crashed: QueryPaths = {
    input,
    output: join(root, 'crashed/out'),
    checkpoint: join(root, 'crashed/checkpoint'),
  };
  const clean: QueryPaths = {
    input,
    output: join(root, 'clean/out'),
    checkpoint: join(root, 'clean/checkpoint'),
  };
  const random = new Mulberry32(seed);
  const records: SensorRecord[] = [];
  const simulator = new SensorSimulator({ ...CRASH_INPUT, dir: input, seed });
  const feed = async (): Promise<void> => {
    records.push(...(await simulator.writeFile()).records);
  };

  const seenPhases = new Set<CrashPhase>(BASE_TARGETS);
  const killsByPhase: Record<string, number> = {};
  await feed();
  for (let k = 0; k < kills; k++) {
    const plan = {
      target: random.pick([...CRASH_PHASES].filter((p) => seenPhases.has(p))),
      occurrence: 1 + random.int(2),
      delayMs: random.int(holdMs + 1),
      filesBefore: random.int(3),
      probeSeed: random.int(2 ** 31),
    };
    for (let f = 0; f < plan.filesBefore; f++) await feed();
    const worker = new WorkerProcess({
      query,
      ...crashed,
      trigger: 'continuous',
      probe: { holdMs, seed: plan.probeSeed },
    });
    const landed = await killDuring(worker, plan, feed, seenPhases);
    killsByPhase[landed] = (killsByPhase[landed] ?? 0) + 1;
    options.log?.(`kill ${k + 1}/${kills}: aimed at ${plan.target}, landed in ${landed}`);
  }

  // One more file, so the final run writes a batch and its sink clears what the last kill left.
  await feed();
  await runToCompletion({ query, ...crashed, trigger: 'availableNow' });
  await runToCompletion({ query, ...clean, trigger: 'availableNow' });
  const session = Session.builder().appName('crash-campaign').getOrCreate();
  const read = async (dir: string) =>
    (await session.read.schema(outputSchema(query)).json(dir).collect()) as Record<
      string,
      unknown
    >[];
  const crashedRows = await read(crashed.output);
  const cleanRows = await read(clean.output);

  return {
    query,
    seed,
    kills,
    restarts: kills + 1,
    killsByPhase,
    filesFed: simulator.filesWritten,
    ...compareOutput(cleanRows.map(canonicalRow), crashedRows.map(canonicalRow)),
    uninterrupted: compareOutput(
      referenceKeys(query, records),
      cleanRows.map((r) => rowKey(query, r)),
    ),
    uncommittedFilesLeft: await uncommittedPartFiles(crashed.output),
  };
}

/** Waits for the planned phase occurrence, kills after the planned delay; returns where the child died. */
function killDuring(
  worker: WorkerProcess,
  plan: { target: CrashPhase; occurrence: number; delayMs: number },
  feed: () => Promise<void>,
  seenPhases: Set<CrashPhase>,
): Promise<CrashPhase | 'startup'> {
  let hits = 0;
  let killing = false;
  let idleFeeds = 0;
  let feedError: unknown = null;
  const kill = (afterMs: number) => {
    if (killing) return;
    killing = true;
    clearInterval(idle);
    setTimeout(() => worker.kill(), afterMs);
  };
  worker.onPhase((phase) => {
    seenPhases.add(phase);
    if (phase === plan.target && ++hits === plan.occurrence) kill(plan.delayMs);
  });
  // The target may need input the child has already drained: keep the folder fed.
  const idle = setInterval(() => {
    if (++idleFeeds > MAX_IDLE_FEEDS) kill(0);
    else feed().catch((e: unknown) => (feedError ??= e));
  }, IDLE_FEED_MS);
  return worker.ended
    .finally(() => clearInterval(idle))
    .then((end) => {
      if (feedError !== null) throw feedError;
      if (!killing || end.signal !== 'SIGKILL') {
        throw new Error(
          `the crash worker exited by itself (code ${end.code}, signal ${end.signal}):\n${end.stderr}`,
        );
      }
      return end.lastPhase ?? 'startup';
    });
}

async function runToCompletion(cfg: WorkerConfig): Promise<void> {
  const worker = new WorkerProcess(cfg);
  // A run that never ends must not outlive the campaign as an orphan process.
  const guard = setTimeout(() => worker.kill(), RUN_TO_COMPLETION_LIMIT_MS);
  const end = await worker.ended.finally(() => clearTimeout(guard));
  if (end.code !== 0 || !end.done) {
    throw new Error(
      `the ${cfg.trigger} run failed (code ${end.code}, signal ${end.signal}):\n${end.stderr}`,
    );
  }
}

/** Part files the sink log does not name: what a reader ignoring the log would see twice. */
async function uncommittedPartFiles(dir: string): Promise<number> {
  const logged = await new FileStreamSinkLog(join(dir, '_spark_metadata')).allFiles();
  const names = new Set(logged.map((f) => basename(fileURLToPath(f.path))));
  return readdirSync(dir).filter((n) => n.startsWith('part-') && !names.has(n)).length;
}

/** One line for people and CI logs. */
export function formatSummary(s: CampaignSummary): string {
  const phases = Object.entries(s.killsByPhase)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
  return (
    `crash campaign ${s.query} seed=${s.seed}: kills ${s.kills} (${phases}), restarts ${s.restarts}, ` +
    `files ${s.filesFed}, rows expected ${s.rowsExpected}, rows found ${s.rowsFound}, ` +
    `duplicates ${s.duplicates}, missing ${s.missing}, unexpected ${s.unexpected}, ` +
    `uncommitted files left ${s.uncommittedFilesLeft}`
  );
}
