/**
 * The process the crash campaign kills: `node --import tsx test/faults/crash-worker.ts
 * '<config json>'`. It runs one crash query with its checkpoint, either
 *
 * - `continuous`: the default trigger, announcing phases (phase-probe.ts) until it is
 *   killed; if the query stops on its own, that is a failure: the error goes to stderr and
 *   the exit code is 1;
 * - `availableNow`: processes everything in the folder, prints `@done` and exits 0.
 */
import { installPhaseProbe } from './phase-probe';
import { DONE_LINE, type WorkerConfig } from './worker-config';

async function main(cfg: WorkerConfig): Promise<number> {
  if (cfg.probe !== undefined) installPhaseProbe({ ...cfg, ...cfg.probe });
  const { Session } = await import('../../engine/index');
  const { crashQuery } = await import('./crash-queries');
  const session = Session.builder().appName(`crash-worker-${cfg.query}`).getOrCreate();
  let writer = crashQuery(session, cfg.query, cfg);
  if (cfg.trigger === 'availableNow') writer = writer.trigger({ availableNow: true });
  const query = writer.start();
  await query.awaitTermination().catch(() => undefined);
  const failure = query.exception();
  if (failure !== null) {
    process.stderr.write(`${failure.stack ?? failure.message}\n`);
    return 1;
  }
  if (cfg.trigger === 'continuous') {
    process.stderr.write('the query stopped without an error, but nothing stopped it\n');
    return 1;
  }
  process.stdout.write(`${DONE_LINE}\n`);
  return 0;
}

main(JSON.parse(process.argv[2] ?? '{}') as WorkerConfig).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
