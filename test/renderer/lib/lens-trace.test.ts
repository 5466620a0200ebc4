/**
 * The lens's trace in the renderer: the engine's Arrow IPC columns (engine/service/late-data-ipc.ts)
 * decoded into typed arrays, and incremental traces merged so a trigger sent again replaces
 * the one held.
 */
import { describe, expect, it } from 'vitest';
import { rowsToIPC, windowsToIPC } from '../../../engine/service/late-data-ipc';
import type { LateDataTrace, LateDataTriggerInfo } from '../../../engine/service/protocol';
import {
  EMPTY_TRACE,
  arrivalOfRows,
  mergeTrace,
  traceTotals,
} from '../../../renderer/src/lib/lens-trace';

const info = (batchId: number, numDropped: number, engine: number | null): LateDataTriggerInfo => ({
  batchId,
  arrivalUs: (batchId + 1) * 1e6,
  watermarkBeforeUs: 0,
  lateEventsWatermarkUs: 0,
  watermarkAfterUs: 0,
  numRows: 2,
  numOnTime: 2 - numDropped,
  numLateAccepted: 0,
  numDropped,
  numRowsDroppedByWatermark: engine,
  numStateRows: 1,
  numOutputRows: 0,
  files: [],
});

function trace(batchIds: number[], engine: number | null): LateDataTrace {
  const rows = batchIds.map((batchId) => ({
    batchId,
    eventTimeUs: Float64Array.from([batchId * 1e6, batchId * 1e6 + 1]),
    fate: Uint8Array.from([0, 2]),
    windowStartUs: Float64Array.from([NaN, NaN]),
    windowEndUs: Float64Array.from([NaN, NaN]),
  }));
  return {
    queryId: 'q',
    operatorName: 'stateStoreSave',
    watermarkDelay: '10 seconds',
    triggers: batchIds.map((b) => info(b, 1, engine)),
    rowsIpc: rowsToIPC(rows),
    windowsIpc: windowsToIPC([]),
    firstHeldBatch: batchIds[0] ?? null,
    numEvictedTriggers: 0,
  };
}

describe('lens trace', () => {
  it('decodes the columns and replaces a re-sent trigger when merging', () => {
    const first = mergeTrace(EMPTY_TRACE, trace([0, 1], null));
    expect(Array.from(first.rows.batchId)).toEqual([0, 0, 1, 1]);
    expect(Array.from(first.rows.row)).toEqual([0, 1, 0, 1]);
    expect(Array.from(first.rows.fate)).toEqual([0, 2, 0, 2]);
    // Batch 1 again (now with its progress numbers) and batch 2.
    const merged = mergeTrace(first, trace([1, 2], 1));
    expect(merged.triggers.map((t) => [t.batchId, t.numRowsDroppedByWatermark])).toEqual([
      [0, null],
      [1, 1],
      [2, 1],
    ]);
    expect(Array.from(merged.rows.batchId)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(arrivalOfRows(merged))).toEqual([1e6, 1e6, 2e6, 2e6, 3e6, 3e6]);
    expect(traceTotals(merged.triggers)).toEqual({
      rows: 6,
      onTime: 3,
      lateAccepted: 0,
      dropped: 3,
      droppedByWatermark: 2,
    });
  });
});
