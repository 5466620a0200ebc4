/**
 * Deduplicate (distinct, dropDuplicates, dropDuplicatesWithinWatermark): emits the first
 * row of each key not seen before and drops the rest (StreamingDeduplicateExec).
 * State: one entry per key ever emitted (key values only). Emits: new keys' first rows,
 * in input order. Cost: key hashing per row (GroupKeyEncoder), one state lookup per
 * distinct key of the batch. Expiring keys by watermark (and withinWatermark's
 * eventTime + delay expiry) arrives with watermark eviction.
 */
import type { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import type { StructType } from '../types/struct-type';
import { GroupKeyEncoder } from './aggregate/group-keys';
import { encodeStateKey } from './aggregate/state-key';
import type { ExecContext, Operator, StatefulOperator } from './operator';
import type { StateOperatorMetrics } from './physical-plan';
import { StateStore } from './state/state-store';

export class DeduplicateExec implements StatefulOperator {
  readonly operatorName = 'dedupe';
  private readonly encoder = new GroupKeyEncoder();
  private readonly store = new StateStore<true>();
  private dropped = 0;

  constructor(
    private readonly input: Operator,
    private readonly keyColumns: readonly number[],
    readonly schema: StructType,
  ) {}

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    const n = batch.numRows;
    if (n === 0) return batch;
    const keys = this.keyColumns.map((c) => batch.columns[c]);
    const { numGroups, firstRow } = this.encoder.encode(keys, n);
    const keep = new Uint8Array(n);
    let kept = 0;
    for (let g = 0; g < numGroups; g++) {
      const row = firstRow[g];
      const stateKey = encodeStateKey(keys.map((k) => valueAt(k, row)));
      if (this.store.has(stateKey)) continue;
      this.store.put(stateKey, true);
      keep[row] = 1;
      kept++;
    }
    this.dropped += n - kept;
    return batch.filter(keep);
  }

  commit(batchId: number): StateOperatorMetrics {
    const m = this.store.commit(batchId + 1);
    const dropped = this.dropped;
    this.dropped = 0;
    return {
      operatorName: this.operatorName,
      ...m,
      numRowsDroppedByWatermark: 0,
      customMetrics: { numDroppedDuplicateRows: dropped },
    };
  }
  abort(): void {
    this.store.abort();
    this.dropped = 0;
  }
  needsNoDataBatch(): boolean {
    return false;
  }
}
