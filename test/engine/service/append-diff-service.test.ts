/**
 * The engine service diffs an append-mode memory table by the rows the sink appended
 * (issue 8; trigger-diff.ts appendedDiff): each trigger's changed rows are the new rows, and
 * a table capped by spark.tidemark.memorySink.maxRows (the batch that would pass the cap
 * fails and is not added) keeps the diffs of the triggers before it right.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSensorFolder } from '../../../engine/io/simulator/index';
import { EngineService } from '../../../engine/service/engine-service';
import type {
  EngineEvent,
  HostResponse,
  QueryDraft,
  RequestBody,
  TriggerTable,
} from '../../../engine/service/protocol';
import { Session } from '../../../engine/session';
import { parseDDL } from '../../../engine/types/ddl';

const LAB_DDL =
  'Arrival_Time TIMESTAMP, Creation_Time TIMESTAMP, Device STRING, Index BIGINT, Model STRING, User STRING, gt STRING, x DOUBLE, y DOUBLE, z DOUBLE';

describe('EngineService: diff of an append-mode memory table', () => {
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

  /** Three files of 10 rows, one per trigger, into a memory table in `outputMode`. */
  function draft(name: string, outputMode: 'append' | 'update', options: Record<string, string>): QueryDraft {
    return {
      name,
      source: {
        path: join(root, 'sensors'),
        format: 'json',
        schema: parseDDL(LAB_DDL).jsonValue(),
        options: { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms', maxFilesPerTrigger: '1' },
      },
      steps: [],
      sink: { format: 'memory', outputMode, options, trigger: { kind: 'availableNow' } },
    } as QueryDraft;
  }

  async function run(d: QueryDraft): Promise<string> {
    const analysis = await ok<{ spec: unknown }>({ type: 'analyzeDraft', draft: d });
    const info = await ok<{ id: string }>({ type: 'startQuery', spec: analysis.spec } as RequestBody);
    await expect
      .poll(() => events.some((e) => e.type === 'queryTerminated' && e.queryId === info.id), { timeout: 30_000 })
      .toBe(true);
    return info.id;
  }

  const pushed = (queryId: string): TriggerTable[] =>
    events.flatMap((e) => (e.type === 'triggerResult' && e.table.queryId === queryId ? [e.table] : []));
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tidemark-append-diff-'));
    await writeSensorFolder({ dir: join(root, 'sensors'), files: 3, rowsPerFile: 10, seed: 11 });
    service = new EngineService({
      session: Session.builder().appName('append-diff-test').getOrCreate(),
      onEvent: (e) => events.push(e),
    });
  });

  afterAll(async () => {
    await service.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('marks each trigger\'s appended rows as added, nothing updated or removed', async () => {
    const id = await run(draft('append_diff', 'append', {}));
    const tables = pushed(id);
    expect(tables.map((t) => [t.batchId, t.numRows])).toEqual([[0, 10], [1, 20], [2, 30]]);
    tables.forEach((t, i) => {
      expect(t.changedRows).toEqual(range(10 * i, 10 * i + 10));
      expect(t.diff).toMatchObject({ added: range(10 * i, 10 * i + 10), updated: [], numRemoved: 0, removedIpc: null });
    });
    const held = await ok<TriggerTable>({ type: 'getTriggerTable', queryId: id, batchId: 1 });
    expect(held.changedRows).toEqual(range(10, 20));
  });

  it('does the same in update mode, whose memory table also only grows', async () => {
    const id = await run(draft('update_diff', 'update', {}));
    expect(pushed(id).map((t) => t.changedRows)).toEqual([range(0, 10), range(10, 20), range(20, 30)]);
  });

  it('keeps the diffs right up to the batch the row cap refuses, which fails the query', async () => {
    const id = await run(draft('capped_diff', 'append', { 'spark.tidemark.memorySink.maxRows': '25' }));
    const tables = pushed(id);
    expect(tables.map((t) => [t.batchId, t.numRows])).toEqual([[0, 10], [1, 20]]);
    expect(tables[1].changedRows).toEqual(range(10, 20));
    const terminated = events.find((e) => e.type === 'queryTerminated' && e.queryId === id);
    expect(terminated?.type === 'queryTerminated' ? terminated.error?.message : '').toMatch(/MEMORY_SINK_LIMIT_EXCEEDED|above its limit of 25 rows/);
  });
});
