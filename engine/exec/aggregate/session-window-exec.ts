/**
 * Aggregation over session_window(ts, gap) plus other keys, with Spark's streaming
 * semantics (MergingSessionsExec, SessionWindowStateStoreRestoreExec/SaveExec,
 * StreamingSessionWindowStateManager).
 *
 * Per batch: every row opens a session [ts, ts + gap) (exec/window/); rows are partially
 * aggregated per (keys, session); in append mode a partial session whose end is <= the
 * watermark for late events is dropped (numRowsDroppedByWatermark counts those partial
 * rows); the rest are merged, per key, with the key's stored sessions: sorted by start,
 * a session whose start is <= the current end joins it (touching sessions merge), the end
 * being the larger one and the buffers merged in start order.
 * Emits: complete mode every session in state; append mode the sessions whose end is <=
 * the eviction watermark, once, as they are removed. Update mode is rejected before start
 * (UnsupportedOperationChecker); a session window must come with another key.
 *
 * State: per key (without the session) its open sessions {start, end, buffers}; session
 * ends are indexed (EvictionIndex) so eviction visits only keys with an expiring session.
 * Metrics count sessions, as Spark's session state manager counts rows per session.
 */
import type { ColumnBatch } from '../../batch/column-batch';
import { valueAt } from '../../batch/values';
import { AnalysisException } from '../../errors';
import type { AggregateCall, EventTimeKey, ProjectItem, SessionWindowAssignment } from '../../plan/resolved-plan';
import type { BoundExpr } from '../../expr/index';
import type { StructType } from '../../types/struct-type';
import { LateDataRecorder, WindowSummaryBuilder, type OperatorLateData, watermarkPassedLastEviction } from '../late-data-recorder';
import type { ExecContext, Operator, StatefulOperator } from '../operator';
import type { OutputMode, StateOperatorMetrics } from '../physical-plan';
import { EvictionIndex } from '../state/eviction-index';
import { schemaFields, type OperatorStateSchema, type RestoredStores, type StateStoreView } from '../state/operator-state';
import { StateStore } from '../state/state-store';
import { assignSessionWindows } from '../window/session-window-assign';
import { windowEnds, windowStarts } from '../window/window-vectors';
import type { AggregateConf, AggregateFunction } from './aggregate-function';
import { groupsToBatch, type GroupState } from './aggregate-output';
import { aggregateFunctionsFor } from './aggregate-registry';
import { GroupKeyEncoder } from './group-keys';
import { encodeStateKey } from './state-key';

export interface SessionAggregateSpec {
  readonly keys: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
  readonly bufferSchema: StructType;
  readonly results: readonly ProjectItem[];
  readonly streaming: boolean;
  readonly window: SessionWindowAssignment;
  readonly keyInputSchema: StructType;
  readonly eventTimeKey?: EventTimeKey;
}

interface Session {
  start: number;
  end: number;
  buffers: readonly unknown[];
}

interface KeySessions {
  /** Key values without the session. */
  readonly key: readonly unknown[];
  readonly sessions: readonly Session[];
}

export class SessionWindowAggregateExec implements StatefulOperator {
  readonly operatorName = 'sessionWindowStateStoreSaveExec';
  private readonly encoder = new GroupKeyEncoder();
  private readonly functions: readonly AggregateFunction[];
  private readonly store = new StateStore<KeySessions>((key, v) => 64 + key.length * 2 + 48 * v.sessions.length);
  private readonly index = new EvictionIndex();
  private numSessions = 0;
  private committedSessions = 0;
  private sessionsUpdated = 0;
  private sessionsRemoved = 0;
  private droppedByWatermark = 0;
  private runningEvictionWatermarkUs: number | undefined;
  private lastEvictionWatermarkUs: number | undefined;
  private recorder: LateDataRecorder | null = null;

  constructor(
    private readonly input: Operator,
    private readonly spec: SessionAggregateSpec,
    readonly schema: StructType,
    conf: AggregateConf,
  ) {
    this.functions = aggregateFunctionsFor(spec.aggregates, conf);
  }

