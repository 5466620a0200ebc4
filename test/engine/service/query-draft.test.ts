/**
 * analyzeDraft: the query form's draft analysed with the engine's own API and checks —
 * per-step schemas, the first error with its field and position, the output modes, sinks
 * and triggers Spark allows (and why not), the spec and its code views.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataFrame } from '../../../engine/plan/dataframe';
import type { QuerySpec } from '../../../engine/plan/logical-plan';
import { EngineService } from '../../../engine/service/engine-service';
import { analyzeDraft } from '../../../engine/service/query-draft';
import type {
  DraftAnalysis,
  DraftStep,
  HostResponse,
  QueryDraft,
  QueryInfo,
} from '../../../engine/service/protocol';
import { Session } from '../../../engine/session';
import { labSchema } from '../../fixtures/lab-schema';

const APPEND_WITHOUT_WATERMARK =
  'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark';

let session: Session;
let dir: string;
let input: string;

beforeAll(() => {
  session = Session.builder().appName('query-draft-test').getOrCreate();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-draft-'));
  input = join(dir, 'Iot');
  mkdirSync(input);
  const records = [
    {
      Creation_Time: '2015-02-23 10:00:00',
      Device: 'nexus4_1',
      Model: 'nexus4',
      User: 'a',
      gt: 'stand',
      x: 0.5,
    },
    {
      Creation_Time: '2015-02-23 10:00:30',
      Device: 'nexus4_1',
      Model: 'nexus4',
      User: 'a',
      gt: 'walk',
      x: 1.5,
    },
    {
      Creation_Time: '2015-02-23 10:01:10',
      Device: 'nexus4_2',
      Model: null,
      User: 'b',
      gt: 'walk',
      x: null,
    },
    {
      Creation_Time: '2015-02-23 10:03:00',
      Device: 's3_1',
      Model: 's3',
      User: 'c',
      gt: 'sit',
      x: 3,
    },
  ];
  writeFileSync(
    join(input, 'part-0.json'),
    records.map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
});
afterEach(async () => {
  for (const q of session.streams.active) await q.stop();
  session.streams.resetTerminated();
  for (const t of session.catalog.listTables()) session.catalog.dropTable(t.name);
});
afterAll(async () => {
  await session.stop();
  rmSync(dir, { recursive: true, force: true });
});

function draft(
  steps: DraftStep[],
  sink: Partial<QueryDraft['sink']> = {},
  schema: unknown = labSchema().jsonValue(),
): QueryDraft {
  return {
    name: 'activity_count',
    source: { path: input, format: 'json', schema, options: {} },
    steps,
    sink: {
      format: 'memory',
      outputMode: 'complete',
      options: {},
      trigger: { kind: 'availableNow' },
      ...sink,
    },
  };
}

const names = (schema: unknown): string[] =>
  (schema as { fields: { name: string }[] }).fields.map((f) => f.name);
const allowed = (a: DraftAnalysis, list: 'outputModes' | 'sinks' | 'triggers', value: string) =>
  a[list].find((c) => c.value === value);
/** The text an error's context points at. */
const pointedAt = (a: DraftAnalysis): string => {
  const c = a.error?.context;
  return c?.text?.slice(c.start, c.stop) ?? '';
};

const activityCount: DraftStep = { kind: 'groupBy', keys: ['gt'], aggs: [] };

