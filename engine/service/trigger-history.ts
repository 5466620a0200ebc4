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
 *
 * Each summary also carries the dashboard's per-trigger detail (trigger-detail.ts: duration
 * parts, state sums, corrupt records, files), a few hundred bytes, so the dashboard can draw
 * the whole retained history without the progress JSON being kept.
 */
import type { ColumnBatch } from '../batch/column-batch';
import type { ProgressJSON, TriggerInfo } from './protocol';
import { triggerDetail } from './trigger-detail';
import { appendedDiff, changedRows, keyedDiff, type KeyedDiff } from './trigger-diff';

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

/** A trigger's keyed diff (see trigger-diff.ts), with the removed rows as they were. */
export interface HeldDiff {
  readonly keyColumns: readonly string[];
  readonly added: readonly number[];
  readonly updated: readonly number[];
  /** Rows of the previous table whose key is gone; null when none. */
  readonly removed: ColumnBatch | null;
}

interface Entry {
  readonly info: Omit<TriggerInfo, 'hasTable'>;
  table: ColumnBatch | null;
  changed: readonly number[] | null;
  diff: HeldDiff | null;
}

/**
 * What the sink says a trigger did to its table when it only appends (a memory sink in
 * append or update mode): `rows` appended (progress sink.numOutputRows), and whether the
 * key columns stay unique (append mode emits each group once; update mode appends every
 * version of a group). The diff is then O(rows) (trigger-diff.ts `appendedDiff`).
 */
export interface AppendedRows {
  readonly rows: number;
  readonly uniqueKeys: boolean;
}

export interface RecordedTrigger {
  readonly trigger: TriggerInfo;
  /** Null when the query has no result table. */
  readonly table: ColumnBatch | null;
  readonly changedRows: readonly number[] | null;
  readonly diff: HeldDiff | null;
}

export interface HeldTable {
  readonly table: ColumnBatch;
  readonly changedRows: readonly number[];
  readonly diff: HeldDiff;
}

export class TriggerHistory {
  private readonly entries: Entry[] = [];
  private heldCells = 0;

  constructor(private readonly limits: TriggerHistoryLimits = DEFAULT_HISTORY_LIMITS) {}

  /**
   * Adds the trigger `progress` reports, with the result table after it (null: none), diffed
   * against the previous table by `keyColumns` when they key it (trigger-diff.ts), or by
   * the rows appended when the sink only appends and `appended` says how many.
   */
  record(
    progress: ProgressJSON,
    table: ColumnBatch | null,
    keyColumns: readonly string[] = [],
    appended: AppendedRows | null = null,
  ): RecordedTrigger {
    const previous = this.latestTable();
    const fast =
      table === null || appended === null
        ? null
        : appendedDiff(table, previous, appended.rows, appended.uniqueKeys ? keyColumns : []);
    const changed = table === null ? null : fast !== null ? fast.added : changedRows(table, previous);
    const diff =
      table === null ? null : heldDiff(fast ?? keyedDiff(table, previous, keyColumns), previous);
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
      detail: triggerDetail(progress),
    };
    const entry: Entry = { info, table, changed, diff };
    this.entries.push(entry);
    this.heldCells += entryCells(entry);
    this.evict();
    return { trigger: toInfo(entry), table, changedRows: changed, diff };
  }

  /** Summaries, oldest first. */
  triggers(): TriggerInfo[] {
    return this.entries.map(toInfo);
  }

  /** The table after trigger `batchId`, its changed rows and its diff, if still held. */
  table(batchId: number): HeldTable | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.info.batchId === batchId)
        return e.table === null || e.changed === null || e.diff === null
          ? undefined
          : { table: e.table, changedRows: e.changed, diff: e.diff };
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
      this.heldCells -= entryCells(this.entries.shift()!);
    }
    for (let i = 0; i < this.entries.length - 1 && this.heldCells > this.limits.maxCells; i++) {
      const e = this.entries[i];
      if (e.table === null) continue;
      this.heldCells -= entryCells(e);
      e.table = null;
      e.changed = null;
      e.diff = null;
    }
  }
}

function cells(t: ColumnBatch): number {
  return t.numRows * Math.max(1, t.columns.length);
}

/** What an entry holds against the budget: its table and its diff's removed rows. */
function entryCells(e: Entry): number {
  return (e.table === null ? 0 : cells(e.table)) + (e.diff?.removed ? cells(e.diff.removed) : 0);
}

function heldDiff(d: KeyedDiff, previous: ColumnBatch | null): HeldDiff {
  return {
    keyColumns: d.keyColumns,
    added: d.added,
    updated: d.updated,
    removed:
      previous === null || d.removed.length === 0 ? null : previous.take(Int32Array.from(d.removed)),
  };
}

function toInfo(e: Entry): TriggerInfo {
  return { ...e.info, hasTable: e.table !== null };
}
