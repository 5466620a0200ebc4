/**
 * The dashboard's tables as data: the files each trigger read (tidemark.files) and the
 * numbers of each trigger. The view renders the newest rows; Copy / Save as CSV take every
 * row the page holds, as the table shows them (formatted text is for eyes, so the CSV keeps
 * the raw numbers and Spark's timestamp strings).
 */
import type { TriggerInfo } from '../../../engine/service/protocol';
import { toCSV, type CsvValue } from './table-csv';

export interface TableData {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

/** One row per file read, newest trigger first; a trigger that read none has no rows. */
export function triggerFilesTable(triggers: readonly TriggerInfo[]): TableData {
  const rows: CsvValue[][] = [];
  for (let i = triggers.length - 1; i >= 0; i--) {
    const t = triggers[i];
    for (const file of t.detail?.files ?? []) rows.push([t.batchId, t.timestamp, file]);
  }
  return { header: ['batchId', 'timestamp', 'file'], rows };
}

/** Files a trigger read beyond the names kept for it (trigger-detail.ts caps the list). */
export function unlistedFiles(t: TriggerInfo): number {
  return t.detail === undefined ? 0 : t.detail.numFiles - t.detail.files.length;
}

export const PROGRESS_COLUMNS = [
  'batchId',
  'timestamp',
  'numInputRows',
  'inputRowsPerSecond',
  'processedRowsPerSecond',
  'batchDuration',
  'watermark',
  'stateRowsTotal',
  'stateMemoryBytes',
  'rowsDroppedByWatermark',
  'numCorruptRecords',
  'numFiles',
] as const;

/** One row per trigger, newest first, in PROGRESS_COLUMNS order. */
export function triggerProgressTable(triggers: readonly TriggerInfo[]): TableData {
  const rows = [...triggers]
    .reverse()
    .map((t): CsvValue[] => [
      t.batchId,
      t.timestamp,
      t.numInputRows,
      t.inputRowsPerSecond,
      t.processedRowsPerSecond,
      t.batchDuration,
      t.watermark,
      t.detail?.stateRowsTotal ?? null,
      t.detail?.stateMemoryBytes ?? null,
      t.detail?.rowsDroppedByWatermark ?? null,
      t.detail?.numCorruptRecords ?? null,
      t.detail?.numFiles ?? null,
    ]);
  return { header: PROGRESS_COLUMNS, rows };
}

export function tableCSV(table: TableData): string {
  return toCSV(table.header, table.rows);
}
