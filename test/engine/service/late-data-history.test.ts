/**
 * LateDataHistory: the lens's bounded, columnar trace of one query. Over its byte budget it
 * lets go of the oldest triggers' rows first and keeps their summaries and files (a replay
 * needs those); progress fills in the engine's counts of the trigger already recorded.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { DROPPED, ON_TIME, type OperatorLateData } from '../../../engine/exec/late-data-recorder';
import { LateDataHistory } from '../../../engine/service/late-data-history';
import type { ProgressJSON } from '../../../engine/service/protocol';
import type { LateDataEvent } from '../../../engine/stream/late-data-trace';

function event(batchId: number, times: number[], fates: number[]): LateDataEvent {
  const n = times.length;
  const op: OperatorLateData = {
    operatorName: 'stateStoreSave',
    eventTimeUs: Float64Array.from(times),
    status: Uint8Array.from(fates),
    windowRow: Int32Array.from({ length: n }, (_, i) => i),
    windowStartUs: Float64Array.from(times, (t) => t - (t % 5e6)),
    windowEndUs: Float64Array.from(times, (t) => t - (t % 5e6) + 5e6),
    windowDropped: Uint8Array.from(fates, (f) => (f === DROPPED ? 1 : 0)),
    windows: {
      startUs: new Float64Array(0),
      endUs: new Float64Array(0),
      accepted: new Int32Array(0),
      dropped: new Int32Array(0),
      finalised: new Uint8Array(0),
      evicted: new Uint8Array(0),
    },
  };
  return {
    queryId: 'q',
    runId: 'r',
    batchId,
    arrivalUs: batchId * 1e6,
    watermarkBeforeUs: 0,
    lateEventsWatermarkUs: 0,
    watermarkAfterUs: 0,
    operators: [op],
  };
}

function progress(batchId: number, dropped: number, files: string[]): ProgressJSON {
  return {
    id: 'q',
    runId: 'r',
    name: null,
    timestamp: '',
    batchId,
    batchDuration: 1,
    numInputRows: 0,
    stateOperators: [
      {
        operatorName: 'stateStoreSave',
        numRowsTotal: 7,
        numRowsUpdated: 0,
        allUpdatesTimeMs: 0,
        numRowsRemoved: 0,
        allRemovalsTimeMs: 0,
        commitTimeMs: 0,
        memoryUsedBytes: 0,
        numRowsDroppedByWatermark: dropped,
        numShufflePartitions: 1,
        numStateStoreInstances: 1,
      },
    ],
    sources: [],
    sink: { description: 'MemorySink', numOutputRows: 1 },
    tidemark: { numCorruptRecords: 0, files, warnings: [] },
  };
}

describe('LateDataHistory', () => {
  it('counts fates per trigger and merges the progress of the same batch', () => {
    const h = new LateDataHistory();
    h.record(event(0, [1e6, 2e6, 3e6], [ON_TIME, DROPPED, DROPPED]));
    h.recordProgress(progress(0, 1, ['/in/a.json']));
    h.recordProgress(progress(1, 0, [])); // idle progress of a batch not run yet: ignored
    expect(h.triggers()).toEqual([
      expect.objectContaining({
        batchId: 0,
        numRows: 3,
        numOnTime: 1,
        numDropped: 2,
        numRowsDroppedByWatermark: 1,
        numStateRows: 7,
        files: ['/in/a.json'],
      }),
    ]);
  });

  it('evicts the oldest triggers’ rows over the byte budget, keeping their summaries', () => {
    // 25 bytes a row: a budget of 100 rows holds the last two triggers of 40 rows.
    const h = new LateDataHistory({ maxBytes: 100 * 25, maxTriggers: 1000 });
    const times = Array.from({ length: 40 }, (_, i) => i * 1e6);
    for (let b = 0; b < 5; b++) {
      h.record(
        event(
          b,
          times,
          times.map(() => ON_TIME),
        ),
      );
      h.recordProgress(progress(b, 0, [`/in/${b}.json`]));
    }
    const trace = h.trace('q');
    expect(trace.triggers.map((t) => t.batchId)).toEqual([0, 1, 2, 3, 4]);
    expect(trace.triggers[0].files).toEqual(['/in/0.json']);
    expect(trace.firstHeldBatch).toBe(3);
    expect(trace.numEvictedTriggers).toBe(3);
    const ids = Array.from(
      tableFromIPC(trace.rowsIpc).getChild('batchId')!.toArray() as Int32Array,
    );
    expect(new Set(ids)).toEqual(new Set([3, 4]));
    expect(ids).toHaveLength(80);
    expect(h.rowsOf(0)).toBeNull();
  });

  it('keeps at most maxTriggers summaries', () => {
    const h = new LateDataHistory({ maxBytes: 1e9, maxTriggers: 3 });
    for (let b = 0; b < 5; b++) h.record(event(b, [b * 1e6], [ON_TIME]));
    expect(h.triggers().map((t) => t.batchId)).toEqual([2, 3, 4]);
  });
});
