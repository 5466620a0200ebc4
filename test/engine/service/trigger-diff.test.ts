import { tableFromIPC } from 'apache-arrow';
import { mkdtempSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { EngineService } from '../../../engine/service/engine-service';
import type {
  EngineEvent,
  HostResponse,
  RequestBody,
  TriggerTable,
} from '../../../engine/service/protocol';
import { changedRows, keyedDiff, resultKeyColumns } from '../../../engine/service/trigger-diff';
import { Session } from '../../../engine/session';
import { parseDDL } from '../../../engine/types/ddl';

const schema = parseDDL('gt STRING, count BIGINT');
const table = (rows: [string | null, number][]) =>
  ColumnBatch.fromRows(
    schema,
    rows.map(([gt, count]) => ({ gt, count })),
  );

describe('changedRows: rows of the result table not present after the previous trigger', () => {
  it('marks every row of the first trigger', () => {
    expect(
      changedRows(
        table([
          ['sit', 1],
          ['walk', 2],
        ]),
        null,
      ),
    ).toEqual([0, 1]);
  });

  it('marks groups whose count moved and new groups, as Update mode would emit them (complete-mode activity count)', () => {
    const before = table([
      ['sit', 10],
      ['walk', 5],
      [null, 1],
    ]);
    const after = table([
      ['walk', 5],
      ['sit', 12],
      [null, 1],
      ['bike', 3],
    ]);
    expect(changedRows(after, before)).toEqual([1, 3]);
  });

  it('compares rows as multisets, so a duplicated row is new once', () => {
    const before = table([['sit', 1]]);
    expect(
      changedRows(
        table([
          ['sit', 1],
          ['sit', 1],
        ]),
        before,
      ),
    ).toEqual([1]);
  });

  it('tells NULL from the string "null" and an unchanged table has no changed rows', () => {
    const before = table([[null, 1]]);
    expect(changedRows(table([['null', 1]]), before)).toEqual([0]);
    expect(changedRows(table([[null, 1]]), before)).toEqual([]);
  });

  it('treats a table with another schema as all new', () => {
    const other = ColumnBatch.fromRows(parseDDL('gt STRING, n INT'), [{ gt: 'sit', n: 1 }]);
    expect(changedRows(table([['sit', 1]]), other)).toEqual([0]);
  });
});

describe('keyedDiff: the change split by the aggregation’s grouping key (+I / +U / -D)', () => {
  it('tells new groups (added) from groups whose count moved (updated) and lists vanished groups', () => {
    const before = table([
      ['sit', 10],
      ['walk', 5],
      [null, 1],
      ['stairsup', 2],
    ]);
    const after = table([
      ['walk', 5],
      ['sit', 12],
      [null, 1],
      ['bike', 3],
    ]);
    expect(keyedDiff(after, before, ['gt'])).toEqual({
      keyColumns: ['gt'],
      added: [3],
      updated: [1],
      removed: [3],
    });
  });

  it('keys the NULL group like any other group', () => {
    expect(keyedDiff(table([[null, 2]]), table([[null, 1]]), ['gt'])).toMatchObject({
      added: [],
      updated: [0],
      removed: [],
    });
  });

  it('compares whole rows when the key columns do not lead the table', () => {
    const before = table([['sit', 10]]);
    const after = table([['sit', 11]]);
    expect(keyedDiff(after, before, ['count'])).toEqual({
      keyColumns: [],
      added: [0],
      updated: [],
      removed: [0],
    });
  });

  it('compares whole rows when a key repeats (a memory sink in update mode appends every version)', () => {
    const before = table([['sit', 1]]);
    const after = table([
      ['sit', 1],
      ['sit', 2],
    ]);
    expect(keyedDiff(after, before, ['gt'])).toEqual({
      keyColumns: [],
      added: [1],
      updated: [],
      removed: [],
    });
  });

  it('marks every row added on the first trigger and after a schema change', () => {
    const rows = table([
      ['sit', 1],
      ['walk', 2],
    ]);
    expect(keyedDiff(rows, null, ['gt'])).toEqual({
      keyColumns: [],
      added: [0, 1],
      updated: [],
      removed: [],
    });
    const other = ColumnBatch.fromRows(parseDDL('gt STRING, n INT'), [{ gt: 'sit', n: 1 }]);
    expect(keyedDiff(rows, other, ['gt'])).toEqual({
      keyColumns: [],
      added: [0, 1],
      updated: [],
      removed: [0],
    });
  });

  it('agrees with changedRows: added ∪ updated are the changed rows when keys are unique', () => {
    const before = table([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const after = table([
      ['c', 4],
      ['a', 1],
      ['d', 1],
    ]);
    const d = keyedDiff(after, before, ['gt']);
    expect([...d.added, ...d.updated].sort()).toEqual(changedRows(after, before));
  });
});

describe('resultKeyColumns: the grouping columns of the query’s aggregation', () => {
  const session = Session.builder().appName('trigger-diff-test').getOrCreate();
  const sensors = session.createDataFrame(
    [{ gt: 'sit', User: 'a', x: 1 }],
    parseDDL('gt STRING, User STRING, x DOUBLE'),
  );

  it('names the keys as the aggregation outputs them, through later projections', () => {
    expect(resultKeyColumns(sensors.groupBy('gt').count().plan, session)).toEqual(['gt']);
    expect(
      resultKeyColumns(sensors.groupBy('User', 'gt').agg({ x: 'avg' }).filter('User > ""').plan, session),
    ).toEqual(['User', 'gt']);
  });

  it('has no key without an aggregation, or for rollup (subtotal rows repeat keys)', () => {
    expect(resultKeyColumns(sensors.select('gt', 'x').plan, session)).toEqual([]);
    expect(resultKeyColumns(sensors.rollup('User', 'gt').count().plan, session)).toEqual([]);
  });
});

describe('EngineService sends each trigger’s keyed diff with its result table', () => {
  let dir: string;
  let service: EngineService;
  const events: EngineEvent[] = [];
  let nextId = 1;
  const call = (body: RequestBody): Promise<HostResponse> =>
    service.handle({ ...body, id: nextId++ } as never);
  const result = (queryId: string, batchId: number): TriggerTable | undefined =>
    events
      .flatMap((e) => (e.type === 'triggerResult' ? [e.table] : []))
      .find((t) => t.queryId === queryId && t.batchId === batchId);

  /** Writes a JSON-lines file the way a sync tool does: a hidden temp file, then a rename. */
  const drop = async (name: string, rows: readonly object[]): Promise<void> => {
    const tmp = join(dir, 'in', `.${name}.tmp`);
    await writeFile(tmp, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await rename(tmp, join(dir, 'in', name));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tidemark-trigger-diff-'));
    await mkdir(join(dir, 'in'));
    service = new EngineService({
      session: Session.builder().appName('trigger-diff-service-test').getOrCreate(),
      onEvent: (e) => events.push(e),
    });
  });

  afterAll(async () => {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('batch 1 of a complete-mode count: one group added, one updated, the removed rows absent', async () => {
    await drop('part-0.json', [{ gt: 'sit' }, { gt: 'walk' }]);
    const df = service.session.readStream
      .schema(parseDDL('gt STRING'))
      .json(join(dir, 'in'))
      .groupBy('gt')
      .count();
    const spec = {
      plan: df.plan,
      sink: df.writeStream.format('memory').queryName('counts').outputMode('complete').toSinkSpec(),
    };
    const started = await call({ type: 'startQuery', spec });
    expect(started.ok).toBe(true);
    const queryId = (started as Extract<HostResponse, { ok: true }>).result as { id: string };
    await expect.poll(() => result(queryId.id, 0) !== undefined, { timeout: 20_000 }).toBe(true);
    expect(result(queryId.id, 0)!.diff).toMatchObject({
      keyColumns: [],
      updated: [],
      numRemoved: 0,
      removedIpc: null,
    });
    expect([...result(queryId.id, 0)!.diff!.added].sort()).toEqual([0, 1]);

    await drop('part-1.json', [{ gt: 'sit' }, { gt: 'bike' }]);
    await expect.poll(() => result(queryId.id, 1) !== undefined, { timeout: 20_000 }).toBe(true);
    const table = result(queryId.id, 1)!;
    const gts = [...tableFromIPC(table.ipc).getChild('gt')!].map(String);
    expect(table.diff!.keyColumns).toEqual(['gt']);
    expect(table.diff!.added.map((r) => gts[r])).toEqual(['bike']);
    expect(table.diff!.updated.map((r) => gts[r])).toEqual(['sit']);
    expect(table.diff!.numRemoved).toBe(0);

    // getTriggerTable gives the same diff for an earlier trigger (the timeline's "batch N").
    const again = await call({ type: 'getTriggerTable', queryId: queryId.id, batchId: 1 });
    expect((again as Extract<HostResponse, { ok: true }>).result).toMatchObject({
      diff: { keyColumns: ['gt'], added: table.diff!.added, updated: table.diff!.updated },
    });
  });

  it('lists rows gone from an append-mode table kept whole-row (none: append only adds)', async () => {
    const df = service.session.readStream
      .schema(parseDDL('gt STRING'))
      .json(join(dir, 'in'))
      .select('gt');
    const spec = {
      plan: df.plan,
      sink: df.writeStream.format('memory').queryName('raw').outputMode('append').toSinkSpec(),
    };
    const started = (await call({ type: 'startQuery', spec })) as Extract<HostResponse, { ok: true }>;
    const id = (started.result as { id: string }).id;
    await expect.poll(() => result(id, 0) !== undefined, { timeout: 20_000 }).toBe(true);
    expect(result(id, 0)!.diff).toMatchObject({ keyColumns: [], updated: [], numRemoved: 0 });
    expect(result(id, 0)!.diff!.added).toHaveLength(4);
  });

  it('keys the lab demo’s activity count by gt', async () => {
    const demoService = new EngineService({
      session: Session.builder().appName('trigger-diff-demo-test').getOrCreate(),
      demo: { dir: join(dir, 'sensors'), filesPerSecond: 4, rowsPerFile: 20 },
      onEvent: (e) => events.push(e),
    });
    try {
      const started = (await demoService.handle({ type: 'startDemo', id: 1 })) as Extract<
        HostResponse,
        { ok: true }
      >;
      const id = (started.result as { query: { id: string } }).query.id;
      await expect.poll(() => result(id, 1) !== undefined, { timeout: 20_000 }).toBe(true);
      expect(result(id, 1)!.diff!.keyColumns).toEqual(['gt']);
    } finally {
      await demoService.stop();
    }
  });
});
