/**
 * The per-trigger numbers the streaming dashboard plots, read from one ProgressJSON. The
 * state rows follow Spark's StreamingQueryStatisticsPage: its "Aggregated Number Of Total
 * State Rows", "… Updated State Rows", "Aggregated State Memory Used In Bytes" and
 * "Aggregated Number Of Rows Dropped By Watermark" are sums over `stateOperators`, and the
 * page shows them only when the query has stateful operators; here that is a null.
 */
import type { ProgressJSON, StateOperatorProgressJSON, TriggerDetail } from './protocol';

/**
 * File names kept per trigger: a first batch over a large folder can read thousands, and the
 * summaries of every trigger travel with QueryInfo, so beyond this only the count is kept.
 */
export const MAX_FILES_PER_TRIGGER = 200;

export function triggerDetail(progress: ProgressJSON): TriggerDetail {
  const ops = progress.stateOperators;
  const files = progress.tidemark?.files ?? [];
  return {
    durationMs: finiteEntries(progress.durationMs ?? {}),
    stateRowsTotal: stateSum(ops, (o) => o.numRowsTotal),
    stateRowsUpdated: stateSum(ops, (o) => o.numRowsUpdated),
    stateMemoryBytes: stateSum(ops, (o) => o.memoryUsedBytes),
    rowsDroppedByWatermark: stateSum(ops, (o) => o.numRowsDroppedByWatermark),
    numOutputRows: progress.sink.numOutputRows,
    numCorruptRecords: progress.tidemark?.numCorruptRecords ?? 0,
    files:
      files.length > MAX_FILES_PER_TRIGGER ? files.slice(0, MAX_FILES_PER_TRIGGER) : [...files],
    numFiles: files.length,
  };
}

function stateSum(
  ops: readonly StateOperatorProgressJSON[],
  field: (op: StateOperatorProgressJSON) => number,
): number | null {
  if (ops.length === 0) return null;
  return ops.reduce((sum, op) => sum + field(op), 0);
}

/** Spark's JSON leaves non-finite numbers out (safeMap); so do we, whatever the source. */
function finiteEntries(map: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(map)) if (Number.isFinite(v)) out[k] = v;
  return out;
}
