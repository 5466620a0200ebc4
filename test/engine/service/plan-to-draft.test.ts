/**
 * draftFromPlan: plan JSON opens as draft steps. For every step kind, draft → plan → draft
 * gives the same draft (expressions written as exprToSQL prints them) and the same plan;
 * the lab's hands-on 4 and 5 queries built with the DataFrame API open as nodes; plans a
 * draft cannot express say why.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, window } from '../../../engine/index';
import { draftFromPlan } from '../../../engine/service/plan-to-draft';
import type { DraftStep, QueryDraft } from '../../../engine/service/protocol';
import { analyzeDraft } from '../../../engine/service/query-draft';
import { Session } from '../../../engine/session';
import { labSchema } from '../../fixtures/lab-schema';

let session: Session;
// Made when the file loads: the test cases below name these paths as they are collected.
const dir = mkdtempSync(join(tmpdir(), 'tidemark-plan-to-draft-'));
const input = join(dir, 'Iot');
const reference = join(dir, 'devices.json');

beforeAll(() => {
  session = Session.builder().appName('plan-to-draft').getOrCreate();
  mkdirSync(input);
  writeFileSync(reference, '{"Device":"nexus4_1","owner":"ann"}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LAB_OPTIONS = { timestampUnit: 'Creation_Time:ns,Arrival_Time:ms' };

function draftOf(steps: DraftStep[]): QueryDraft {
  return {
    name: 'q',
    source: { path: input, format: 'json', schema: labSchema().jsonValue(), options: LAB_OPTIONS },
    steps,
    sink: { format: 'memory', outputMode: 'update', options: {}, trigger: { kind: 'default' } },
  };
}

/** draft → plan → draft: the same steps and source, and the same plan again. */
function roundTrip(steps: DraftStep[]): void {
  const draft = draftOf(steps);
  const analysis = analyzeDraft(session, draft);
  expect(analysis.error?.message ?? null).toBeNull();
  const back = draftFromPlan(analysis.plan);
  if (!back.ok) throw new Error(back.reason);
  expect(back.steps).toEqual(steps);
  expect(back.source).toEqual(draft.source);
  expect(
    analyzeDraft(session, { ...draft, source: back.source, steps: [...back.steps] }).plan,
  ).toEqual(analysis.plan);
}

describe('draft → plan → draft, every step kind', () => {
  const cases: [string, DraftStep[]][] = [
    ['filter', [{ kind: 'filter', condition: "(gt = 'walk')" }]],
    ['select', [{ kind: 'select', exprs: ['User', '(x * 2) AS x2'] }]],
    ['withColumn', [{ kind: 'withColumn', name: 'speed', expr: 'sqrt(((x * x) + (y * y)))' }]],
    ['rename', [{ kind: 'rename', from: 'gt', to: 'activity' }]],
    ['drop', [{ kind: 'drop', columns: ['Index', 'Arrival_Time'] }]],
    ['naDrop', [{ kind: 'naDrop', how: 'all', thresh: 2, subset: ['x', 'y'] }]],
    ['naFill', [{ kind: 'naFill', value: "'unknown'", subset: ['gt'] }]],
    ['naFill number', [{ kind: 'naFill', value: '0', subset: [] }]],
    ['watermark', [{ kind: 'watermark', column: 'Creation_Time', delay: '10 minutes' }]],
    ['dropDuplicates', [{ kind: 'dropDuplicates', columns: ['Device', 'Index'] }]],
    ['groupBy count()', [{ kind: 'groupBy', keys: ['gt'], aggs: [] }]],
    ['groupBy aggs', [{ kind: 'groupBy', keys: ['User'], aggs: ['avg(x) AS avg_x', 'max(y)'] }]],
    ['cube', [{ kind: 'cube', keys: ['gt', 'Model'], aggs: ['avg(x)'] }]],
    ['rollup', [{ kind: 'rollup', keys: ['gt', 'Model'], aggs: [] }]],
    [
      'join inline rows',
      [
        {
          kind: 'join',
          right: {
            kind: 'rows',
            schema: 'Device STRING, owner STRING',
            rows: [['nexus4_1', 'ann']],
          },
          on: ['Device'],
          condition: '',
          how: 'left',
        },
      ],
    ],
    [
      'join files on a condition',
      [
        {
          kind: 'join',
          right: {
            kind: 'files',
            source: {
              path: reference,
              format: 'json',
              schema: {
                type: 'struct',
                fields: [
                  { name: 'dev', type: 'string', nullable: true, metadata: {} },
                  { name: 'owner', type: 'string', nullable: true, metadata: {} },
                ],
              },
              options: {},
            },
          },
          on: [],
          condition: '(Device = dev)',
          how: 'inner',
        },
      ],
    ],
    [
      'a chain: the lab’s hands-on 5',
      [
        { kind: 'watermark', column: 'Creation_Time', delay: '1 minute' },
        {
          kind: 'groupBy',
          keys: ["window(Creation_Time, '15 seconds', '10 seconds')", 'User'],
          aggs: [],
        },
      ],
    ],
  ];
  for (const [name, steps] of cases) it(name, () => roundTrip(steps));

  it('disabled steps are not in the plan, so they do not come back', () => {
    const analysis = analyzeDraft(
      session,
      draftOf([
        { kind: 'filter', condition: "(gt = 'walk')", disabled: true },
        { kind: 'drop', columns: ['Index'] },
      ]),
    );
    const back = draftFromPlan(analysis.plan);
    expect(back.ok && back.steps).toEqual([{ kind: 'drop', columns: ['Index'] }]);
  });
});

