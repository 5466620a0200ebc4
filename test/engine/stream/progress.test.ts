import { afterEach, describe, expect, it } from 'vitest';
import {
  SinkProgress,
  SourceProgress,
  StateOperatorProgress,
  StreamingQueryProgress,
  StreamingQueryStatus,
} from '../../../engine/stream/progress';
import { decimalText } from '../../../engine/stream/progress-json';
import {
  eventTimePlan,
  MemoryStream,
  passThroughPlan,
  RecordingSink,
  seconds,
  startTestQuery,
  type TestQuery,
} from './stream-fixtures';

const running: TestQuery[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.query.stop();
});

function sampleProgress(): StreamingQueryProgress {
  return new StreamingQueryProgress({
    id: '5d7a0b3a-0000-4000-8000-000000000001',
    runId: '5d7a0b3a-0000-4000-8000-000000000002',
    name: 'myName',
    timestamp: '2016-12-05T20:54:20.827Z',
    batchId: 2,
    batchDuration: 0,
    durationMs: { total: 0 },
    eventTime: {
      min: '2016-12-05T20:54:20.827Z',
      avg: '2016-12-05T20:54:20.827Z',
      max: '2016-12-05T20:54:20.827Z',
      watermark: '2016-12-05T20:54:20.827Z',
    },
    stateOperators: [
      new StateOperatorProgress('op1', 0, 1, 0, 2, 0, 0, 3, 0, 2, 2, {
        loadedMapCacheHitCount: 1,
        loadedMapCacheMissCount: 0,
      }),
    ],
    sources: [new SourceProgress('source', 123, 456, 789, 678, Infinity, Infinity)],
    sink: new SinkProgress('sink', -1),
    tidemark: { numCorruptRecords: 0, files: [], warnings: [] },
  });
}

describe('StreamingQueryProgress JSON (StreamingQueryStatusAndProgressSuite)', () => {
  it('prettyJson has Spark key order, sorted maps, Jackson layout, and omits infinite rates', () => {
    expect(sampleProgress().prettyJson()).toBe(`{
  "id" : "5d7a0b3a-0000-4000-8000-000000000001",
  "runId" : "5d7a0b3a-0000-4000-8000-000000000002",
  "name" : "myName",
  "timestamp" : "2016-12-05T20:54:20.827Z",
  "batchId" : 2,
  "batchDuration" : 0,
  "numInputRows" : 678,
  "durationMs" : {
    "total" : 0
  },
  "eventTime" : {
    "avg" : "2016-12-05T20:54:20.827Z",
    "max" : "2016-12-05T20:54:20.827Z",
    "min" : "2016-12-05T20:54:20.827Z",
    "watermark" : "2016-12-05T20:54:20.827Z"
  },
  "stateOperators" : [ {
    "operatorName" : "op1",
    "numRowsTotal" : 0,
    "numRowsUpdated" : 1,
    "allUpdatesTimeMs" : 0,
    "numRowsRemoved" : 2,
    "allRemovalsTimeMs" : 0,
    "commitTimeMs" : 0,
    "memoryUsedBytes" : 3,
    "numRowsDroppedByWatermark" : 0,
    "numShufflePartitions" : 2,
    "numStateStoreInstances" : 2,
    "customMetrics" : {
      "loadedMapCacheHitCount" : 1,
      "loadedMapCacheMissCount" : 0
    }
  } ],
  "sources" : [ {
    "description" : "source",
    "startOffset" : 123,
    "endOffset" : 456,
    "latestOffset" : 789,
    "numInputRows" : 678
  } ],
  "sink" : {
    "description" : "sink",
    "numOutputRows" : -1
  }
}`);
  });

  it('json is compact, rates are rounded HALF_UP to one decimal and empty maps are left out', () => {
    const p = new StreamingQueryProgress({
      ...sampleProgress(),
      name: null,
      durationMs: {},
      eventTime: {},
      stateOperators: [],
      sources: [new SourceProgress('s', null, { logOffset: 0 }, { logOffset: 0 }, 3, 0, 1.45)],
      tidemark: { numCorruptRecords: 2, files: ['a.json'], warnings: [] },
    });
    expect(p.json()).toBe(
      '{"id":"5d7a0b3a-0000-4000-8000-000000000001","runId":"5d7a0b3a-0000-4000-8000-000000000002","name":null,' +
        '"timestamp":"2016-12-05T20:54:20.827Z","batchId":2,"batchDuration":0,"numInputRows":3,"inputRowsPerSecond":0.0,' +
        '"processedRowsPerSecond":1.5,"stateOperators":[],"sources":[{"description":"s","startOffset":null,' +
        '"endOffset":{"logOffset":0},"latestOffset":{"logOffset":0},"numInputRows":3,"inputRowsPerSecond":0.0,' +
        '"processedRowsPerSecond":1.5}],"sink":{"description":"sink","numOutputRows":-1}}',
    );
    expect((JSON.parse(JSON.stringify(p)) as { tidemark: unknown }).tidemark).toEqual({
      numCorruptRecords: 2,
      files: ['a.json'],
      warnings: [],
    });
  });

  it('rounds like BigDecimal(double).setScale(1, HALF_UP)', () => {
    expect([0, 0.05, 0.25, 1.45, 2.449, 123456.75, 1e-7, 1234.0].map(decimalText)).toEqual([
      '0.0',
      '0.1',
      '0.3',
      '1.5',
      '2.4',
      '123456.8',
      '0.0',
      '1234.0',
    ]);
  });

  it('status JSON (StreamingQueryStatus.prettyJson)', () => {
    expect(new StreamingQueryStatus('active', true, false).prettyJson()).toBe(
      '{\n  "message" : "active",\n  "isDataAvailable" : true,\n  "isTriggerActive" : false\n}',
    );
  });
});

