/**
 * runOnSpark against a real Spark Connect endpoint (`sc://host:port`): a Spark Connect server
 * from pyspark 4.1's own jars (SparkConnectServer, what sbin/start-connect-server.sh runs) is
 * started on a free port bound to 127.0.0.1, and the lab's activity count runs through a
 * plain python client with pyspark's [connect] extras (scripts/spark-env.sh --connect).
 *
 * - availableNow: every progress event comes back from the server and the client exits 0;
 * - the default trigger runs until stop(): the client stops the query ON THE SERVER before it
 *   exits (with Connect the query lives in the server and would otherwise keep running),
 *   which the server's log confirms.
 * TIDEMARK_SKIP_SPARK=1 skips it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runOnSpark } from '../../engine/export/run-on-spark';
import { SensorSimulator } from '../../engine/io/simulator/index';
import type { QuerySpec, TriggerSpec } from '../../engine/plan/logical-plan';
import { activityCountQuery, labSource } from '../engine/export/lab-queries';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const SETUP_TIMEOUT_MS = 15 * 60_000;
const RUN_TIMEOUT_MS = 120_000;
const SERVER_START_MS = 120_000;
const ROWS_PER_FILE = 40;
const FILES = 3;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

describe.skipIf(process.env.TIDEMARK_SKIP_SPARK === '1')('runOnSpark on Spark Connect', () => {
  let dir = '';
  let python = '';
  let server: ChildProcess | null = null;
  let serverLog = '';
  let endpoint = '';

  beforeAll(async () => {
    const env = spawnSync('bash', [join(root, 'scripts/spark-env.sh'), '--connect'], {
      cwd: root,
      encoding: 'utf8',
      timeout: SETUP_TIMEOUT_MS,
    });
    if (env.status !== 0)
      throw new Error(`scripts/spark-env.sh --connect failed (${env.status}):\n${env.stderr}`);
    python = env.stdout.trim().split('\n').pop() ?? '';
    dir = mkdtempSync(join(tmpdir(), 'tidemark-spark-connect-'));

    const sparkHome = spawnSync(
      python,
      ['-c', 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'],
      { encoding: 'utf8' },
    ).stdout.trim();
    const port = await freePort();
    endpoint = `sc://127.0.0.1:${port}`;
    serverLog = join(dir, 'connect-server.log');
    const log = createWriteStream(serverLog);
    server = spawn(
      join(sparkHome, 'bin', 'spark-submit'),
      [
        '--class',
        'org.apache.spark.sql.connect.service.SparkConnectServer',
        '--name',
        'Tidemark test Spark Connect server',
        '--master',
        'local[2]',
        '--conf',
        'spark.connect.grpc.binding.address=127.0.0.1',
        '--conf',
        `spark.connect.grpc.binding.port=${port}`,
        '--conf',
        'spark.ui.enabled=false',
        '--conf',
        'spark.sql.shuffle.partitions=1',
      ],
      {
        cwd: dir,
        env: { ...process.env, SPARK_HOME: sparkHome, PYSPARK_PYTHON: python },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    server.stdout?.pipe(log);
    server.stderr?.pipe(log);
    const started = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), SERVER_START_MS);
      const watch = (chunk: Buffer): void => {
        if (chunk.toString('utf8').includes('Spark Connect server started')) {
          clearTimeout(timer);
          done(true);
        }
      };
      server?.stderr?.on('data', watch);
      server?.stdout?.on('data', watch);
      server?.once('exit', () => {
        clearTimeout(timer);
        done(false);
      });
    });
    if (!started)
      throw new Error(
        `the Spark Connect server did not start:\n${readFileSync(serverLog, 'utf8').slice(-4000)}`,
      );

    const simulator = new SensorSimulator({
      dir: join(dir, 'input'),
      filesPerSecond: 1000,
      rowsPerFile: ROWS_PER_FILE,
      maxFiles: FILES,
      seed: 11,
    });
    simulator.start();
    await simulator.done();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((done) => server?.once('exit', done));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((done) => setTimeout(done, 20_000))]);
    }
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  function activityCount(trigger: TriggerSpec, name: string): QuerySpec {
    const spec = activityCountQuery(labSource(join(dir, 'input')));
    return {
      plan: spec.plan,
      sink: {
        ...spec.sink,
        queryName: name,
        trigger,
        checkpointLocation: join(dir, 'checkpoints', name),
      },
    };
  }

  it.concurrent(
    'availableNow over sc://: progress streams back from the server and the client exits 0',
    async ({ expect }) => {
      const progress: Record<string, unknown>[] = [];
      const log: string[] = [];
      const run = await runOnSpark(activityCount({ kind: 'availableNow' }, 'activity_count_once'), {
        connect: endpoint,
        python,
        onLog: (line) => log.push(line),
        onProgress: (p) => progress.push(p),
      });
      // A Connect run is a plain python client: no spark-submit, no local JVM.
      expect(run.command).toEqual([python, run.scriptPath]);
      expect(readFileSync(run.scriptPath, 'utf8')).toContain(`.remote("${endpoint}")`);
      const result = await run.done;
      expect(result, log.slice(-40).join('\n')).toEqual({ exitCode: 0, signal: null });
      const rows = progress.reduce((n, p) => n + Number(p.numInputRows), 0);
      expect(rows).toBe(FILES * ROWS_PER_FILE);
      expect(progress[0]).toMatchObject({ name: 'activity_count_once', batchId: 0 });
      // The Connect client's progress JSON has only per-source counts; runOnSpark adds the
      // query-wide ones as Spark's StreamingQueryProgress defines them.
      const sources = progress[0].sources as { numInputRows: number }[];
      expect(progress[0].numInputRows).toBe(sources.reduce((n, s) => n + s.numInputRows, 0));
    },
    RUN_TIMEOUT_MS,
  );

  it.concurrent(
    'the default trigger runs until stop(), and stop() stops the query on the server too',
    async ({ expect }) => {
      let firstProgress: () => void = () => undefined;
      const progressed = new Promise<void>((done) => (firstProgress = done));
      const log: string[] = [];
      const run = await runOnSpark(activityCount({ kind: 'default' }, 'activity_count_live'), {
        connect: endpoint,
        python,
        workDir: join(dir, 'live'),
        stopGraceMs: 30_000,
        onLog: (line) => log.push(line),
        onProgress: () => firstProgress(),
      });
      const exitedEarly = run.done.then(
        (r) => `exited before any progress: ${JSON.stringify(r)}\n${log.join('\n')}`,
      );
      expect(await Promise.race([progressed.then(() => 'progress'), exitedEarly])).toBe('progress');
      await run.stop();
      const result = await run.done;
      expect(log).toContain('Tidemark: streaming query stopped');
      // SystemExit(128 + SIGTERM) from the client's signal handler, after query.stop().
      expect(result).toEqual({ exitCode: 143, signal: null });
      // The server's StreamExecution logs the stop of the query it ran.
      await expect
        .poll(
          () =>
            /Query activity_count_live \[id = [^\]]+\] was stopped/.test(
              readFileSync(serverLog, 'utf8'),
            ),
          {
            timeout: 30_000,
          },
        )
        .toBe(true);
    },
    RUN_TIMEOUT_MS,
  );
});
