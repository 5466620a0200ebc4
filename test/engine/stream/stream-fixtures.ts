/**
 * Test doubles for the micro-batch loop: a source over in-memory batches (Spark's
 * MemoryStream, offsets `{"offset": n}`), a recording sink, and small hand-built physical
 * plans (pass-through, failing, and an event-time plan with a watermark that emits rows once
 * the watermark passes them, like an append-mode aggregation).
 */
import { ColumnBatch } from '../../../engine/batch/column-batch';
import type {
  BatchContext,
  BatchResult,
  EventTimeStats,
  OutputMode,
  PhysicalPlan,
} from '../../../engine/exec/physical-plan';
import type { Sink } from '../../../engine/io/sink';
import type { Offset, Source, SourceBatch } from '../../../engine/io/source';
import { Checkpoint } from '../../../engine/stream/checkpoint';
import { StreamingQueryManager } from '../../../engine/stream/query-manager';
import type { StreamExecutionInit } from '../../../engine/stream/stream-execution';
import type { StreamingQuery } from '../../../engine/stream/streaming-query';
import type { TriggerSpec } from '../../../engine/plan/logical-plan';
import { parseDDL } from '../../../engine/types/ddl';
import type { StructType } from '../../../engine/types/struct-type';

export const valueSchema: StructType = parseDDL('value INT');
export const eventSchema: StructType = parseDDL('word STRING, ts TIMESTAMP');

export class MemoryStream implements Source {
  readonly description = 'MemoryStream[value]';
  readonly commits: unknown[] = [];
  stopped = false;
  /** Rows a batch may take at most under AvailableNow (admission control), Infinity = all. */
  maxBatchesPerTrigger = Infinity;
  private readonly batches: ColumnBatch[] = [];
  private hints: (() => void)[] = [];
  private snapshot: number | null = null;
  private handedOut = -1;

  constructor(readonly schema: StructType = valueSchema) {}

  addData(rows: readonly Record<string, unknown>[]): void {
    this.batches.push(ColumnBatch.fromRows(this.schema, rows));
    for (const h of this.hints) h();
  }

  async latestOffset(): Promise<Offset | null> {
    let last = this.batches.length - 1;
    if (this.snapshot !== null) last = Math.min(last, this.snapshot);
    if (this.maxBatchesPerTrigger !== Infinity)
      last = Math.min(last, this.handedOut + this.maxBatchesPerTrigger);
    this.handedOut = Math.max(this.handedOut, last);
    return last < 0 ? null : { offset: last };
  }

  async getBatch(start: Offset | null, end: Offset): Promise<SourceBatch> {
    const from = start === null ? 0 : (start as { offset: number }).offset + 1;
    const to = (end as { offset: number }).offset;
    return {
      batch: ColumnBatch.concat(this.schema, this.batches.slice(from, to + 1)),
      files: [`batch-${from}-${to}`],
      numCorruptRecords: 0,
    };
  }

  async commit(end: Offset): Promise<void> {
    this.commits.push(end);
  }

  async prepareForAvailableNow(): Promise<void> {
    this.snapshot = this.batches.length - 1;
  }

