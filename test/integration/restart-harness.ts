/**
 * Runs one streaming query over a sequence of input files, either uninterrupted or stopped
 * and restarted on its checkpoint in between — with the last batch committed, or planned
 * and written to the sink but not committed (a crash between the sink and the commits log,
 * simulated by a sink that fails once after taking the rows, as a process dying there
 * would) — and collects what the sink received. The sink is idempotent per batch id, as
 * Spark's sinks are: a re-run batch replaces what the first attempt wrote.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type DataFrame, type StreamingQuery } from '../../engine/index';

export type Step = { readonly input?: string; readonly rows: readonly Record<string, unknown>[] };
export type Mode = 'append' | 'update' | 'complete';

export class RestartRun {
  readonly dir = mkdtempSync(join(tmpdir(), 'tidemark-restart-'));
  readonly checkpoint = join(this.dir, 'checkpoint');
  readonly spark: Session;
  /** Rows the sink holds per batch id (a re-run batch overwrites its first attempt). */
  readonly batches = new Map<number, Record<string, unknown>[]>();
  query: StreamingQuery | null = null;
  private files = 0;

  constructor(conf: Record<string, string> = {}) {
    this.spark = Session.builder().appName('restart-tests').getOrCreate();
    const defaults: Record<string, string> = {
      'spark.sql.session.timeZone': 'UTC',
      'spark.sql.streaming.noDataMicroBatches.enabled': 'true',
      'spark.sql.streaming.statefulOperator.allowMultiple': 'true',
      'spark.sql.streaming.multipleWatermarkPolicy': 'min',
      'spark.sql.streaming.stateStore.minDeltasForSnapshot': '10',
      'spark.sql.streaming.minBatchesToRetain': '100',
    };
    for (const [k, v] of Object.entries({ ...defaults, ...conf })) this.spark.conf.set(k, v);
  }

  stream(ddl: string, input = 'in'): DataFrame {
    const path = join(this.dir, input);
    mkdirSync(path, { recursive: true });
    return this.spark.readStream.schema(ddl).option('fileStableMs', '0').json(path);
  }

  /** Starts the query on the checkpoint; `failAfterSinkInBatch`: that batch's sink write fails once, after storing its rows. */
  start(df: DataFrame, mode: Mode, failAfterSinkInBatch?: number): StreamingQuery {
    let failed = false;
    this.query = df.writeStream
      .outputMode(mode)
      .option('checkpointLocation', this.checkpoint)
      .foreachBatch(async (batch, batchId) => {
        this.batches.set(batchId, await batch.collect());
        if (batchId === failAfterSinkInBatch && !failed) {
          failed = true;
          throw new Error(`simulated crash after the sink wrote batch ${batchId}`);
        }
      })
      .start();
    return this.query;
  }

  /** Writes the step's file and runs every batch it leads to. */
  async step(step: Step): Promise<void> {
    const q = this.query!;
    const input = join(this.dir, step.input ?? 'in');
    mkdirSync(input, { recursive: true });
    const name = `part-${String(this.files++).padStart(5, '0')}.json`;
    writeFileSync(join(input, `.${name}.tmp`), step.rows.map((r) => JSON.stringify(r) + '\n').join(''));
    renameSync(join(input, `.${name}.tmp`), join(input, name));
    const before = this.inputRows();
    await q.processAllAvailable();
    for (let i = 0; this.inputRows() === before && step.rows.length > 0 && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await q.processAllAvailable();
    }
  }

  private inputRows(): number {
    return this.query!.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
  }

  /**
   * Runs the steps. With `restart`, the query is stopped and started again on its checkpoint
   * before step `at`; with `crash`, step `at − 1`'s batch also fails after its sink write, so
   * the restarted query must first re-run that batch from its logged offsets and state.
   */
  async run(
    build: (run: RestartRun) => DataFrame,
    mode: Mode,
    steps: readonly Step[],
    restart?: { readonly at: number; readonly crash?: boolean },
  ): Promise<void> {
    for (let i = 0; i < steps.length; i++) {
      if (restart?.crash === true && i === restart.at - 1) {
        await this.query?.stop();
        this.start(build(this), mode, Math.max(-1, ...this.batches.keys()) + 1);
        await this.step(steps[i]).catch(() => undefined);
        await this.query!.awaitTermination().catch(() => undefined);
        if (this.query!.exception() === null) throw new Error('the simulated crash did not happen');
        this.query = null;
        continue;
      }
      if (restart !== undefined && i === restart.at) {
        await this.query?.stop();
        this.query = null;
      }
      if (this.query === null) {
        this.start(build(this), mode);
        // A restarted query re-runs an uncommitted batch before it looks for new data.
        await this.query!.processAllAvailable();
      }
      await this.step(steps[i]);
    }
  }

  /** Every row the sink holds, in batch order (append/update). */
  allRows(): Record<string, unknown>[] {
    return [...this.batches.entries()].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows);
  }

  /** The rows of the newest batch that wrote any (complete mode's result table). */
  lastResult(): Record<string, unknown>[] {
    const ids = [...this.batches.keys()].sort((a, b) => a - b);
    return this.batches.get(ids[ids.length - 1]) ?? [];
  }

  async close(): Promise<void> {
    await this.query?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function sortRows<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