describe('analyzeDraft: a draft that analyses', () => {
  it('hands-on 2: the activity count draft gives a spec that the host API starts', async () => {
    const a = analyzeDraft(session, draft([activityCount]));
    expect(a.error).toBeNull();
    expect(a.isStreaming).toBe(true);
    expect(names(a.outputSchema)).toEqual(['gt', 'count']);
    expect(a.spec?.sink).toEqual({
      format: 'memory',
      outputMode: 'complete',
      options: {},
      trigger: { kind: 'availableNow' },
      queryName: 'activity_count',
    });
    // The source is named after its folder, so the code reads as the lab's does.
    expect(a.spec?.plan).toMatchObject({ op: 'aggregate', input: { op: 'source', id: 'iot' } });
    expect(a.code.typescript).toContain(
      "const activityCount = iotStream\n  .groupBy('gt')\n  .count();",
    );
    expect(a.code.pyspark).toContain('.groupBy("gt").count()');
    expect(a.code.sparkSql).toBe('SELECT gt, count(1) AS count\nFROM iot\nGROUP BY gt');
    expect(a.code.sparkSqlReason).toBeNull();

    const service = new EngineService({ session, onEvent: () => undefined });
    const response = (await service.handle({
      type: 'startQuery',
      spec: a.spec!,
      id: 1,
    })) as HostResponse;
    expect(response.ok).toBe(true);
    const info = (response as Extract<HostResponse, { ok: true }>).result as QueryInfo;
    expect(info.name).toBe('activity_count');
    await session.streams.get(info.id)!.awaitTermination();
    const rows = await session.table('activity_count').collect();
    expect(rows.sort((x, y) => String(x.gt).localeCompare(String(y.gt)))).toEqual([
      { gt: 'sit', count: 1 },
      { gt: 'stand', count: 1 },
      { gt: 'walk', count: 2 },
    ]);
    await service.stop();
  });

  it('gives the schema after each step, source first', () => {
    const a = analyzeDraft(
      session,
      draft(
        [
          { kind: 'filter', condition: "gt != 'sit'" },
          { kind: 'withColumn', name: 'fast', expr: 'x > 1' },
          { kind: 'select', exprs: ['gt', 'Model', 'fast', 'x * 2 AS x2'] },
          { kind: 'rename', from: 'Model', to: 'model' },
          { kind: 'drop', columns: ['fast'] },
          { kind: 'naDrop', how: 'all', thresh: null, subset: ['x2'] },
          { kind: 'naFill', value: "'unknown'", subset: ['model'] },
          { kind: 'dropDuplicates', columns: ['gt', 'model'] },
        ],
        { outputMode: 'append' },
      ),
    );
    expect(a.error).toBeNull();
    expect(a.steps.map((s) => s.index)).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(a.steps.map((s) => names(s.schema))).toEqual([
      labSchema().names,
      labSchema().names,
      [...labSchema().names, 'fast'],
      ['gt', 'Model', 'fast', 'x2'],
      ['gt', 'model', 'fast', 'x2'],
      ['gt', 'model', 'x2'],
      ['gt', 'model', 'x2'],
      ['gt', 'model', 'x2'],
      ['gt', 'model', 'x2'],
    ]);
    const fields = (a.steps[3].schema as { fields: { name: string; type: unknown }[] }).fields;
    expect(fields.find((f) => f.name === 'x2')?.type).toBe('double');
    expect(allowed(a, 'outputModes', 'append')).toEqual({
      value: 'append',
      allowed: true,
      reason: null,
    });
    expect(allowed(a, 'outputModes', 'complete')?.allowed).toBe(false);
    expect(a.spec).not.toBeNull();
  });

  it('a watermark and a window: append is allowed, and the spec runs', async () => {
    const a = analyzeDraft(
      session,
      draft(
        [
          { kind: 'watermark', column: 'Creation_Time', delay: '10 seconds' },
          {
            kind: 'groupBy',
            keys: ["window(Creation_Time, '1 minute')"],
            aggs: ['count(*) AS n', 'avg(x) AS avg_x'],
          },
        ],
        { outputMode: 'append' },
      ),
    );
    expect(a.error).toBeNull();
    expect(names(a.outputSchema)).toEqual(['window', 'n', 'avg_x']);
    expect(a.outputModes.map((m) => [m.value, m.allowed])).toEqual([
      ['append', true],
      ['update', true],
      ['complete', true],
    ]);
    // withWatermark has no SQL clause, so there is no Spark SQL form, and the reason says so.
    expect(a.code.sparkSql).toBeNull();
    expect(a.code.sparkSqlReason).toMatch(/watermark/i);
    expect(a.code.typescript).toContain(".withWatermark('Creation_Time', '10 seconds')");

    const spec = a.spec as QuerySpec;
    const query = new DataFrame(spec.plan, session).writeStream
      .format('memory')
      .outputMode('append')
      .queryName(spec.sink.queryName!)
      .trigger({ availableNow: true })
      .start();
    await query.awaitTermination();
    const rows = await session.table('activity_count').collect();
    // The watermark reaches 10:02:50 (10:03:00 - 10 s): the 10:00 window (2 records) and the
    // 10:01 one (1) are closed and emitted; the 10:03 one is still open.
    expect(rows.map((r) => r.n).sort()).toEqual([1, 2]);
  });
});

