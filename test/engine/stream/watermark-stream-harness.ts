/**
 * A StreamTest-like harness over Tidemark's real file source, for transcribing Spark's
 * streaming suites: `addData` writes one JSON-lines file (Spark's AddData on a
 * MemoryStream), `processAllAvailable` runs every batch it leads to (no-data batches
 * included), and the rows each batch handed to the sink are kept per batch (foreachBatch),
 * so a test can check what one step emitted, as CheckNewAnswer does.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type DataFrame, type StreamingQuery } from '../../../engine/index';
import type { StreamingQueryProgress } from '../../../engine/stream/progress';

export interface EmittedBatch {
  readonly batchId: number;
  readonly rows: Record<string, unknown>[];
}

export class StreamHarness {
  readonly dir: string;
  readonly spark: Session;
  query: StreamingQuery | null = null;
  readonly batches: EmittedBatch[] = [];
  private files = 0;
  private seen = 0;

  constructor(conf: Record<string, string> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'tidemark-wm-'));
    this.spark = Session.builder().appName('watermark-tests').getOrCreate();
    // getOrCreate() hands every test the same session: start each from Spark's defaults.
    const defaults: Record<string, string> = {
      'spark.sql.session.timeZone': 'UTC',
      'spark.sql.streaming.noDataMicroBatches.enabled': 'true',
      'spark.sql.streaming.statefulOperator.allowMultiple': 'true',
      'spark.sql.streaming.multipleWatermarkPolicy': 'min',
      'spark.tidemark.sparkCompatible': 'false',
    };
    for (const [k, v] of Object.entries({ ...defaults, ...conf })) this.spark.conf.set(k, v);
  }

  /** A stream over the folder (or its sub-folder `input`); `ddl` is the schema of the JSON lines. */
  stream(ddl: string, input = ''): DataFrame {
    const path = join(this.dir, input);
    mkdirSync(path, { recursive: true });
    return this.spark.readStream.schema(ddl).option('fileStableMs', '0').json(path);
  }

  start(df: DataFrame, mode: 'append' | 'update' | 'complete'): StreamingQuery {
    this.query = df.writeStream
      .outputMode(mode)
      .foreachBatch(async (batch, batchId) => {
        this.batches.push({ batchId, rows: await batch.collect() });
      })
      .start();
    return this.query;
  }

  /** Writes one file of rows (one JSON object per line), atomically, into the folder or sub-folder `input`. */
  addData(rows: readonly Record<string, unknown>[], input = ''): void {
    const name = `part-${String(this.files++).padStart(5, '0')}.json`;
    const tmp = join(this.dir, input, `.${name}.tmp`);
    writeFileSync(tmp, rows.map((r) => JSON.stringify(r) + '\n').join(''));
    renameSync(tmp, join(this.dir, input, name));
  }

  /** Adds the rows (if any), runs to quiescence and returns the rows emitted meanwhile. */
  async step(rows?: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const before = this.batches.length;
    if (rows !== undefined) this.addData(rows);
    await this.query!.processAllAvailable();
    // A trigger already listing the folder when the file landed can end the wait before the
    // file is read; wait again until a batch took it.
    for (let i = 0; rows !== undefined && this.batches.length === before && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await this.query!.processAllAvailable();
    }
    const fresh = this.batches.slice(this.seen);
    this.seen = this.batches.length;
    return fresh.flatMap((b) => b.rows);
  }

  private checkedProgress = 0;

  /**
   * StateStoreMetricsTest.assertNumStateRows: numRowsTotal of the last progress, numRowsUpdated
   * and numRowsDroppedByWatermark summed over the progress since the previous check.
   */
  stateRows(operator = 0): { total: number; updated: number; dropped: number } {
    const all = this.progress.filter((p) => p.stateOperators.length > operator);
    const fresh = all.slice(this.checkedProgress);
    this.checkedProgress = all.length;
    const op = (p: StreamingQueryProgress) => p.stateOperators[operator];
    return {
      total: op(all[all.length - 1]).numRowsTotal,
      updated: fresh.reduce((n, p) => n + op(p).numRowsUpdated, 0),
      dropped: fresh.reduce((n, p) => n + op(p).numRowsDroppedByWatermark, 0),
    };
  }

  get progress(): StreamingQueryProgress[] {
    return this.query!.recentProgress;
  }

  get lastProgress(): StreamingQueryProgress {
    return this.query!.lastProgress!;
  }

  async close(): Promise<void> {
    await this.query?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `window.start` in seconds, for rows of a windowed aggregate. */
export function windowSeconds(row: Record<string, unknown>, column = 'window'): number {
  return Number((row[column] as { start: unknown }).start) / 1e6;
}

/** Sorts rows by their JSON text (Spark's checkAnswer ignores order). */
export function sortRows<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
