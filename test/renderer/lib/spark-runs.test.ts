import { describe, expect, it } from 'vitest';
import type { SparkRunInfo } from '../../../engine/service/protocol';
import { applySparkEvent, LOG_LINES } from '../../../renderer/src/lib/spark-run-events';

const run = (over: Partial<SparkRunInfo> = {}): SparkRunInfo => ({
  runId: 'r1',
  queryName: 'activity_count',
  target: 'local[*]',
  command: ['spark-submit'],
  sparkVersion: '4.1.4',
  state: 'running',
  exitCode: null,
  signal: null,
  startedAt: '2026-11-24T00:00:00Z',
  logTail: [],
  progress: [],
  error: null,
  ...over,
});

describe('applySparkEvent: the page mirror of runs on Spark', () => {
  it('adds log lines and progress to their run, and an end replaces it', () => {
    let runs: readonly SparkRunInfo[] = [run(), run({ runId: 'r2' })];
    runs = applySparkEvent(runs, {
      type: 'sparkRunLog',
      runId: 'r1',
      line: 'hello',
      stream: 'stdout',
    });
    runs = applySparkEvent(runs, {
      type: 'sparkRunProgress',
      runId: 'r1',
      progress: { batchId: 0 },
    });
    expect(runs[0]).toMatchObject({ logTail: ['hello'], progress: [{ batchId: 0 }] });
    expect(runs[1]).toMatchObject({ logTail: [], progress: [] });
    runs = applySparkEvent(runs, {
      type: 'sparkRunEnded',
      run: run({ state: 'exited', exitCode: 0 }),
    });
    expect(runs.map((r) => [r.runId, r.state])).toEqual([
      ['r2', 'running'],
      ['r1', 'exited'],
    ]);
  });

  it('ignores events of unknown runs and other events, and bounds the log', () => {
    const runs: readonly SparkRunInfo[] = [run()];
    expect(
      applySparkEvent(runs, { type: 'sparkRunLog', runId: 'x', line: 'a', stream: 'stderr' }),
    ).toBe(runs);
    expect(applySparkEvent(runs, { type: 'queryTerminated', queryId: 'q', error: null })).toBe(
      runs,
    );
    let long = runs;
    for (let i = 0; i < LOG_LINES + 5; i++)
      long = applySparkEvent(long, {
        type: 'sparkRunLog',
        runId: 'r1',
        line: String(i),
        stream: 'stdout',
      });
    expect(long[0].logTail).toHaveLength(LOG_LINES);
    expect(long[0].logTail.at(-1)).toBe(String(LOG_LINES + 4));
  });
});
