/**
 * Limit. Static and complete mode: the first `n` rows of each output. Streaming append
 * mode (StreamingGlobalLimitExec): at most `n` rows over the whole query, so the count
 * already emitted is state, committed with the batch. Cost: one slice.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator, StatefulOperator } from './operator';
import type { StateOperatorMetrics } from './physical-plan';
import type { OperatorStateSchema, RestoredStores, StateStoreView } from './state/operator-state';

export class LimitExec implements Operator {
  constructor(
    private readonly input: Operator,
    private readonly n: number,
    readonly schema: StructType,
  ) {}
  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    return batch.numRows <= this.n ? batch : batch.slice(0, this.n);
  }
}

export class StreamingLimitExec implements StatefulOperator {
  readonly operatorName = 'globalLimit';
  private emitted = 0;
  private pending = 0;
  private lastCommitChanged = false;

  constructor(
    private readonly input: Operator,
    private readonly n: number,
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    if (ctx.outputMode === 'complete')
      return batch.numRows <= this.n ? batch : batch.slice(0, this.n);
    const room = Math.max(0, this.n - this.emitted);
    const out = batch.numRows <= room ? batch : batch.slice(0, room);
    this.pending = out.numRows;
    return out;
  }
  commit(): StateOperatorMetrics {
    const updated = this.pending > 0 ? 1 : 0;
    this.lastCommitChanged = updated === 1;
    this.emitted += this.pending;
    this.pending = 0;
    return {
      operatorName: this.operatorName,
      numRowsTotal: 1,
      numRowsUpdated: updated,
      numRowsRemoved: 0,
      numRowsDroppedByWatermark: 0,
      memoryUsedBytes: 8,
    };
  }
  abort(): void {
    this.pending = 0;
  }
  /** StreamingGlobalLimitExec: no key, the count of rows emitted so far as the value. */
  stateSchema(): OperatorStateSchema {
    return { keySchema: [], valueSchema: [{ name: 'count', type: 'bigint' }] };
  }
  stateStores(): ReadonlyMap<string, StateStoreView> {
    const emitted = this.emitted;
    const changed = this.lastCommitChanged;
    return new Map([
      [
        'default',
        {
          committedRows: () => [['', emitted] as const],
          lastCommittedChanges: () => (changed ? [['', emitted] as const] : []),
        },
      ],
    ]);
  }
  restoreState(stores: RestoredStores): void {
    const row = stores.get('default')?.[0];
    this.emitted = typeof row?.[1] === 'number' ? row[1] : 0;
    this.pending = 0;
  }
  needsNoDataBatch(): boolean {
    return false;
  }
}
