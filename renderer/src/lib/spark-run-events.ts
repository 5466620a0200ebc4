/**
 * How the list of runs on Spark changes with each host event (pure, so it is tested without
 * Svelte): log lines and progress join their run's tails, an end replaces the run.
 */
import type { EngineEvent, SparkRunInfo } from '../../../engine/service/protocol';

/** Log lines and progress events kept per run in the page (the engine keeps its own tail). */
export const LOG_LINES = 500;
export const PROGRESS_EVENTS = 100;

/** `runs` after `event`; the same array when the event is about something else. */
export function applySparkEvent(
  runs: readonly SparkRunInfo[],
  event: EngineEvent,
): readonly SparkRunInfo[] {
  switch (event.type) {
    case 'sparkRunLog':
      return patch(runs, event.runId, (r) => ({
        ...r,
        logTail: [...r.logTail, event.line].slice(-LOG_LINES),
      }));
    case 'sparkRunProgress':
      return patch(runs, event.runId, (r) => ({
        ...r,
        progress: [...r.progress, event.progress].slice(-PROGRESS_EVENTS),
      }));
    case 'sparkRunEnded':
      return upsertRun(runs, event.run);
    default:
      return runs;
  }
}

/** `runs` with `run` replacing the run of the same id, or added last. */
export function upsertRun(
  runs: readonly SparkRunInfo[],
  run: SparkRunInfo,
): readonly SparkRunInfo[] {
  return [...runs.filter((r) => r.runId !== run.runId), run];
}

function patch(
  runs: readonly SparkRunInfo[],
  runId: string,
  change: (run: SparkRunInfo) => SparkRunInfo,
): readonly SparkRunInfo[] {
  return runs.some((r) => r.runId === runId)
    ? runs.map((r) => (r.runId === runId ? change(r) : r))
    : runs;
}
