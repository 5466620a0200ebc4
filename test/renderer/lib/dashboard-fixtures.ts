/** Triggers as the engine sends them, for the dashboard's lib tests. */
import type { TriggerDetail, TriggerInfo } from '../../../engine/service/protocol';

export function detail(over: Partial<TriggerDetail> = {}): TriggerDetail {
  return {
    durationMs: {
      latestOffset: 2,
      getBatch: 3,
      queryPlanning: 1,
      walCommit: 4,
      addBatch: 10,
      commitOffsets: 3,
      triggerExecution: 25,
    },
    stateRowsTotal: 5,
    stateRowsUpdated: 2,
    stateMemoryBytes: 4096,
    rowsDroppedByWatermark: 0,
    numOutputRows: 5,
    numCorruptRecords: 0,
    files: ['/sensors/part-0.json'],
    numFiles: 1,
    ...over,
  };
}

export function trigger(batchId: number, over: Partial<TriggerInfo> = {}): TriggerInfo {
  return {
    batchId,
    timestamp: `2024-05-01T10:00:${String(batchId * 2).padStart(2, '0')}.000Z`,
    numInputRows: 100 + batchId,
    inputRowsPerSecond: batchId === 0 ? null : 50.5,
    processedRowsPerSecond: batchId === 0 ? null : 400.25,
    batchDuration: 30,
    watermark: null,
    numRows: 3,
    numChangedRows: 1,
    hasTable: true,
    detail: detail(),
    ...over,
  };
}
