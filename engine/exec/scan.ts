/**
 * Leaf operators. Scan: the rows the loop read from a source for this batch (`inputs`
 * by source id; none = empty). LocalScan: createDataFrame's rows, built once. MemoryTable
 * scan: a memory-sink table's current contents, read each time the plan runs.
 * State: none. Cost: O(1) per batch (the local batch is built at compile time).
 */
import { ColumnBatch } from '../batch/column-batch';
import { makeBuilder } from '../batch/vector-builder';
import type { MemoryTableProvider } from '../plan/catalog';
import type { StructType } from '../types/struct-type';
import type { ExecContext, Operator } from './operator';

export class ScanExec implements Operator {
  constructor(
    readonly sourceId: string,
    readonly schema: StructType,
    /** A static source's data read before the query started (stream–static joins). */
    private readonly preloaded?: ColumnBatch,
  ) {}
  execute(ctx: ExecContext): ColumnBatch {
    const batch = ctx.inputs.get(this.sourceId) ?? this.preloaded;
    if (batch === undefined) return ColumnBatch.empty(this.schema);
    // Readers decode with the declared schema; the analyzer's may differ only in nullability.
    return batch.schema === this.schema ? batch : batch.withSchema(this.schema);
  }
}

export class LocalScanExec implements Operator {
  private readonly batch: ColumnBatch;
  constructor(
    readonly schema: StructType,
    rows: readonly (readonly unknown[])[],
  ) {
    // Positional, so duplicate column names survive.
    const builders = schema.fields.map((f) => makeBuilder(f.dataType));
    for (const r of rows) for (let c = 0; c < builders.length; c++) builders[c].append(r[c]);
    this.batch = new ColumnBatch(
      schema,
      builders.map((b) => b.finish()),
      rows.length,
    );
  }
  execute(): ColumnBatch {
    return this.batch;
  }
}

export class MemoryTableScanExec implements Operator {
  constructor(
    readonly schema: StructType,
    private readonly provider: MemoryTableProvider,
  ) {}
  execute(): ColumnBatch {
    const b = this.provider.snapshot();
    return b.schema === this.schema ? b : b.withSchema(this.schema);
  }
}
