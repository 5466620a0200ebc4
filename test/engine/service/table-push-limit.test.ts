/**
 * setTablePushLimit (issue 8: the renderer stays responsive at full engine speed): result
 * tables over the limit are no longer pushed with `triggerResult`, every trigger still
 * reports its progress, and the page fetches the table it shows with getTriggerTable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSensorFolder } from '../../../engine/io/simulator/index';
import { EngineService } from '../../../engine/service/engine-service';
import type { EngineEvent, HostResponse, QueryDraft, RequestBody } from '../../../engine/service/protocol';
import { parseDDL } from '../../../engine/types/ddl';
import { Session } from '../../../engine/session';

const LAB_DDL =
  'Arrival_Time TIMESTAMP, Creation_Time TIMESTAMP, Device STRING, Index BIGINT, Model STRING, User STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE';

describe('EngineService: setTablePushLimit', () => {
  let root: string;
  let service: EngineService;
  const events: EngineEvent[] = [];
  let nextId = 1;
  const call = (body: RequestBody): Promise<HostResponse> => service.handle({ ...body, id: nextId++ } as never);
  const ok = async <T>(body: RequestBody): Promise<T> => {
    const r = await call(body);
    if (!r.ok) throw new Error(r.error.message);
    return r.result as T;
  };

  /** Three files of 10 rows, one per trigger, copied into an append-mode memory table. */
  function draft(name: string, dir: string): QueryDraft {
    const setup = {
      path: dir,
      format: 'json',
      schema: parseDDL(LAB_DDL).jsonValue(),
      options: { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms', maxFilesPerTrigger: '1' },
    };
    return {
      name,
      source: setup,
      steps: [],
      sink: { format: 'memory', outputMode: 'append', options: {}, trigger: { kind: 'availableNow' } },
    } as QueryDraft;
  }

  async function runToEnd(name: string, dir: string): Promise<string> {
    const analysis = await ok<{ spec: unknown }>({ type: 'analyzeDraft', draft: draft(name, dir) });
    const info = await ok<{ id: string }>({ type: 'startQuery', spec: analysis.spec } as RequestBody);
    await expect
      .poll(() => events.some((e) => e.type === 'queryTerminated' && e.queryId === info.id), { timeout: 30_000 })
      .toBe(true);
    return info.id;
  }

  const pushedBatches = (queryId: string): number[] =>
    events.flatMap((e) => (e.type === 'triggerResult' && e.table.queryId === queryId ? [e.table.batchId] : []));
  const progressRows = (queryId: string): (number | null)[] =>
    events.flatMap((e) => (e.type === 'progress' && e.queryId === queryId ? [e.trigger.numRows] : []));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tidemark-push-limit-'));
    await writeSensorFolder({ dir: join(root, 'sensors'), files: 3, rowsPerFile: 10, seed: 7 });
    service = new EngineService({
      session: Session.builder().appName('push-limit-test').getOrCreate(),
      onEvent: (e) => events.push(e),
    });
  });

  afterAll(async () => {
    await service.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('pushes every table by default', async () => {
    const id = await runToEnd('pushed_all', join(root, 'sensors'));
    expect(progressRows(id)).toEqual([10, 20, 30]);
    expect(pushedBatches(id)).toEqual([0, 1, 2]);
  });

  it('pushes only tables up to the limit; the others are fetched with getTriggerTable', async () => {
    expect(await ok({ type: 'setTablePushLimit', maxRows: 15 })).toEqual({ maxRows: 15 });
    const id = await runToEnd('pushed_small', join(root, 'sensors'));
    expect(progressRows(id)).toEqual([10, 20, 30]);
    expect(pushedBatches(id)).toEqual([0]);
    const last = await ok<{ batchId: number; numRows: number; changedRows: number[] }>({
      type: 'getTriggerTable',
      queryId: id,
      batchId: 2,
    });
    expect(last).toMatchObject({ batchId: 2, numRows: 30 });
    expect(last.changedRows).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  });

  it('pushes all again after a null limit, and refuses a limit that is not a count', async () => {
    expect(await ok({ type: 'setTablePushLimit', maxRows: null })).toEqual({ maxRows: null });
    const id = await runToEnd('pushed_again', join(root, 'sensors'));
    expect(pushedBatches(id)).toEqual([0, 1, 2]);
    for (const maxRows of [-1, 1.5, '10'] as unknown as number[]) {
      const r = await call({ type: 'setTablePushLimit', maxRows });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/setTablePushLimit: `maxRows` must be a whole number or null/);
    }
  });
});