  execute(ctx: ExecContext): ColumnBatch {
    const sessionKey = this.spec.window.keyIndex;
    if (this.spec.streaming && this.spec.keys.length === 1) {
      // AggUtils.planStreamingAggregationForSession throws this (a message-only AnalysisException).
      throw new AnalysisException('_LEGACY_ERROR_TEMP_3102', 'Global aggregation with session window in streaming query is not supported.', {
        messageParameters: { msg: 'Global aggregation with session window in streaming query is not supported.' },
      });
    }
    const mode: OutputMode = this.spec.streaming ? ctx.outputMode : 'complete';
    const watermarked = this.spec.streaming && mode !== 'complete' && this.spec.eventTimeKey !== undefined;
    this.runningEvictionWatermarkUs = ctx.watermarkUs;
    const assigned = assignSessionWindows(this.input.execute(ctx), this.spec.window, this.spec.keyInputSchema, ctx.evalContext);
    const batch = assigned.batch;
    const keys = this.spec.keys.map((k) => k.evaluate(batch, ctx.evalContext));
    const args = this.spec.aggregates.map((a) => a.args.map((e) => e.evaluate(batch, ctx.evalContext)));
    const { gids, numGroups, firstRow } = this.encoder.encode(keys, batch.numRows);
    const partials = this.functions.map((f, j) => f.accumulate(numGroups, gids, args[j], batch.numRows));
    const starts = windowStarts(keys[sessionKey]);
    const ends = windowEnds(keys[sessionKey]);
    const groupDropped = new Uint8Array(numGroups);
    const incoming = new Map<string, { key: unknown[]; sessions: Session[] }>();
    for (let g = 0; g < numGroups; g++) {
      const row = firstRow[g];
      if (watermarked && ends[row] <= ctx.lateWatermarkUs) {
        groupDropped[g] = 1;
        this.droppedByWatermark++;
        continue;
      }
      const key = keys.filter((_, k) => k !== sessionKey).map((k) => valueAt(k, row));
      const stateKey = encodeStateKey(key);
      let entry = incoming.get(stateKey);
      if (entry === undefined) incoming.set(stateKey, (entry = { key, sessions: [] }));
      entry.sessions.push({ start: starts[row], end: ends[row], buffers: partials.map((p) => p(g)) });
    }
    for (const [stateKey, { key, sessions }] of incoming) this.mergeSessions(stateKey, key, sessions);
    const summary = this.recorder === null ? null : new WindowSummaryBuilder();
    let emitted: GroupState[] = [];
    if (mode === 'complete') for (const [, s] of this.store.entries()) for (const x of s.sessions) emitted.push(this.row(s.key, x));
    if (watermarked) emitted = this.evict(ctx.watermarkUs, summary);
    if (summary !== null) this.record(assigned.sourceRow, assigned.eventTime, gids, groupDropped, starts, ends, summary);
    return groupsToBatch(emitted, this.functions, this.spec.bufferSchema, this.spec.results, this.schema, ctx.evalContext);
  }

  /** MergingSessionsExec: stored and new sessions of one key, sorted by start, overlapping ones merged. */
  private mergeSessions(stateKey: string, key: readonly unknown[], fresh: Session[]): void {
    const stored = this.store.get(stateKey)?.sessions ?? [];
    const all = [...stored, ...fresh].sort((a, b) => a.start - b.start || a.end - b.end);
    const merged: Session[] = [];
    for (const s of all) {
      const cur = merged[merged.length - 1];
      if (cur !== undefined && s.start <= cur.end) {
        cur.end = Math.max(cur.end, s.end);
        cur.buffers = this.functions.map((f, j) => f.merge(cur.buffers[j], s.buffers[j]));
      } else merged.push({ ...s });
    }
    // Sessions holding a new partial are (re)written; untouched stored ones are already indexed.
    for (const s of merged) {
      if (!fresh.some((f) => f.start >= s.start && f.end <= s.end)) continue;
      this.sessionsUpdated++;
      this.index.add(s.end, stateKey);
    }
    this.sessionsRemoved += Math.max(0, stored.length - merged.length);
    this.numSessions += merged.length - stored.length;
    this.store.put(stateKey, { key, sessions: merged });
  }

  /** Removes (and returns, for append mode) every session whose end is <= the eviction watermark. */
  private evict(watermarkUs: number, summary: WindowSummaryBuilder | null): GroupState[] {
    const out: GroupState[] = [];
    for (const stateKey of new Set(this.index.takeExpired(watermarkUs))) {
      const s = this.store.get(stateKey);
      if (s === undefined) continue;
      const keep = s.sessions.filter((x) => x.end > watermarkUs);
      for (const x of s.sessions) {
        if (x.end > watermarkUs) continue;
        out.push(this.row(s.key, x));
        summary?.markRemoved(x.start, x.end, true);
      }
      const removed = s.sessions.length - keep.length;
      if (removed === 0) continue;
      this.sessionsRemoved += removed;
      this.numSessions -= removed;
      if (keep.length === 0) this.store.remove(stateKey);
      else this.store.put(stateKey, { key: s.key, sessions: keep });
    }
    return out.sort((a, b) => (a.key[this.spec.window.keyIndex] as { start: number }).start - (b.key[this.spec.window.keyIndex] as { start: number }).start);
  }

