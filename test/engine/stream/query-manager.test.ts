import { afterEach, describe, expect, it } from 'vitest';
import { IllegalArgumentException, StreamingQueryException } from '../../../engine/errors';
import {
  QueryProgressEvent,
  QueryStartedEvent,
  QueryTerminatedEvent,
  StreamingQueryListener,
  StreamingQueryListenerBus,
} from '../../../engine/stream/listener';
import { StreamingQueryManager } from '../../../engine/stream/query-manager';
import {
  MemoryStream,
  passThroughPlan,
  RecordingSink,
  startTestQuery,
  type TestQuery,
} from './stream-fixtures';

const running: TestQuery[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.query.stop();
});

describe('StreamingQueryManager (StreamingQueryManagerSuite)', () => {
  it('lists active queries, finds them by id, and forgets them when they stop', async () => {
    const manager = new StreamingQueryManager({});
    const a = startTestQuery({
      plan: passThroughPlan(),
      sink: new RecordingSink(),
      manager,
      name: 'a',
    });
    const b = startTestQuery({ plan: passThroughPlan(), sink: new RecordingSink(), manager });
    running.push(a, b);
    expect(manager.active.map((q) => q.name)).toEqual(['a', null]);
    expect(manager.get(a.query.id)).toBe(a.query);
    await a.query.stop();
    expect(manager.active).toEqual([b.query]);
    expect(manager.get(a.query.id)).toBeNull();
  });

  it('refuses a second active query with the same name', () => {
    const manager = new StreamingQueryManager({});
    running.push(
      startTestQuery({
        plan: passThroughPlan(),
        sink: new RecordingSink(),
        manager,
        name: 'counts',
      }),
    );
    const second = () =>
      startTestQuery({
        plan: passThroughPlan(),
        sink: new RecordingSink(),
        manager,
        name: 'counts',
      });
    expect(second).toThrow(IllegalArgumentException);
    expect(second).toThrow(
      'Cannot start query with name counts as a query with that name is already active in this SparkSession',
    );
  });

  it('refuses a second active run of the same query id (same checkpoint)', () => {
    const manager = new StreamingQueryManager({});
    running.push(
      startTestQuery({
        plan: passThroughPlan(),
        sink: new RecordingSink(),
        manager,
        id: 'same-id',
      }),
    );
    expect(() =>
      startTestQuery({
        plan: passThroughPlan(),
        sink: new RecordingSink(),
        manager,
        id: 'same-id',
      }),
    ).toThrow(/Cannot start query with id same-id as another query with same id is already active/);
  });

  it('awaitAnyTermination waits for any query, rethrows a failure, and resetTerminated forgets it', async () => {
    const manager = new StreamingQueryManager({});
    expect(await manager.awaitAnyTermination(20)).toBe(false);
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(undefined, 0),
      source,
      sink: new RecordingSink(),
      manager,
    });
    running.push(t);
    const waiting = manager.awaitAnyTermination();
    source.addData([{ value: 1 }]);
    await expect(waiting).rejects.toBeInstanceOf(StreamingQueryException);
    await expect(manager.awaitAnyTermination(10)).rejects.toBeInstanceOf(StreamingQueryException);
    manager.resetTerminated();
    expect(await manager.awaitAnyTermination(10)).toBe(false);
    const ok = startTestQuery({ plan: passThroughPlan(), sink: new RecordingSink(), manager });
    await ok.query.stop();
    expect(await manager.awaitAnyTermination(10)).toBe(true);
  });
});

describe('StreamingQueryListener (StreamingQueryListenerSuite)', () => {
  it('hears started, progress and terminated events in order, with Spark shapes', async () => {
    const manager = new StreamingQueryManager({});
    const events: string[] = [];
    let terminated: QueryTerminatedEvent | null = null;
    class Recorder extends StreamingQueryListener {
      override onQueryStarted(e: QueryStartedEvent): void {
        events.push(`started ${e.name}`);
      }
      override onQueryProgress(e: QueryProgressEvent): void {
        events.push(`progress ${e.progress.batchId}`);
      }
      override onQueryTerminated(e: QueryTerminatedEvent): void {
        events.push('terminated');
        terminated = e;
      }
    }
    manager.addListener(new Recorder());
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      manager,
      name: 'q',
    });
    expect(events).toEqual(['started q']);
    source.addData([{ value: 1 }]);
    await t.query.processAllAvailable();
    await t.query.stop();
    expect(events).toEqual(['started q', 'progress 0', 'terminated']);
    expect(terminated!.json()).toBe(`{"id":"${t.query.id}","runId":"${t.query.runId}"}`);
  });

  it('reports the failure in QueryTerminatedEvent', async () => {
    const manager = new StreamingQueryManager({});
    const seen: QueryTerminatedEvent[] = [];
    manager.addListener({ onQueryTerminated: (e) => void seen.push(e) });
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(undefined, 0),
      source,
      sink: new RecordingSink(),
      manager,
    });
    source.addData([{ value: 1 }]);
    await t.query.awaitTermination().catch(() => undefined);
    expect(seen[0].errorClassOnException).toBe('STREAM_FAILED');
    expect(seen[0].exception).toContain('terminated with exception: Division by zero in batch 0');
  });

  it('a throwing or rejecting listener neither stops the query nor the other listeners', async () => {
    const reported: unknown[] = [];
    const bus = new StreamingQueryListenerBus((e) => reported.push(e));
    const manager = new StreamingQueryManager({});
    (manager as unknown as { listenerBus: StreamingQueryListenerBus }).listenerBus.add({
      onQueryProgress: () => {
        throw new Error('listener bug');
      },
    });
    manager.addListener({
      onQueryProgress: async () => Promise.reject(new Error('async listener bug')),
    });
    const progress: number[] = [];
    manager.addListener({ onQueryProgress: (e) => void progress.push(e.progress.batchId) });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const source = new MemoryStream();
    const t = startTestQuery({
      plan: passThroughPlan(),
      source,
      sink: new RecordingSink(),
      manager,
    });
    running.push(t);
    source.addData([{ value: 1 }]);
    await t.query.processAllAvailable();
    source.addData([{ value: 2 }]);
    await t.query.processAllAvailable();
    await new Promise((r) => setTimeout(r, 10));
    process.off('warning', onWarning);
    expect(t.query.isActive).toBe(true);
    expect(progress).toEqual([0, 1]);
    expect(warnings.some((w) => w.includes('listener bug'))).toBe(true);
    // the bus reports each failure to its error callback
    bus.add({
      onQueryStarted: () => {
        throw new Error('x');
      },
    });
    bus.post(new QueryStartedEvent('i', 'r', null, 't'));
    expect(reported).toHaveLength(1);
    manager.removeListener(manager.listListeners()[2]);
    expect(manager.listListeners()).toHaveLength(2);
  });
});
