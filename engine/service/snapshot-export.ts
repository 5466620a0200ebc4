/** CONTRACT STUB — being implemented (issue 5 §7). */
import type { ColumnBatch } from '../batch/column-batch';
import type { SnapshotExportResult, SnapshotFormat } from './protocol';

export async function writeSnapshot(
  batch: ColumnBatch,
  format: SnapshotFormat,
  path: string,
  metadata: Readonly<Record<string, string>>,
): Promise<SnapshotExportResult> {
  throw new Error(`writeSnapshot(${batch.numRows}, ${format}, ${path}, ${Object.keys(metadata).length}) is not implemented yet`);
}

export function snapshotTSV(batch: ColumnBatch): string {
  throw new Error(`snapshotTSV(${batch.numRows}) is not implemented yet`);
}
