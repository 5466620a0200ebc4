/**
 * The engine service's runs on Spark, with a fake launcher standing in for spark-submit (the
 * real launcher is exercised against real Spark in test/spark/run-on-spark*.test.ts): the
 * request picks only the target, logs and progress come back as events and in the run's
 * tails, stop() ends it cleanly, and a launch that cannot start is reported as a failed run.
 */
import { describe, expect, it } from 'vitest';
import { SparkNotFoundError } from '../../../engine/export/spark-discovery';
import type {
  RunOnSparkOptions,
  SparkRun,
  SparkRunResult,
} from '../../../engine/export/run-on-spark';
import type { QuerySpec } from '../../../engine/plan/logical-plan';
import { EngineService } from '../../../engine/service/engine-service';
import type { EngineEvent, SparkRunInfo } from '../../../engine/service/protocol';
import { activityCountQuery, labSource } from '../export/lab-queries';

function fakeLauncher() {
  const launches: {
    spec: QuerySpec;
    options: RunOnSparkOptions;
    finish: (r: SparkRunResult) => void;
  }[] = [];
  const launch = async (spec: QuerySpec, options: RunOnSparkOptions): Promise<SparkRun> => {
    let finish: (r: SparkRunResult) => void = () => undefined;
    const done = new Promise<SparkRunResult>((resolve) => (finish = resolve));
    launches.push({ spec, options, finish });
    options.onLog?.('Using Spark 4.1.4', 'stderr');
    return {
      id: `run-${launches.length}`,
      spark: {
        kind: 'pyspark',
        python: '/venv/bin/python',
        sparkHome: '/venv/pyspark',
        sparkSubmit: '/venv/pyspark/bin/spark-submit',
        version: '4.1.4',
      },
      scriptPath: '/tmp/x/activity_count.py',
      command: options.connect
        ? ['/venv/bin/python', '/tmp/x/activity_count.py']
        : [
            '/venv/pyspark/bin/spark-submit',
            '--master',
            options.master ?? 'local[*]',
            '/tmp/x/activity_count.py',
          ],
      done,
      stop: async () => finish({ exitCode: 143, signal: null }),
    };
  };
  return { launches, launch };
}

const spec = activityCountQuery(labSource('/data/iot'));

describe('EngineService: run on Spark', () => {
  it('launches on the requested target and relays logs, progress and the end', async () => {
    const events: EngineEvent[] = [];
    const fake = fakeLauncher();
    const service = new EngineService({
      onEvent: (e) => events.push(e),
      spark: { launch: fake.launch },
    });
    const started = await service.handle({
      id: 1,
      type: 'runOnSpark',
      spec,
      target: 'spark://master.example:7077',
    });
    expect(started.ok).toBe(true);
    const run = (started as { result: SparkRunInfo }).result;
    expect(run).toMatchObject({
      runId: 'run-1',
      state: 'running',
      target: 'spark://master.example:7077',
      sparkVersion: '4.1.4',
      queryName: 'activity_count',
    });
    expect(run.command).toContain('spark://master.example:7077');
    expect(run.logTail).toEqual(['Using Spark 4.1.4']);
    expect(fake.launches[0].options).toMatchObject({ master: 'spark://master.example:7077' });

    fake.launches[0].options.onProgress?.({ batchId: 0, numInputRows: 120 });
    fake.launches[0].options.onLog?.('batch 0 done', 'stdout');
    expect(events).toContainEqual({
      type: 'sparkRunProgress',
      runId: 'run-1',
      progress: { batchId: 0, numInputRows: 120 },
    });
    expect(events).toContainEqual({
      type: 'sparkRunLog',
      runId: 'run-1',
      line: 'batch 0 done',
      stream: 'stdout',
    });

    const stopped = await service.handle({ id: 2, type: 'stopSparkRun', runId: 'run-1' });
    expect(stopped).toMatchObject({
      ok: true,
      result: { state: 'exited', exitCode: 143, error: null },
    });
    const listed = await service.handle({ id: 3, type: 'listSparkRuns' });
    const runs = (listed as unknown as { result: SparkRunInfo[] }).result;
    expect(runs[0].progress).toEqual([{ batchId: 0, numInputRows: 120 }]);
    expect(runs[0].logTail).toEqual(['Using Spark 4.1.4', 'batch 0 done']);
    expect(events.filter((e) => e.type === 'sparkRunEnded')).toHaveLength(1);
    await service.stop();
  });

  it('uses Spark Connect for sc:// targets and reports a non-zero exit as a failure', async () => {
    const events: EngineEvent[] = [];
    const fake = fakeLauncher();
    const service = new EngineService({
      onEvent: (e) => events.push(e),
      spark: { launch: fake.launch },
    });
    await service.handle({ id: 1, type: 'runOnSpark', spec, target: 'sc://127.0.0.1:15002' });
    expect(fake.launches[0].options).toMatchObject({ connect: 'sc://127.0.0.1:15002' });
    expect(fake.launches[0].options.master).toBeUndefined();
    fake.launches[0].finish({ exitCode: 1, signal: null });
    await expect.poll(() => events.find((e) => e.type === 'sparkRunEnded')).toBeTruthy();
    const ended = events.find((e) => e.type === 'sparkRunEnded') as { run: SparkRunInfo };
    expect(ended.run).toMatchObject({ state: 'failed', exitCode: 1 });
    expect(ended.run.error?.message).toContain('code 1');
    await service.stop();
  });

  it('keeps a launch that cannot start as a failed run with the reason', async () => {
    const events: EngineEvent[] = [];
    const service = new EngineService({
      onEvent: (e) => events.push(e),
      spark: {
        launch: async () => {
          throw new SparkNotFoundError(['SPARK_HOME: not set'], 'Install pyspark.');
        },
      },
    });
    const response = await service.handle({ id: 1, type: 'runOnSpark', spec, target: 'local[2]' });
    expect(response).toMatchObject({
      ok: true,
      result: { state: 'failed', error: { errorClass: 'SPARK_NOT_FOUND' } },
    });
    await service.stop();
  });

  it('refuses targets that are not Spark master URLs or sc:// endpoints', async () => {
    const service = new EngineService({
      onEvent: () => undefined,
      spark: { launch: fakeLauncher().launch },
    });
    for (const target of ['--conf x=y', 'local[*]; rm -rf /', 'http://evil', '']) {
      const response = await service.handle({ id: 1, type: 'runOnSpark', spec, target });
      expect(response.ok, target).toBe(false);
    }
    for (const target of [
      'local',
      'local[*]',
      'local[4,2]',
      'yarn',
      'k8s://https://kube.example:6443',
      'spark://a:7077,b:7077',
      'sc://host:15002/;token=abc',
    ])
      expect((await service.handle({ id: 2, type: 'runOnSpark', spec, target })).ok, target).toBe(
        true,
      );
    await service.stop();
  });

  it('says what is missing when no Spark is found', async () => {
    const service = new EngineService({
      onEvent: () => undefined,
      spark: {
        discover: async () => {
          throw new SparkNotFoundError(
            ['SPARK_HOME: not set', 'python3: no module named pyspark'],
            'Install pyspark.',
          );
        },
      },
    });
    const response = await service.handle({ id: 1, type: 'sparkStatus' });
    expect(response).toMatchObject({ ok: true, result: { found: false } });
    expect((response as { result: { problem: string } }).result.problem).toContain(
      'no module named pyspark',
    );
    await service.stop();
  });
});