describe('analyzeDraft: errors with their field and position', () => {
  it('an unknown column in a filter: UNRESOLVED_COLUMN pointing at the name in the condition', () => {
    const a = analyzeDraft(
      session,
      draft([{ kind: 'filter', condition: "x > 0 AND gtt = 'walk'" }, activityCount]),
    );
    expect(a.error?.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(a.error?.context).toEqual({ text: "x > 0 AND gtt = 'walk'", start: 10, stop: 13 });
    expect(pointedAt(a)).toBe('gtt');
    expect(a.steps[1]).toEqual({ index: 0, schema: null, error: a.error, field: 'condition' });
    expect(a.steps[2]).toEqual({ index: 1, schema: null, error: null, field: null });
    expect(a.spec).toBeNull();
    expect(a.outputSchema).toBeNull();
    expect(a.code).toEqual({
      typescript: null,
      pyspark: null,
      sparkSql: null,
      sparkSqlReason: null,
    });
    expect(a.outputModes.every((m) => !m.allowed && m.reason === null)).toBe(true);
  });

  it('a parse error: PARSE_SYNTAX_ERROR at the offending token of that expression', () => {
    const a = analyzeDraft(
      session,
      draft([{ kind: 'select', exprs: ['gt', 'x > > 0'] }], { outputMode: 'append' }),
    );
    expect(a.error?.name).toBe('ParseException');
    expect(a.error?.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(a.error?.context).toEqual({ text: 'x > > 0', start: 4, stop: 5 });
    expect(a.steps[1].field).toBe('exprs[1]');
  });

  it('names the failing key or aggregate of a groupBy, with the position inside it', () => {
    const key = analyzeDraft(
      session,
      draft([{ kind: 'groupBy', keys: ['gt', 'upper(modl)'], aggs: [] }]),
    );
    expect(key.steps[1].field).toBe('keys[1]');
    expect(pointedAt(key)).toBe('modl');

    const agg = analyzeDraft(
      session,
      draft([{ kind: 'groupBy', keys: ['gt'], aggs: ['avg(x) AS a', 'x'] }]),
    );
    expect(agg.error?.errorClass).toBe('MISSING_AGGREGATION');
    expect(agg.steps[1].field).toBe('aggs[1]');
    // The engine gives no offsets for a whole-expression error: the whole field is marked.
    expect(agg.error?.context).toEqual({ text: 'x', start: 0, stop: 1 });
  });

  it('names the watermark delay, the fill value and an unknown subset column', () => {
    const delay = analyzeDraft(
      session,
      draft([{ kind: 'watermark', column: 'Creation_Time', delay: '10 minutez' }]),
    );
    expect(delay.error?.errorClass).toBe('CANNOT_PARSE_INTERVAL');
    expect(delay.steps[1].field).toBe('delay');

    const column = analyzeDraft(
      session,
      draft([{ kind: 'watermark', column: 'x', delay: '10 minutes' }]),
    );
    expect(column.error?.errorClass).toBe('EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE');
    expect(column.steps[1].field).toBe('column');

    const value = analyzeDraft(session, draft([{ kind: 'naFill', value: 'x + 1', subset: [] }]));
    expect(value.error?.message).toContain('[NOT_BOOL_OR_DICT_OR_FLOAT_OR_INT_OR_STR]');
    expect(value.steps[1].field).toBe('value');

    const subset = analyzeDraft(
      session,
      draft([{ kind: 'naDrop', how: 'any', thresh: null, subset: ['gt', 'nope'] }]),
    );
    expect(subset.error?.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(subset.steps[1].field).toBe('subset[1]');
  });

  it('a source without a schema stops at the source with Spark\'s "Schema must be specified"', () => {
    const a = analyzeDraft(session, draft([activityCount], {}, null));
    expect(a.steps).toEqual([
      { index: -1, schema: null, error: a.error, field: 'schema' },
      { index: 0, schema: null, error: null, field: null },
    ]);
    expect(a.error?.message).toMatch(
      /^Schema must be specified when creating a streaming source DataFrame/,
    );
    expect(a.sinks).toEqual([]);
    expect(a.triggers).toEqual([]);
  });
});

describe('analyzeDraft: output modes, sinks and triggers', () => {
  it("append on a groupBy without watermark is refused with Spark's reason; update and complete are allowed", () => {
    const a = analyzeDraft(session, draft([activityCount], { outputMode: 'append' }));
    expect(a.outputModes).toEqual([
      { value: 'append', allowed: false, reason: APPEND_WITHOUT_WATERMARK },
      { value: 'update', allowed: true, reason: null },
      { value: 'complete', allowed: true, reason: null },
    ]);
    // The chosen mode is refused: no spec, the reason is the error, the code still shows.
    expect(a.spec).toBeNull();
    expect(a.error?.message).toBe(APPEND_WITHOUT_WATERMARK);
    expect(a.steps.every((s) => s.error === null)).toBe(true);
    expect(a.code.typescript).not.toBeNull();
  });

  it('a file sink takes append only: json with update is refused', () => {
    const a = analyzeDraft(
      session,
      draft([activityCount], {
        format: 'json',
        outputMode: 'update',
        options: { path: join(dir, 'out') },
      }),
    );
    expect(a.sinks.map((s) => s.value)).toEqual([
      'memory',
      'console',
      'noop',
      'json',
      'csv',
      'parquet',
      'kafka',
    ]);
    expect(allowed(a, 'sinks', 'memory')).toEqual({ value: 'memory', allowed: true, reason: null });
    expect(allowed(a, 'sinks', 'json')).toEqual({
      value: 'json',
      allowed: false,
      reason:
        '[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: update. This output mode is not supported in Data Source json. SQLSTATE: 42KDE',
    });
    expect(a.spec).toBeNull();
    expect(a.error?.errorClass).toBe('STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE');
  });

  it('triggers: all kinds run; a processing-time interval that does not parse is refused', () => {
    const ok = analyzeDraft(
      session,
      draft([activityCount], { trigger: { kind: 'processingTime', interval: '5 seconds' } }),
    );
    expect(ok.triggers.map((t) => [t.value, t.allowed])).toEqual([
      ['default', true],
      ['processingTime', true],
      ['once', true],
      ['availableNow', true],
    ]);
    expect(ok.spec?.sink.trigger).toEqual({ kind: 'processingTime', interval: '5 seconds' });

    const bad = analyzeDraft(
      session,
      draft([activityCount], { trigger: { kind: 'processingTime', interval: 'soon' } }),
    );
    expect(allowed(bad, 'triggers', 'processingTime')?.allowed).toBe(false);
    expect(allowed(bad, 'triggers', 'processingTime')?.reason).toContain('soon');
    expect(bad.spec).toBeNull();
  });
});