  /** The output group: the key values with the session struct back at its position. */
  private row(key: readonly unknown[], s: Session): GroupState {
    const full = [...key];
    full.splice(this.spec.window.keyIndex, 0, { start: s.start, end: s.end });
    return { key: full, buffers: s.buffers };
  }

  private record(
    sourceRow: Int32Array,
    eventTime: Float64Array,
    gids: Int32Array,
    groupDropped: Uint8Array,
    starts: Float64Array,
    ends: Float64Array,
    summary: WindowSummaryBuilder,
  ): void {
    const m = sourceRow.length;
    let numInput = 0;
    for (let j = 0; j < m; j++) numInput = Math.max(numInput, sourceRow[j] + 1);
    const rowTimes = new Float64Array(numInput).fill(NaN);
    const dropped = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      rowTimes[sourceRow[j]] = eventTime[j];
      dropped[j] = groupDropped[gids[j]];
      summary.addRow(starts[j], ends[j], dropped[j] === 1);
    }
    this.recorder!.last = {
      operatorName: this.operatorName,
      eventTimeUs: rowTimes,
      status: this.recorder!.rowStatus(rowTimes, sourceRow, dropped),
      windowRow: sourceRow,
      windowStartUs: starts,
      windowEndUs: ends,
      windowDropped: dropped,
      windows: summary.build(),
    };
  }

  commit(batchId: number): StateOperatorMetrics {
    const m = this.store.commit(batchId + 1);
    const metrics: StateOperatorMetrics = {
      operatorName: this.operatorName,
      numRowsTotal: this.numSessions,
      numRowsUpdated: this.sessionsUpdated,
      numRowsRemoved: this.sessionsRemoved,
      numRowsDroppedByWatermark: this.droppedByWatermark,
      memoryUsedBytes: m.memoryUsedBytes,
    };
    this.committedSessions = this.numSessions;
    this.sessionsUpdated = this.sessionsRemoved = this.droppedByWatermark = 0;
    if (this.runningEvictionWatermarkUs !== undefined) this.lastEvictionWatermarkUs = this.runningEvictionWatermarkUs;
    return metrics;
  }

  abort(): void {
    this.store.abort();
    this.numSessions = this.committedSessions;
    this.sessionsUpdated = this.sessionsRemoved = this.droppedByWatermark = 0;
    this.runningEvictionWatermarkUs = undefined;
    this.reindex();
  }

  private reindex(): void {
    this.index.clear();
    for (const [k, s] of this.store.entries()) for (const x of s.sessions) this.index.add(x.end, k);
  }

  /** Keys: the grouping columns without the session; values: the session bounds and one buffer per aggregate. */
  stateSchema(): OperatorStateSchema {
    const keyFields = this.spec.bufferSchema.fields.slice(0, this.spec.keys.length);
    return {
      keySchema: schemaFields(keyFields.filter((_, i) => i !== this.spec.window.keyIndex)),
      valueSchema: [
        { name: 'session', type: keyFields[this.spec.window.keyIndex].dataType.simpleString() },
        ...this.spec.aggregates.map((a) => ({ name: a.distinct ? `${a.fn}(distinct)` : a.fn, type: a.dataType.simpleString() })),
      ],
    };
  }

  stateStores(): ReadonlyMap<string, StateStoreView> {
    return new Map([['default', this.store]]);
  }

  restoreState(stores: RestoredStores, version: number): void {
    this.store.restore({ version, rows: (stores.get('default') ?? []) as [string, KeySessions][] });
    let sessions = 0;
    for (const [, s] of this.store.entries()) sessions += s.sessions.length;
    this.numSessions = this.committedSessions = sessions;
    this.sessionsUpdated = this.sessionsRemoved = this.droppedByWatermark = 0;
    this.runningEvictionWatermarkUs = undefined;
    this.lastEvictionWatermarkUs = undefined;
    this.reindex();
  }

  /** SessionWindowStateStoreSaveExec.shouldRunAnotherBatch: as StateStoreSaveExec. */
  needsNoDataBatch(nextWatermarkUs: number, mode: OutputMode): boolean {
    return watermarkPassedLastEviction(
      this.spec.streaming,
      mode,
      this.lastEvictionWatermarkUs,
      nextWatermarkUs,
    );
  }

  setTracing(on: boolean): void {
    if (this.spec.eventTimeKey === undefined) return;
    this.recorder = on ? (this.recorder ?? new LateDataRecorder()) : null;
  }

  lateData(): OperatorLateData | null {
    return this.recorder?.take() ?? null;
  }
}