describe('plans written with the DataFrame API open as nodes', () => {
  const stream = () => session.readStream.schema(labSchema()).options(LAB_OPTIONS).json(input);

  it('hands-on 4: events by user per 30-second window on Creation_Time', () => {
    const df = stream()
      .groupBy(window(col('Creation_Time'), '30 seconds'), col('User'))
      .count();
    const back = draftFromPlan(df.planJSON());
    expect(back).toEqual({
      ok: true,
      source: {
        path: input,
        format: 'json',
        schema: labSchema().jsonValue(),
        options: LAB_OPTIONS,
      },
      steps: [{ kind: 'groupBy', keys: ["window(Creation_Time, '30 seconds')", 'User'], aggs: [] }],
    });
  });

  it('hands-on 5: the same with withWatermark, and it analyses as the same plan again', () => {
    const df = stream()
      .withWatermark('Creation_Time', '1 minute')
      .groupBy(window(col('Creation_Time'), '15 seconds', '10 seconds'), col('User'))
      .count();
    const back = draftFromPlan(JSON.stringify(df.planJSON()));
    if (!back.ok) throw new Error(back.reason);
    expect(back.steps).toEqual([
      { kind: 'watermark', column: 'Creation_Time', delay: '1 minute' },
      {
        kind: 'groupBy',
        keys: ["window(Creation_Time, '15 seconds', '10 seconds')", 'User'],
        aggs: [],
      },
    ]);
    const analysis = analyzeDraft(session, { ...draftOf([...back.steps]), source: back.source });
    expect(analysis.error).toBeNull();
    // The draft's source id comes from the folder name; otherwise the plans are the same.
    // Expressions parsed from text also carry their `span` in the text; the API's do not.
    const strip = (p: unknown): string =>
      JSON.stringify(p)
        .replace(/"id":"[^"]*"/g, '"id":"_"')
        .replace(/,"span":\[\d+,\d+\]/g, '');
    expect(strip(analysis.plan)).toBe(strip(df.planJSON()));
  });

  it('a stream joined with a static file opens as a join node', () => {
    const devices = session.read.json(reference);
    const df = stream().join(devices, 'Device', 'left');
    const back = draftFromPlan(df.planJSON());
    if (!back.ok) throw new Error(back.reason);
    expect(back.steps).toHaveLength(1);
    const join0 = back.steps[0] as Extract<DraftStep, { kind: 'join' }>;
    expect(join0.how).toBe('left');
    expect(join0.on).toEqual(['Device']);
    expect(join0.right.kind === 'files' && join0.right.source.path).toBe(reference);
  });
});

describe('plans a draft cannot express say why', () => {
  const stream = () => session.readStream.schema(labSchema()).json(input);
  it.each([
    ['union', () => stream().union(stream()), /union reads more than one input/],
    ['stream-stream join', () => stream().join(stream(), 'Device'), /joins two streams/],
    ['a static source', () => session.read.json(reference), /static source/],
    ['limit', () => stream().limit(3), /limit has no draft step/],
    [
      'withColumns reading a replaced column',
      () => stream().withColumns({ x: col('y'), z: col('x') }),
      /'z' reads another of them/,
    ],
  ])('%s', (_name, build, reason) => {
    const back = draftFromPlan(build().planJSON());
    expect(back.ok).toBe(false);
    expect(!back.ok && back.reason).toMatch(reason);
  });

  it('JSON that is not a plan names the bad path', () => {
    const back = draftFromPlan({ version: 1, plan: { op: 'nope' } });
    expect(back.ok).toBe(false);
    expect(!back.ok && back.reason).toMatch(/plan/);
  });
});
