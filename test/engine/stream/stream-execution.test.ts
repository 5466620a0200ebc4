import { afterEach, describe, expect, it } from 'vitest';
import { StreamingQueryException } from '../../../engine/errors';
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
function start(...args: Parameters<typeof startTestQuery>): TestQuery {
  const t = startTestQuery(...args);
  running.push(t);
  return t;
}
afterEach(async () => {
  for (const t of running.splice(0)) await t.query.stop();
});

describe('StreamExecution: one trigger (MicroBatchExecution.executeOneBatch)', () => {
  it('runs a batch per new data and hands the rows to the sink (StreamTest AddData/CheckAnswer)', async () => {
    const source = new MemoryStream();
    const sink = new RecordingSink();
    const { query } = start({ plan: passThroughPlan(), source, sink });
    source.addData([{ value: 1 }, { value: 2 }]);
    await query.processAllAvailable();
    source.addData([{ value: 3 }]);
    await query.processAllAvailable();
    expect(sink.calls.map((c) => [c.batchId, c.rows.map((r) => r.value), c.mode])).toEqual([
      [0, [1, 2], 'append'],
      [1, [3], 'append'],
    ]);
    expect(query.isActive).toBe(true);
  });

  it('reads only the new offsets range each batch and commits batch N−1 to the source when batch N is logged', async () => {
    const source = new MemoryStream();
    const sink = new RecordingSink();
    const { query } = start({ plan: passThroughPlan(), source, sink });
    source.addData([{ value: 1 }]);
    await query.processAllAvailable();
    expect(source.commits).toEqual([]);
    source.addData([{ value: 2 }]);
    source.addData([{ value: 3 }]);
    await query.processAllAvailable();
    expect(sink.calls[1].rows.map((r) => r.value)).toEqual([2, 3]);
    expect(source.commits).toEqual([{ offset: 0 }]);
  });

  it('passes the previous batch watermark and the trigger timestamp to the plan, and runs a no-data batch when the watermark moved (EventTimeWatermarkSuite)', async () => {
    const source = new MemoryStream(eventTimePlan(0).outputSchema);
    const sink = new RecordingSink();
    const plan = eventTimePlan(seconds(10));
    const { query } = start({ plan, source, sink, outputMode: 'append' });
    source.addData([
      { word: 'a', ts: seconds(10) },
      { word: 'b', ts: seconds(25) },
    ]);
    await query.processAllAvailable();
    // batch 0 ran with watermark 0; the watermark became 25 s − 10 s = 15 s, and the no-data
    // batch 1 emitted the row at 10 s.
    expect(plan.contexts.map((c) => [c.batchId, c.watermarkUs, c.noData])).toEqual([
      [0, 0, false],
      [1, seconds(15), true],
    ]);
    expect(sink.calls.map((c) => c.rows.map((r) => r.word))).toEqual([[], ['a']]);
    expect(plan.contexts[0].batchTimestampUs % 1000).toBe(0);
    const last = query.lastProgress!;
    expect(last.batchId).toBe(1);
    expect(last.numInputRows).toBe(0);
    expect(last.eventTime).toEqual({ watermark: '1970-01-01T00:00:15.000Z' });
    expect(query.status.message).toMatch(/Waiting for (data to arrive|next trigger)/);
  });

  it('keeps the watermark monotonic when later data is older (WatermarkTracker)', async () => {
    const plan = eventTimePlan(seconds(5));
    const source = new MemoryStream(plan.outputSchema);
    const { query } = start({ plan, source, sink: new RecordingSink() });
    source.addData([{ word: 'a', ts: seconds(100) }]);
    await query.processAllAvailable();
    source.addData([{ word: 'b', ts: seconds(50) }]);
    await query.processAllAvailable();
    source.addData([{ word: 'c', ts: seconds(60) }]);
    await query.processAllAvailable();
    expect(plan.contexts.map((c) => c.watermarkUs)).toEqual([0, seconds(95), seconds(95)]);
    const p = query.recentProgress.find((x) => x.batchId === 1)!;
    expect(p.stateOperators[0].numRowsDroppedByWatermark).toBe(1);
  });

  it('does not run a no-data batch when spark.sql.streaming.noDataMicroBatches.enabled is false', async () => {
    const plan = eventTimePlan(seconds(10));
    const source = new MemoryStream(plan.outputSchema);
    const sink = new RecordingSink();
    const { query } = start({ plan, source, sink, conf: { noDataMicroBatchesEnabled: false } });
    source.addData([
      { word: 'a', ts: seconds(10) },
      { word: 'b', ts: seconds(25) },
    ]);
    await query.processAllAvailable();
    expect(plan.contexts).toHaveLength(1);
  });
});

