/**
 * EventTimeWatermark: passes every row through and records the batch's event-time
 * statistics (max, min, sum, count, in µs) from which the loop computes the next
 * watermark (EventTimeWatermarkExec). As in Spark, nothing is filtered here — late rows
 * are dropped by the stateful operators — and a NULL event time counts as 0
 * (Spark reads the null slot as 0 ms). State: none. Cost: one pass over one column.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { StructType } from '../types/struct-type';
import type { EventTimeOperator, ExecContext, Operator } from './operator';
import type { EventTimeStats } from './physical-plan';

export class WatermarkExec implements EventTimeOperator {
  private last: EventTimeStats;

  constructor(
    private readonly input: Operator,
    private readonly columnIndex: number,
    private readonly delayUs: number,
    readonly nodeIndex: number,
    readonly schema: StructType,
  ) {
    this.last = this.empty();
  }

  execute(ctx: ExecContext): ColumnBatch {
    const batch = this.input.execute(ctx);
    const stats = this.empty();
    const v = batch.columns[this.columnIndex];
    if (v.storage === 'float64') {
      const values = v.values;
      const validity = v.validity;
      for (let i = 0; i < batch.numRows; i++) {
        const t = validity !== null && validity[i] === 0 ? 0 : values[i];
        if (t > stats.max) stats.max = t;
        if (t < stats.min) stats.min = t;
        stats.sum += t;
      }
      stats.count = batch.numRows;
    }
    this.last = stats;
    return batch.withSchema(this.schema);
  }

  stats(): EventTimeStats {
    return this.last;
  }

  private empty(): EventTimeStats {
    return {
      nodeIndex: this.nodeIndex,
      delayUs: this.delayUs,
      max: -Infinity,
      min: Infinity,
      sum: 0,
      count: 0,
    };
  }
}
