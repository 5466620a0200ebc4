/**
 * The per-trigger detail the dashboard plots (issue 6 §3): unit cases over progress JSON, and
 * a real windowed count with a watermark over a folder whose second file holds a late row
 * and a malformed line, run through the engine service as the app runs it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, window } from '../../../engine/index';
import { EngineService } from '../../../engine/service/engine-service';
import type {
  HostResponse,
  ProgressJSON,
  QueryInfo,
  RequestBody,
  TriggerInfo,
} from '../../../engine/service/protocol';
import { MAX_FILES_PER_TRIGGER, triggerDetail } from '../../../engine/service/trigger-detail';
import { Session } from '../../../engine/session';

function progress(over: Partial<ProgressJSON> = {}): ProgressJSON {
  return {
    id: 'q',
    runId: 'r',
    name: 'counts',
    timestamp: '2024-01-01T00:00:00.000Z',
    batchId: 0,
    batchDuration: 30,
    numInputRows: 3,
    stateOperators: [],
    sources: [],
    sink: { description: 'MemorySink', numOutputRows: 2 },
    ...over,
  };
}

const op = (numRowsTotal: number, memoryUsedBytes: number, dropped: number) => ({
  operatorName: 'stateStoreSave',
  numRowsTotal,
  numRowsUpdated: 1,
  allUpdatesTimeMs: 0,
  numRowsRemoved: 0,
  allRemovalsTimeMs: 0,
  commitTimeMs: 0,
  memoryUsedBytes,
  numRowsDroppedByWatermark: dropped,
  numShufflePartitions: 1,
  numStateStoreInstances: 1,
});

describe('triggerDetail', () => {
  it('sums the stateful operators as Spark UI aggregates them, and copies the duration parts', () => {
    const d = triggerDetail(
      progress({
        durationMs: { addBatch: 12, getBatch: 3, triggerExecution: 20 },
        stateOperators: [op(10, 1000, 2), op(5, 500, 1)],
        tidemark: { numCorruptRecords: 4, files: ['/in/a.json', '/in/b.json'], warnings: [] },
      }),
    );
    expect(d).toEqual({
      durationMs: { addBatch: 12, getBatch: 3, triggerExecution: 20 },
      stateRowsTotal: 15,
      stateRowsUpdated: 2,
      stateMemoryBytes: 1500,
      rowsDroppedByWatermark: 3,
      numOutputRows: 2,
      numCorruptRecords: 4,
      files: ['/in/a.json', '/in/b.json'],
      numFiles: 2,
    });
  });

  it('says "no state" (null) for a stateless query, not zero, and keeps a bounded file list', () => {
    const files = Array.from({ length: MAX_FILES_PER_TRIGGER + 5 }, (_, i) => `/in/${i}.json`);
    const d = triggerDetail(progress({ tidemark: { numCorruptRecords: 0, files, warnings: [] } }));
    expect(d.stateRowsTotal).toBeNull();
    expect(d.stateMemoryBytes).toBeNull();
    expect(d.rowsDroppedByWatermark).toBeNull();
    expect(d.durationMs).toEqual({});
    expect(d.numFiles).toBe(MAX_FILES_PER_TRIGGER + 5);
    expect(d.files).toHaveLength(MAX_FILES_PER_TRIGGER);
    expect(d.files[0]).toBe('/in/0.json');
  });

  it('leaves non-finite phase times out rather than passing NaN on', () => {
    const d = triggerDetail(progress({ durationMs: { addBatch: Number.NaN, walCommit: 2 } }));
    expect(d.durationMs).toEqual({ walCommit: 2 });
  });
});

describe('trigger detail of a windowed count with a watermark, through the engine service', () => {
  let dir: string;
  let service: EngineService;
  let nextId = 1;
  const call = async <T>(body: RequestBody): Promise<T> => {
    const r: HostResponse = await service.handle({ ...body, id: nextId++ } as never);
    if (!r.ok) throw new Error(r.error.message);
    return r.result as T;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-trigger-detail-'));
    const line = (hhmm: string, word: string): string => {
      const [h, m] = hhmm.split(':').map(Number);
      return JSON.stringify({ time: h * 3600 + m * 60, word });
    };
    // Batch 0 moves the watermark to 12:21 − 10 min = 12:11. Spark 4 tests late rows against
    // the previous batch's watermark (eventTimeWatermarkForLateEvents), so batch 1 still accepts
    // everything and batch 2 drops 12:04, whose window [12:00, 12:10) ends before 12:11.
    writeFileSync(
      join(dir, 'f1.json'),
      [line('12:07', 'dog'), line('12:08', 'owl'), line('12:21', 'owl')].join('\n'),
    );
    writeFileSync(join(dir, 'f2.json'), [line('12:15', 'cat'), '{"time": oops'].join('\n'));
    writeFileSync(join(dir, 'f3.json'), [line('12:04', 'donkey'), line('12:25', 'dog')].join('\n'));
    service = new EngineService({
      session: Session.builder().appName('trigger-detail-test').getOrCreate(),
      onEvent: () => undefined,
    });
  });

  afterAll(async () => {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports per trigger: files read, corrupt records, state rows and memory, rows dropped', async () => {
    const df = service.session.readStream
      .schema('time BIGINT, word STRING')
      .option('maxFilesPerTrigger', '1')
      .json(dir)
      .selectExpr('timestamp_seconds(time) AS ts', 'word')
      .withWatermark('ts', '10 minutes')
      .groupBy(window(col('ts'), '10 minutes'), col('word'))
      .count();
    const spec = {
      plan: df.plan,
      sink: df.writeStream
        .format('memory')
        .queryName('late_counts')
        .outputMode('update')
        .trigger({ availableNow: true })
        .toSinkSpec(),
    };
    const started = await call<QueryInfo>({ type: 'startQuery', spec });
    let triggers: readonly TriggerInfo[] = [];
    await expect
      .poll(
        async () => {
          const list = await call<QueryInfo[]>({ type: 'listQueries' });
          const q = list.find((x) => x.id === started.id)!;
          triggers = q.triggers;
          return q.isActive;
        },
        { timeout: 20_000 },
      )
      .toBe(false);

    const withData = triggers.filter((t) => t.numInputRows > 0);
    expect(withData).toHaveLength(3);
    const [first, second, third] = withData.map((t) => t.detail!);
    expect(first.files.map((f) => f.split('/').pop())).toEqual(['f1.json']);
    expect(first.numFiles).toBe(1);
    expect(first.numCorruptRecords).toBe(0);
    expect(first.rowsDroppedByWatermark).toBe(0);
    // [12:00,12:10) dog, [12:00,12:10) owl, [12:20,12:30) owl.
    expect(first.stateRowsTotal).toBe(3);
    expect(first.stateRowsUpdated).toBe(3);
    expect(first.stateMemoryBytes).toBeGreaterThan(0);
    expect(first.durationMs).toHaveProperty('addBatch');
    expect(first.durationMs).toHaveProperty('triggerExecution');

    expect(second.files.map((f) => f.split('/').pop())).toEqual(['f2.json']);
    expect(second.numCorruptRecords).toBe(1);
    expect(second.rowsDroppedByWatermark).toBe(0);
    // The watermark 12:11 evicted both [12:00,12:10) windows; cat joined [12:10,12:20).
    expect(second.stateRowsTotal).toBe(2);

    expect(third.files.map((f) => f.split('/').pop())).toEqual(['f3.json']);
    expect(third.numCorruptRecords).toBe(0);
    expect(third.rowsDroppedByWatermark).toBe(1);
    expect(withData[2].watermark).toBe('1970-01-01T12:11:00.000Z');
    // Every trigger carries a detail, the no-data ones too (no files, nothing dropped).
    for (const t of triggers) expect(t.detail).toBeDefined();
  });
});