describe('StreamExecution: failures stop the query, never the process', () => {
  it('a failing batch sets exception() to STREAM_FAILED naming the cause, and awaitTermination rethrows it', async () => {
    const source = new MemoryStream();
    const sink = new RecordingSink();
    const { query, manager } = start({ plan: passThroughPlan(undefined, 1), source, sink });
    source.addData([{ value: 1 }]);
    await query.processAllAvailable();
    source.addData([{ value: 2 }]);
    await expect(query.processAllAvailable()).rejects.toBeInstanceOf(StreamingQueryException);
    const e = query.exception()!;
    expect(e.errorClass).toBe('STREAM_FAILED');
    expect(e.message).toBe(
      `[STREAM_FAILED] Query [id = ${query.id}, runId = ${query.runId}] terminated with exception: Division by zero in batch 1`,
    );
    expect(query.isActive).toBe(false);
    expect(query.status.message).toBe('Terminated with exception: Division by zero in batch 1');
    await expect(query.awaitTermination()).rejects.toBe(e);
    await expect(query.awaitTermination(50)).rejects.toBe(e);
    expect(manager.active).toEqual([]);
    expect(source.stopped).toBe(true);
    expect(sink.stopped).toBe(true);
    // processAllAvailable after the failure rejects at once
    await expect(query.processAllAvailable()).rejects.toBe(e);
  });

  it('a failing sink write fails the query and leaves no commit for that batch', async () => {
    const source = new MemoryStream();
    const sink = new RecordingSink();
    sink.failOnBatch = 0;
    const { query } = start({ plan: passThroughPlan(), source, sink });
    source.addData([{ value: 1 }]);
    await expect(query.awaitTermination()).rejects.toThrow(
      'terminated with exception: sink refused batch 0',
    );
  });
});

describe('StreamingQuery lifecycle', () => {
  it('stop() waits for the running batch, then reports Stopped', async () => {
    const source = new MemoryStream();
    let release: () => void = () => undefined;
    const sink = new RecordingSink();
    const slowSink = {
      ...sink,
      description: 'slow',
      addBatch: async (...args: Parameters<RecordingSink['addBatch']>) => {
        await new Promise<void>((r) => (release = r));
        await sink.addBatch(...args);
      },
      lastNumOutputRows: () => 1,
      stop: async () => undefined,
    };
    const { query } = start({ plan: passThroughPlan(), source, sink: slowSink });
    source.addData([{ value: 1 }]);
    await new Promise((r) => setTimeout(r, 30));
    const stopping = query.stop();
    expect(query.isActive).toBe(true);
    release();
    await stopping;
    expect(sink.calls).toHaveLength(1);
    expect(query.isActive).toBe(false);
    expect(query.status.message).toBe('Stopped');
    expect(await query.awaitTermination(10)).toBe(true);
  });

  it('awaitTermination(timeout) resolves false while the query runs', async () => {
    const { query } = start({ plan: passThroughPlan(), sink: new RecordingSink() });
    expect(await query.awaitTermination(20)).toBe(false);
    await expect(query.awaitTermination(0)).rejects.toThrow('Timeout has to be positive');
  });

  it('wakes an idle default trigger as soon as a source signals new data', async () => {
    const source = new MemoryStream();
    const sink = new RecordingSink();
    // a long fallback poll: only the source's hint can make the batch run quickly
    const { query } = start({
      plan: passThroughPlan(),
      source,
      sink,
      conf: { hintedPollingDelayMs: 60_000 },
    });
    await new Promise((r) => setTimeout(r, 30));
    const t0 = Date.now();
    source.addData([{ value: 7 }]);
    while (sink.calls.length === 0 && Date.now() - t0 < 2000)
      await new Promise((r) => setTimeout(r, 5));
    expect(sink.calls).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(query.isActive).toBe(true);
  });

  it('explain() says there is no plan before the first batch (StreamingQuery.explain)', async () => {
    const { query } = start({ plan: passThroughPlan(), sink: new RecordingSink() });
    expect(query.explain()).toBe('No physical plan. Waiting for data.');
  });
});
