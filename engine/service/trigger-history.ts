/**
 * The triggers of one query, each with the result table as it was after that trigger: what
 * the timeline shows and what "click batch N" reads back (ui-anchors.md (b) 2, the trigger
 * time-travel scrubber). Spark keeps only the last spark.sql.streaming.numRecentProgressUpdates
 * progress entries and no tables; here every trigger's summary is kept and tables are held
 * until a cell budget is spent, oldest evicted first (ui-anchors.md (c) 12: a fixed memory
 * budget for UI state). The newest table is never evicted: the next diff needs it.
 *
 * Tables are the memory sink's snapshots, which are immutable, so holding one costs only
 * what the sink had already allocated for it.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { ProgressJSON, TriggerInfo } from './protocol';
import { changedRows } from './trigger-diff';

export interface TriggerHistoryLimits {
  /** Cells (rows × columns) of tables kept across all triggers. */
  readonly maxCells: number;
  /** Trigger summaries kept (the oldest are forgotten beyond this). */
  readonly maxTriggers: number;
}

export const DEFAULT_HISTORY_LIMITS: TriggerHistoryLimits = {
  maxCells: 5_000_000,
  maxTriggers: 10_000,
};

interface Entry {
  readonly info: Omit<TriggerInfo, 'hasTable'>;
  table: ColumnBatch | null;
  changed: readonly number[] | null;
}

export interface RecordedTrigger {
  readonly trigger: TriggerInfo;
  /** Null when the query has no result table. */
  readonly table: ColumnBatch | null;
  readonly changedRows: readonly number[] | null;
}

export class TriggerHistory {
  private readonly entries: Entry[] = [];
  private heldCells = 0;

  constructor(private readonly limits: TriggerHistoryLimits = DEFAULT_HISTORY_LIMITS) {}

  /** Adds the trigger `progress` reports, with the result table after it (null: none). */
  record(progress: ProgressJSON, table: ColumnBatch | null): RecordedTrigger {
    const previous = this.latestTable();
    const changed = table === null ? null : changedRows(table, previous);
    const info: Omit<TriggerInfo, 'hasTable'> = {
      batchId: progress.batchId,
      timestamp: progress.timestamp,
      numInputRows: progress.numInputRows,
      inputRowsPerSecond: progress.inputRowsPerSecond ?? null,
      processedRowsPerSecond: progress.processedRowsPerSecond ?? null,
      batchDuration: progress.batchDuration,
      watermark: progress.eventTime?.watermark ?? null,
      numRows: table === null ? null : table.numRows,
      numChangedRows: changed === null ? null : changed.length,
    };
    const entry: Entry = { info, table, changed };
    this.entries.push(entry);
    if (table !== null) this.heldCells += cells(table);
    this.evict();
    return { trigger: toInfo(entry), table, changedRows: changed };
  }

  /** Summaries, oldest first. */
  triggers(): TriggerInfo[] {
    return this.entries.map(toInfo);
  }

  /** The table after trigger `batchId` and its changed rows, if still held. */
  table(batchId: number): { table: ColumnBatch; changedRows: readonly number[] } | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.info.batchId === batchId)
        return e.table === null || e.changed === null
          ? undefined
          : { table: e.table, changedRows: e.changed };
    }
    return undefined;
  }

  private latestTable(): ColumnBatch | null {
    for (let i = this.entries.length - 1; i >= 0; i--)
      if (this.entries[i].table !== null) return this.entries[i].table;
    return null;
  }

  private evict(): void {
    while (this.entries.length > this.limits.maxTriggers) {
      const dropped = this.entries.shift()!;
      if (dropped.table !== null) this.heldCells -= cells(dropped.table);
    }
    for (let i = 0; i < this.entries.length - 1 && this.heldCells > this.limits.maxCells; i++) {
      const e = this.entries[i];
      if (e.table === null) continue;
      this.heldCells -= cells(e.table);
      e.table = null;
      e.changed = null;
    }
  }
}

function cells(t: ColumnBatch): number {
  return t.numRows * Math.max(1, t.columns.length);
}

function toInfo(e: Entry): TriggerInfo {
  return { ...e.info, hasTable: e.table !== null };
}
