import { afterEach, describe, expect, it } from 'vitest';
import { IllegalArgumentException } from '../../../engine/errors';
import { triggerIntervalMs } from '../../../engine/stream/interval-strings';
import { ProcessingTimeExecutor, Waker } from '../../../engine/stream/trigger-executor';
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

describe('ProcessingTimeExecutor (ProcessingTimeExecutorSuite)', () => {
  it('aligns the next batch time to multiples of the interval', () => {
    const ex = new ProcessingTimeExecutor(100, new Waker());
    expect(ex.nextBatchTime(0)).toBe(100);
    expect(ex.nextBatchTime(99)).toBe(100);
    expect(ex.nextBatchTime(100)).toBe(200);
    expect(ex.nextBatchTime(101)).toBe(200);
    expect(new ProcessingTimeExecutor(0, new Waker()).nextBatchTime(123)).toBe(123);
  });

  it('waits until the boundary, and starts the next trigger at once after a batch that fell behind', async () => {
    let clock = 1000;
    const starts: number[] = [];
    const behind: number[] = [];
    const durations = [30, 250, 10, 10];
    const waker = new Waker();
    const ex = new ProcessingTimeExecutor(
      100,
      waker,
      () => clock,
      (ms) => behind.push(ms),
    );
    const originalWait = waker.wait.bind(waker);
    waker.wait = async (ms: number, wakeOnData?: boolean) => {
      clock += ms;
      await originalWait(0, wakeOnData);
    };
    await ex.execute(async () => {
      starts.push(clock);
      clock += durations[starts.length - 1];
      return starts.length < durations.length;
    });
    // 1000 → waits to 1100; 1100 runs 250 ms (falls behind) → next at once at 1350 → waits to 1400
    expect(starts).toEqual([1000, 1100, 1350, 1400]);
    expect(behind).toEqual([250]);
  });
});

describe('trigger intervals (Trigger.ProcessingTime)', () => {
  it('parses interval strings with or without the interval keyword', () => {
    expect(triggerIntervalMs('3 seconds')).toBe(3000);
    expect(triggerIntervalMs('interval 1 minute 30 seconds')).toBe(90_000);
    expect(triggerIntervalMs('500 milliseconds')).toBe(500);
    expect(triggerIntervalMs('0 seconds')).toBe(0);
  });
  it('rejects months and negative intervals with Spark messages', () => {
    expect(() => triggerIntervalMs('1 month')).toThrow(IllegalArgumentException);
    expect(() => triggerIntervalMs('1 month')).toThrow(
      "Doesn't support month or year interval: 1 month",
    );
    expect(() => triggerIntervalMs('-1 seconds')).toThrow(
      'requirement failed: the interval of trigger should not be negative',
    );
    expect(() => triggerIntervalMs('ten seconds')).toThrow(/INVALID_INTERVAL_FORMAT/);
  });
});

describe('Trigger.Once and Trigger.AvailableNow (TriggerAvailableNowSuite)', () => {
  it('once: one batch with everything available, no no-data batch, then the query stops', async () => {
    const plan = eventTimePlan(seconds(5));
    const source = new MemoryStream(plan.outputSchema);
    source.maxBatchesPerTrigger = 1;
    source.addData([{ word: 'a', ts: seconds(10) }]);
    source.addData([{ word: 'b', ts: seconds(20) }]);
    const sink = new RecordingSink();
    const t = startTestQuery({ plan, source, sink, trigger: { kind: 'once' } });
    running.push(t);
    await t.query.awaitTermination();
    expect(t.query.isActive).toBe(false);
    expect(plan.contexts.map((c) => c.batchId)).toEqual([0]);
    expect(t.query.status.message).toBe('Stopped');
    expect(source.stopped).toBe(true);
  });

  it('availableNow: the data present at start in as many batches as the limit needs, the trailing no-data batch, then stop', async () => {
    const plan = eventTimePlan(seconds(5));
    const source = new MemoryStream(plan.outputSchema);
    source.maxBatchesPerTrigger = 1;
    source.addData([{ word: 'a', ts: seconds(10) }]);
    source.addData([{ word: 'b', ts: seconds(20) }]);
    const sink = new RecordingSink();
    const t = startTestQuery({ plan, source, sink, trigger: { kind: 'availableNow' } });
    running.push(t);
    source.addData([{ word: 'late arrival', ts: seconds(30) }]);
    await t.query.awaitTermination();
    expect(plan.contexts.map((c) => [c.batchId, c.noData])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    // 'a' (10 s) is emitted by the no-data batch once the watermark is 20 s − 5 s; 'b' stays in state
    expect(sink.calls.flatMap((c) => c.rows.map((r) => r.word))).toEqual(['a']);
    expect(t.query.isActive).toBe(false);
  });

  it('processingTime: batches start on interval boundaries', async () => {
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      trigger: { kind: 'processingTime', interval: '50 milliseconds' },
    });
    running.push(t);
    for (let i = 0; i < 3; i++) {
      source.addData([{ value: i }]);
      await t.query.processAllAvailable();
    }
    // each trigger waits for the next multiple of 50 ms, so no two triggers share a 50 ms slot
    const slots = t.query.recentProgress.map((p) => Math.floor(Date.parse(p.timestamp) / 50));
    expect(slots.length).toBeGreaterThan(1);
    for (let i = 1; i < slots.length; i++) expect(slots[i]).toBeGreaterThan(slots[i - 1]);
  });
});
