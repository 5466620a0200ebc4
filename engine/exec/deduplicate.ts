/**
 * Streaming deduplication: distinct(), dropDuplicates(cols) (StreamingDeduplicateExec) and
 * dropDuplicatesWithinWatermark(cols) (StreamingDeduplicateWithinWatermarkExec).
 *
 * Per batch: rows whose event time (the watermarked column, wherever it is in the row) is
 * <= the watermark for late events are dropped and counted in numRowsDroppedByWatermark;
 * of the rest, the first row of each key not in state is emitted (input order) and its key
 * stored; later duplicates are dropped (numDroppedDuplicateRows). Then keys expire:
 * - dropDuplicates with the event-time column among the keys: a key whose event time is
 *   <= the eviction watermark is removed; without it in the keys the state is kept
 *   forever (SPARK-21546);
 * - dropDuplicatesWithinWatermark: a key is kept until eventTime + delay of its first row
 *   and removed once the eviction watermark reaches that time.
 * State: one entry per live key (its expiry time as the value); expiring keys are indexed
 * by expiry (EvictionIndex). Cost: key hashing per row (GroupKeyEncoder), one state lookup
 * per distinct key of the batch, eviction proportional to the keys that expire.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { Float64Vector } from '../batch/vector';
import { valueAt } from '../batch/values';
import type { StructType } from '../types/struct-type';
import { GroupKeyEncoder } from './aggregate/group-keys';
import { encodeStateKey } from './aggregate/state-key';
import { DROPPED, LATE_ACCEPTED, LateDataRecorder, NO_EVENT_TIME, ON_TIME, WindowSummaryBuilder, type OperatorLateData } from './late-data-recorder';
import type { ExecContext, Operator, StatefulOperator } from './operator';
import type { OutputMode, StateOperatorMetrics } from './physical-plan';
import { EvictionIndex } from './state/eviction-index';
import { schemaFields, type OperatorStateSchema, type RestoredStores, type StateStoreView } from './state/operator-state';
import { StateStore } from './state/state-store';

export interface DeduplicateSpec {
  readonly keyColumns: readonly number[];
  readonly streaming: boolean;
  readonly withinWatermark: boolean;
  readonly eventTimeColumn?: number;
  readonly eventTimeDelayUs?: number;
  readonly eventTimeInKey?: boolean;
}

export class DeduplicateExec implements StatefulOperator {
  readonly operatorName: string;
  private readonly encoder = new GroupKeyEncoder();
  /** Key → the event time at which it expires (NaN: never). */
  private readonly store = new StateStore<number>();
  private readonly index = new EvictionIndex();
  private duplicates = 0;
  private droppedByWatermark = 0;
  private runningEvictionWatermarkUs: number | undefined;
  private lastEvictionWatermarkUs: number | undefined;
  private recorder: LateDataRecorder | null = null;

  constructor(
    private readonly input: Operator,
    private readonly spec: DeduplicateSpec,
    readonly schema: StructType,
  ) {
    this.operatorName = spec.withinWatermark ? 'dedupeWithinWatermark' : 'dedupe';
  }

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    const n = batch.numRows;
    this.runningEvictionWatermarkUs = ctx.watermarkUs;
    const times = this.eventTimes(batch);
    const late = this.lateRows(times, ctx.lateWatermarkUs, n);
    const keys = this.spec.keyColumns.map((c) => batch.columns[c]);
    const { gids, numGroups } = this.encoder.encode(keys, n);
    // First surviving row of each group in the batch.
    const first = new Int32Array(numGroups).fill(-1);
    let lateCount = 0;
    for (let i = 0; i < n; i++) {
      if (late !== null && late[i] === 1) lateCount++;
      else if (first[gids[i]] < 0) first[gids[i]] = i;
    }
    this.droppedByWatermark += lateCount;
    const keep = new Uint8Array(n);
    let kept = 0;
    for (let g = 0; g < numGroups; g++) {
      const row = first[g];
      if (row < 0) continue;
      const stateKey = encodeStateKey(keys.map((k) => valueAt(k, row)));
      if (this.store.has(stateKey)) continue;
      const expiresAt = this.expiry(times, row);
      this.store.put(stateKey, expiresAt);
      if (expiresAt === expiresAt) this.index.add(expiresAt, stateKey);
      keep[row] = 1;
      kept++;
    }
    this.duplicates += n - lateCount - kept;
    if (this.expires()) {
      for (const key of this.index.takeExpired(ctx.watermarkUs)) {
        const t = this.store.get(key);
        if (t !== undefined && t <= ctx.watermarkUs) this.store.remove(key);
      }
    }
    if (this.recorder !== null && times !== null) this.record(times, late);
    return batch.filter(keep);
  }

  /** Whether keys ever leave the state. */
  private expires(): boolean {
    return this.spec.streaming && this.spec.eventTimeColumn !== undefined && (this.spec.withinWatermark || this.spec.eventTimeInKey === true);
  }

  private eventTimes(batch: ColumnBatch): Float64Vector | null {
    if (!this.spec.streaming || this.spec.eventTimeColumn === undefined) return null;
    return batch.columns[this.spec.eventTimeColumn] as Float64Vector;
  }

  /** WatermarkSupport's late predicate on raw rows: eventTime <= watermark (NULL is never late). */
  private lateRows(times: Float64Vector | null, lateWatermarkUs: number, n: number): Uint8Array | null {
    if (times === null) return null;
    const late = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      late[i] = (times.validity === null || times.validity[i] === 1) && times.values[i] <= lateWatermarkUs ? 1 : 0;
    return late;
  }

  private expiry(times: Float64Vector | null, row: number): number {
    if (times === null || !this.expires()) return NaN;
    // A NULL event time reads as 0 in Spark's unsafe row, as EventTimeWatermarkExec does.
    const t = times.validity !== null && times.validity[row] === 0 ? 0 : times.values[row];
    return this.spec.withinWatermark ? t + (this.spec.eventTimeDelayUs ?? 0) : t;
  }

  private record(times: Float64Vector, late: Uint8Array | null): void {
    const n = times.length;
    const eventTimeUs = new Float64Array(n);
    const status = new Uint8Array(n);
    const rec = this.recorder!;
    let max = rec.maxEventTimeUs;
    for (let i = 0; i < n; i++) {
      const isNull = times.validity !== null && times.validity[i] === 0;
      eventTimeUs[i] = isNull ? NaN : times.values[i];
      if (isNull) status[i] = NO_EVENT_TIME;
      else if (late !== null && late[i] === 1) status[i] = DROPPED;
      else status[i] = times.values[i] < rec.maxEventTimeUs ? LATE_ACCEPTED : ON_TIME;
      if (!isNull && times.values[i] > max) max = times.values[i];
    }
    rec.maxEventTimeUs = max;
    rec.last = {
      operatorName: this.operatorName,
      eventTimeUs,
      status,
      windowRow: new Int32Array(0),
      windowStartUs: new Float64Array(0),
      windowEndUs: new Float64Array(0),
      windowDropped: new Uint8Array(0),
      windows: new WindowSummaryBuilder().build(),
    };
  }

  commit(batchId: number): StateOperatorMetrics {
    const m = this.store.commit(batchId + 1);
    const metrics: StateOperatorMetrics = {
      operatorName: this.operatorName,
      ...m,
      numRowsDroppedByWatermark: this.droppedByWatermark,
      customMetrics: { numDroppedDuplicateRows: this.duplicates },
    };
    this.duplicates = 0;
    this.droppedByWatermark = 0;
    if (this.runningEvictionWatermarkUs !== undefined) this.lastEvictionWatermarkUs = this.runningEvictionWatermarkUs;
    return metrics;
  }

  abort(): void {
    this.store.abort();
    this.duplicates = 0;
    this.droppedByWatermark = 0;
    this.runningEvictionWatermarkUs = undefined;
    this.reindex();
  }

  private reindex(): void {
    this.index.clear();
    for (const [k, t] of this.store.entries()) if (t === t) this.index.add(t, k);
  }

  /** Keys: the deduplication columns; value: the time a key expires (StreamingDeduplicateExec keeps a dummy or expiresAtMicros). */
  stateSchema(): OperatorStateSchema {
    const fields = this.input.schema.fields;
    return {
      keySchema: schemaFields(this.spec.keyColumns.map((c) => fields[c])),
      valueSchema: [{ name: this.spec.withinWatermark ? 'expiresAtMicros' : 'eventTimeMicros', type: 'double' }],
    };
  }

  stateStores(): ReadonlyMap<string, StateStoreView> {
    return new Map([['default', this.store]]);
  }

  restoreState(stores: RestoredStores, version: number): void {
    this.store.restore({ version, rows: (stores.get('default') ?? []) as [string, number][] });
    this.duplicates = 0;
    this.droppedByWatermark = 0;
    this.runningEvictionWatermarkUs = undefined;
    this.lastEvictionWatermarkUs = undefined;
    this.reindex();
  }

  /** StreamingDeduplicateExec.shouldRunAnotherBatch: the watermark moved past the last eviction's (any mode). */
  needsNoDataBatch(nextWatermarkUs: number, _mode: OutputMode): boolean {
    return this.spec.streaming && this.lastEvictionWatermarkUs !== undefined && nextWatermarkUs > this.lastEvictionWatermarkUs;
  }

  setTracing(on: boolean): void {
    if (this.spec.eventTimeColumn === undefined) return;
    this.recorder = on ? (this.recorder ?? new LateDataRecorder()) : null;
  }

  lateData(): OperatorLateData | null {
    return this.recorder?.take() ?? null;
  }
}