  onDataAvailable(listener: () => void): void {
    this.hints.push(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}

/** Records every addBatch call. */
export class RecordingSink implements Sink {
  readonly description = 'RecordingSink';
  readonly calls: { batchId: number; rows: Record<string, unknown>[]; mode: OutputMode }[] = [];
  stopped = false;
  failOnBatch: number | null = null;

  async addBatch(batchId: number, batch: ColumnBatch, outputMode: OutputMode): Promise<void> {
    if (this.failOnBatch === batchId) throw new Error(`sink refused batch ${batchId}`);
    this.calls.push({ batchId, rows: batch.toRows(), mode: outputMode });
  }
  lastNumOutputRows(): number {
    return this.calls.length === 0 ? 0 : this.calls[this.calls.length - 1].rows.length;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

/** A stateless plan that hands its one source's rows to the sink. */
export function passThroughPlan(
  schema: StructType = valueSchema,
  failOnBatch: number | null = null,
): PhysicalPlan & { contexts: BatchContext[] } {
  const contexts: BatchContext[] = [];
  return {
    contexts,
    outputSchema: schema,
    sourceIds: ['s0'],
    hasWatermark: false,
    isStateful: false,
    runBatch(inputs, ctx): BatchResult {
      contexts.push(ctx);
      if (ctx.batchId === failOnBatch) throw new Error(`Division by zero in batch ${ctx.batchId}`);
      return {
        output: inputs.get('s0') ?? ColumnBatch.empty(schema),
        eventTime: [],
        stateOperators: [],
      };
    },
    needsNoDataBatch: () => false,
  };
}

/**
 * withWatermark('ts', delay) then an append-mode "aggregation" that keeps rows in state and
 * emits each once the watermark reaches its event time (eventTime <= watermark), reporting
 * Spark's stateStoreSave metrics.
 */
export function eventTimePlan(delayUs: number): PhysicalPlan & { contexts: BatchContext[] } {
  const contexts: BatchContext[] = [];
  let state: Record<string, unknown>[] = [];
  return {
    contexts,
    outputSchema: eventSchema,
    sourceIds: ['s0'],
    hasWatermark: true,
    isStateful: true,
    runBatch(inputs, ctx): BatchResult {
      contexts.push(ctx);
      const rows = inputs.get('s0')?.toRows() ?? [];
      const stats: EventTimeStats = {
        nodeIndex: 0,
        delayUs,
        max: -Infinity,
        min: Infinity,
        sum: 0,
        count: 0,
      };
      for (const r of rows) {
        const ts = r.ts as number;
        stats.max = Math.max(stats.max, ts);
        stats.min = Math.min(stats.min, ts);
        stats.sum += ts;
        stats.count++;
      }
      let dropped = 0;
      for (const r of rows) {
        if ((r.ts as number) <= ctx.watermarkUs) dropped++;
        else state.push(r);
      }
      const emit = state.filter((r) => (r.ts as number) <= ctx.watermarkUs);
      state = state.filter((r) => (r.ts as number) > ctx.watermarkUs);
      return {
        output: ColumnBatch.fromRows(eventSchema, emit),
        eventTime: [stats],
        stateOperators: [
          {
            operatorName: 'stateStoreSave',
            numRowsTotal: state.length,
            numRowsUpdated: rows.length - dropped,
            numRowsRemoved: emit.length,
            numRowsDroppedByWatermark: dropped,
            memoryUsedBytes: 100,
          },
        ],
      };
    },
    needsNoDataBatch(nextWatermarkUs: number, mode: OutputMode): boolean {
      return mode !== 'complete' && state.some((r) => (r.ts as number) <= nextWatermarkUs);
    },
  };
}

export interface TestQuery {
  query: StreamingQuery;
  manager: StreamingQueryManager;
}

let counter = 0;

/** Starts a query through a StreamingQueryManager, as DataStreamWriter.start() does. */
export function startTestQuery(opts: {
  plan: PhysicalPlan;
  source?: Source;
  sources?: { id: string; source: Source }[];
  sink: Sink;
  trigger?: TriggerSpec;
  outputMode?: OutputMode;
  checkpointLocation?: string;
  name?: string | null;
  manager?: StreamingQueryManager;
  conf?: StreamExecutionInit['conf'];
  id?: string;
}): TestQuery {
  const manager = opts.manager ?? new StreamingQueryManager({});
  const checkpoint = new Checkpoint(opts.checkpointLocation);
  const query = manager.startQuery({
    id: opts.id ?? checkpoint.queryId(),
    runId: `run-${++counter}`,
    name: opts.name ?? null,
    plan: opts.plan,
    sources: opts.sources ?? [{ id: 's0', source: opts.source ?? new MemoryStream() }],
    sink: opts.sink,
    outputMode: opts.outputMode ?? 'append',
    trigger: opts.trigger ?? { kind: 'default' },
    checkpoint,
    conf: opts.conf,
  });
  return { query, manager };
}

export const seconds = (s: number): number => s * 1_000_000;
