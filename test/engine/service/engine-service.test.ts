import { tableFromIPC } from 'apache-arrow';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineService } from '../../../engine/service/engine-service';
import { labSensorSchema } from '../../../engine/service/lab-demo';
import type {
  EngineEvent,
  HostResponse,
  QueryInfo,
  RequestBody,
  TriggerTable,
} from '../../../engine/service/protocol';
import { Session } from '../../../engine/session';

/** Σ count over an activity_count table: the rows the query has read. */
function totalCount(ipc: Uint8Array): number {
  const counts = tableFromIPC(ipc).getChild('count')!;
  let n = 0;
  for (const c of counts) n += Number(c);
  return n;
}

describe('EngineService: the lab demo (Hand-on 2, activity count) through the host API', () => {
  let dir: string;
  let service: EngineService;
  const events: EngineEvent[] = [];
  let nextId = 1;
  const call = (body: RequestBody): Promise<HostResponse> =>
    service.handle({ ...body, id: nextId++ } as never);
  const results = (): TriggerTable[] =>
    events.flatMap((e) => (e.type === 'triggerResult' ? [e.table] : []));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tidemark-service-'));
    service = new EngineService({
      session: Session.builder().appName('engine-service-test').getOrCreate(),
      demo: { dir: join(dir, 'sensors'), filesPerSecond: 4, rowsPerFile: 20 },
      onEvent: (e) => events.push(e),
    });
  });

  afterAll(async () => {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the demo: queryStarted, then a progress and a result table per trigger, counts growing', async () => {
    const started = await call({ type: 'startDemo' });
    expect(started.ok).toBe(true);
    const demo = (started as Extract<HostResponse, { ok: true }>).result as {
      dir: string;
      query: QueryInfo;
    };
    expect(demo.dir).toBe(join(dir, 'sensors'));
    expect(demo.query).toMatchObject({
      name: 'activity_count',
      isActive: true,
      outputMode: 'complete',
      sinkFormat: 'memory',
      hasResultTable: true,
      isDemo: true,
    });
    expect(events[0]).toMatchObject({
      type: 'queryStarted',
      query: { id: demo.query.id, triggers: [] },
    });

    await expect.poll(() => results().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const tables = results();
    expect(tables.map((t) => t.batchId).slice(0, 3)).toEqual([0, 1, 2]);
    // The first file (20 rows) was written before the query started.
    expect(totalCount(tables[0].ipc)).toBe(20);
    const totals = tables.map((t) => totalCount(t.ipc));
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeGreaterThan(totals[i - 1]);
    expect(tables[0].changedRows).toEqual(Array.from({ length: tables[0].numRows }, (_, i) => i));

    const progress = events.find((e) => e.type === 'progress' && e.progress.batchId === 0);
    expect(progress).toMatchObject({
      type: 'progress',
      queryId: demo.query.id,
      progress: { name: 'activity_count', numInputRows: 20 },
      trigger: { batchId: 0, numInputRows: 20 },
    });
    // A progress event always precedes its trigger's table.
    const order = events
      .filter((e) => e.type === 'progress' || e.type === 'triggerResult')
      .map((e) => e.type);
    expect(order.slice(0, 4)).toEqual(['progress', 'triggerResult', 'progress', 'triggerResult']);
  });

  it('is idempotent: startDemo while the demo runs returns the same query', async () => {
    const again = await call({ type: 'startDemo' });
    const list = await call({ type: 'listQueries' });
    expect(again.ok && list.ok).toBe(true);
    const queries = (list as Extract<HostResponse, { ok: true }>).result as QueryInfo[];
    expect(queries).toHaveLength(1);
    expect(
      ((again as Extract<HostResponse, { ok: true }>).result as { query: QueryInfo }).query.id,
    ).toBe(queries[0].id);
    expect(queries[0].triggers.length).toBeGreaterThanOrEqual(3);
    expect(queries[0].lastProgress?.name).toBe('activity_count');
  });

  it('returns the table as it was after an earlier trigger (getTriggerTable)', async () => {
    const queryId = results()[0].queryId;
    const r = await call({ type: 'getTriggerTable', queryId, batchId: 1 });
    expect(r.ok).toBe(true);
    const table = (r as Extract<HostResponse, { ok: true }>).result as TriggerTable;
    expect(table.batchId).toBe(1);
    expect(totalCount(table.ipc)).toBe(totalCount(results()[1].ipc));
    const missing = await call({ type: 'getTriggerTable', queryId, batchId: 99_999 });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error.message).toContain('No result table for batch 99999');
  });

  it('answers SQL over the memory table (spark.sql("SELECT * FROM activity_count"))', async () => {
    const r = await call({ type: 'sql', text: 'SELECT gt, count FROM activity_count', maxRows: 2 });
    expect(r.ok).toBe(true);
    const result = (r as Extract<HostResponse, { ok: true }>).result as {
      numRows: number;
      truncated: boolean;
      ipc: Uint8Array;
    };
    expect(result.numRows).toBe(2);
    expect(result.truncated).toBe(true);
    expect(tableFromIPC(result.ipc).schema.fields.map((f) => f.name)).toEqual(['gt', 'count']);
  });

  it('starts a query from a QuerySpec and reports Spark errors as ErrorInfo', async () => {
    const session = service.session;
    const df = session.readStream
      .schema(labSensorSchema())
      .json(join(dir, 'sensors'))
      .select('gt', 'x');
    const spec = {
      plan: df.plan,
      sink: df.writeStream.format('memory').queryName('raw_rows').outputMode('append').toSinkSpec(),
    };
    const r = await call({ type: 'startQuery', spec });
    expect(r.ok).toBe(true);
    const info = (r as Extract<HostResponse, { ok: true }>).result as QueryInfo;
    expect(info).toMatchObject({
      name: 'raw_rows',
      outputMode: 'append',
      sinkFormat: 'memory',
      hasResultTable: true,
      isDemo: false,
    });
    await expect
      .poll(() => results().some((t) => t.queryId === info.id), { timeout: 20_000 })
      .toBe(true);

    const noName = { plan: df.plan, sink: { ...spec.sink, queryName: undefined, options: {} } };
    const refused = await call({ type: 'startQuery', spec: noName });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        name: 'AnalysisException',
        errorClass: '_LEGACY_ERROR_TEMP_1220',
        message: 'queryName must be specified for memory sink',
      },
    });
    const stopped = await call({ type: 'stopQuery', queryId: info.id });
    expect(stopped).toMatchObject({ ok: true, result: { isActive: false } });
  });

  it('stops the demo query: queryTerminated without an error', async () => {
    const queryId = results()[0].queryId;
    const r = await call({ type: 'stopQuery', queryId });
    expect(r).toMatchObject({
      ok: true,
      result: { id: queryId, isActive: false, exception: null },
    });
    expect(events).toContainEqual({ type: 'queryTerminated', queryId, error: null });
  });

  it('refuses malformed requests and unknown queries', async () => {
    const bad = await service.handle({ id: 5, type: 'drop' } as never);
    expect(bad).toMatchObject({
      kind: 'response',
      id: 5,
      ok: false,
      error: { name: 'IllegalArgumentException' },
    });
    const unknown = await call({ type: 'stopQuery', queryId: 'nope' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: 'No query with id nope in this engine.' },
    });
  });
});
