/**
 * The engine service's runs on Spark (issue 4 §2, from the app): each `runOnSpark` request
 * exports the query, launches it with engine/export's runOnSpark (spark-submit --master …, or
 * a Spark Connect client for sc://), and relays its log lines and StreamingQueryProgress
 * events as host events while keeping a bounded tail of both for `listSparkRuns`.
 *
 * Which programs run is decided by the engine's environment (SPARK_HOME, PYSPARK_PYTHON,
 * python3: engine/export/spark-discovery.ts), never by the request, so a page can choose
 * where a query runs but not what gets executed.
 */
import { discoverSpark, type SparkInstallation } from '../export/spark-discovery';
import {
  runOnSpark as launchOnSpark,
  type RunOnSparkOptions,
  type SparkRun,
} from '../export/run-on-spark';
import type { QuerySpec } from '../plan/logical-plan';
import { errorInfo } from './error-info';
import type { EngineEvent, SparkRunInfo, SparkStatus } from './protocol';

/** Log lines and progress events kept per run (the events themselves all go out live). */
const LOG_TAIL = 500;
const PROGRESS_TAIL = 100;

export interface SparkRunsOptions {
  readonly onEvent: (event: EngineEvent) => void;
  /** Where discovery and the launched process read SPARK_HOME, PYSPARK_PYTHON, PATH. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Replaced in tests; engine/export's runOnSpark otherwise. */
  readonly launch?: (spec: QuerySpec, options: RunOnSparkOptions) => Promise<SparkRun>;
  readonly discover?: typeof discoverSpark;
}

interface RunRecord {
  info: SparkRunInfo;
  readonly run: SparkRun | null;
}

export class SparkRuns {
  private readonly runs = new Map<string, RunRecord>();
  private nextFailedId = 1;

  constructor(private readonly options: SparkRunsOptions) {}

  async status(): Promise<SparkStatus> {
    const discover = this.options.discover ?? discoverSpark;
    try {
      const spark: SparkInstallation = await discover({ env: this.options.env ?? process.env });
      return {
        found: true,
        kind: spark.kind,
        version: spark.version,
        sparkHome: spark.sparkHome,
        problem: null,
      };
    } catch (e) {
      return {
        found: false,
        kind: null,
        version: null,
        sparkHome: null,
        problem: e instanceof Error ? e.message : String(e),
      };
    }
  }

  /**
   * Launches `spec` on `target`. A launch that fails (no Spark, no Connect client) is kept as
   * a `failed` run with the reason, so the app shows it where the run would have appeared.
   */
  async run(spec: QuerySpec, target: string): Promise<SparkRunInfo> {
    const isConnect = target.startsWith('sc://');
    const launch = this.options.launch ?? launchOnSpark;
    const base = {
      queryName: spec.sink.queryName ?? null,
      target,
      startedAt: new Date().toISOString(),
      logTail: [] as string[],
      progress: [] as Record<string, unknown>[],
    };
    let record: RunRecord | null = null;
    const pendingLog: string[] = [];
    const pendingProgress: Record<string, unknown>[] = [];
    let runId: string | null = null;
    let launched: SparkRun;
    try {
      launched = await launch(spec, {
        ...(isConnect ? { connect: target } : { master: target }),
        env: this.options.env ?? process.env,
        onLog: (line, stream) => {
          if (record === null || runId === null) return void pendingLog.push(line);
          this.addLog(record, line);
          this.options.onEvent({ type: 'sparkRunLog', runId, line, stream });
        },
        onProgress: (progress) => {
          if (record === null || runId === null) return void pendingProgress.push(progress);
          this.addProgress(record, progress);
          this.options.onEvent({ type: 'sparkRunProgress', runId, progress });
        },
      });
    } catch (e) {
      const info: SparkRunInfo = {
        ...base,
        runId: `failed-${this.nextFailedId++}`,
        command: [],
        sparkVersion: '',
        state: 'failed',
        exitCode: null,
        signal: null,
        error: errorInfo(e),
      };
      this.runs.set(info.runId, { info, run: null });
      this.options.onEvent({ type: 'sparkRunEnded', run: info });
      return info;
    }
    runId = launched.id;
    record = {
      info: {
        ...base,
        runId: launched.id,
        command: launched.command,
        sparkVersion: launched.spark.version,
        state: 'running',
        exitCode: null,
        signal: null,
        error: null,
      },
      run: launched,
    };
    this.runs.set(launched.id, record);
    for (const line of pendingLog) this.addLog(record, line);
    for (const progress of pendingProgress) this.addProgress(record, progress);
    const finished = record;
    void launched.done.then(
      (result) => this.ended(finished, result.exitCode, result.signal, null),
      (e: unknown) => this.ended(finished, null, null, e),
    );
    return record.info;
  }

  async stop(runId: string): Promise<SparkRunInfo> {
    const record = this.recordOf(runId);
    if (record.run !== null && record.info.state === 'running') {
      record.info = { ...record.info, state: 'stopping' };
      await record.run.stop();
      await record.run.done.catch(() => undefined);
    }
    return record.info;
  }

  list(): SparkRunInfo[] {
    return [...this.runs.values()].map((r) => r.info);
  }

  /** Stops every run still going (the engine is shutting down). */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.runs.values()]
        .filter((r) => r.run !== null && r.info.state === 'running')
        .map((r) => this.stop(r.info.runId)),
    );
  }

  private ended(
    record: RunRecord,
    exitCode: number | null,
    signal: string | null,
    failure: unknown,
  ): void {
    const stopped = record.info.state === 'stopping';
    const clean = exitCode === 0 || (stopped && failure === null);
    record.info = {
      ...record.info,
      state: clean ? 'exited' : 'failed',
      exitCode,
      signal,
      error:
        failure !== null
          ? errorInfo(failure)
          : clean
            ? null
            : {
                name: 'SparkRunFailed',
                errorClass: null,
                sqlState: null,
                message: `Spark exited with ${signal !== null ? `signal ${signal}` : `code ${exitCode}`}; see the log.`,
              },
    };
    this.options.onEvent({ type: 'sparkRunEnded', run: record.info });
  }

  private addLog(record: RunRecord, line: string): void {
    const tail = [...record.info.logTail, line];
    record.info = { ...record.info, logTail: tail.slice(-LOG_TAIL) };
  }

  private addProgress(record: RunRecord, progress: Record<string, unknown>): void {
    const tail = [...record.info.progress, progress];
    record.info = { ...record.info, progress: tail.slice(-PROGRESS_TAIL) };
  }

  private recordOf(runId: string): RunRecord {
    const record = this.runs.get(runId);
    if (record === undefined) throw new Error(`No run on Spark with id ${runId}.`);
    return record;
  }
}