describe('progress reported by a running query (ProgressReporter)', () => {
  it('fills ids, batch, rows, offsets, durations and sink for each batch', async () => {
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      name: 'counts',
    });
    running.push(t);
    const { query } = t;
    source.addData([{ value: 1 }, { value: 2 }, { value: 3 }]);
    await query.processAllAvailable();
    const p = query.recentProgress.find((x) => x.numInputRows > 0)!;
    expect(p.id).toBe(query.id);
    expect(p.runId).toBe(query.runId);
    expect(p.name).toBe('counts');
    expect(p.batchId).toBe(0);
    expect(p.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Object.keys(p.durationMs).sort()).toEqual([
      'addBatch',
      'commitOffsets',
      'getBatch',
      'latestOffset',
      'queryPlanning',
      'triggerExecution',
      'walCommit',
    ]);
    expect(p.sources[0]).toMatchObject({
      description: 'MemoryStream[value]',
      startOffset: null,
      endOffset: { offset: 0 },
      latestOffset: { offset: 0 },
      numInputRows: 3,
    });
    expect(p.processedRowsPerSecond).toBeGreaterThan(0);
    expect(p.sink).toMatchObject({ description: 'RecordingSink', numOutputRows: 3 });
    expect(p.eventTime).toEqual({});
    expect(p.tidemark.files).toEqual(['batch-0-0']);
    source.addData([{ value: 4 }]);
    await query.processAllAvailable();
    const p1 = query.lastProgress!;
    expect(p1.batchId).toBe(1);
    expect(p1.sources[0]).toMatchObject({ startOffset: { offset: 0 }, endOffset: { offset: 1 } });
    expect(Number.isFinite(p1.inputRowsPerSecond)).toBe(true);
  });

  it('reports eventTime avg/max/min/watermark and state operators for a watermarked query', async () => {
    const plan = eventTimePlan(seconds(10));
    const source = new MemoryStream(plan.outputSchema);
    const t = startTestQuery({ plan, source, sink: new RecordingSink() });
    running.push(t);
    source.addData([
      { word: 'a', ts: seconds(10) },
      { word: 'b', ts: seconds(20) },
    ]);
    await t.query.processAllAvailable();
    const p = t.query.recentProgress.find((x) => x.batchId === 0)!;
    expect(p.eventTime).toEqual({
      avg: '1970-01-01T00:00:15.000Z',
      max: '1970-01-01T00:00:20.000Z',
      min: '1970-01-01T00:00:10.000Z',
      watermark: '1970-01-01T00:00:00.000Z',
    });
    expect(p.stateOperators[0]).toMatchObject({
      operatorName: 'stateStoreSave',
      numRowsTotal: 2,
      numRowsUpdated: 2,
    });
  });

  it('an idle trigger records a progress with the next batch id, and later ones post QueryIdleEvent', async () => {
    const source = new MemoryStream();
    const idle: string[] = [];
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      conf: { noDataProgressEventIntervalMs: 20, pollingDelayMs: 5, hintedPollingDelayMs: 5 },
    });
    running.push(t);
    t.manager.addListener({ onQueryIdle: (e) => void idle.push(e.id) });
    source.addData([{ value: 1 }]);
    await t.query.processAllAvailable();
    await new Promise((r) => setTimeout(r, 80));
    const p = t.query.lastProgress!;
    expect(p.batchId).toBe(1);
    expect(p.numInputRows).toBe(0);
    expect(p.sink.numOutputRows).toBe(0);
    expect(idle.length).toBeGreaterThan(0);
    expect(idle[0]).toBe(t.query.id);
  });

  it('keeps fewer than spark.sql.streaming.numRecentProgressUpdates entries', async () => {
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      conf: { numRecentProgressUpdates: 3 },
    });
    running.push(t);
    for (let i = 0; i < 5; i++) {
      source.addData([{ value: i }]);
      await t.query.processAllAvailable();
    }
    const ids = t.query.recentProgress.map((p) => p.batchId);
    expect(ids.length).toBeLessThanOrEqual(2);
    expect(ids[ids.length - 1]).toBeGreaterThanOrEqual(4);
  });
});
