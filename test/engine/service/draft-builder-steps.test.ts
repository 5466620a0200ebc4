/**
 * The builder's additions to the draft model, through the engine's own analysis and a real
 * static read: cube and rollup steps, a join with reference data (inline rows and a static
 * JSON file), bypassed (disabled) steps, and previewDraft's rows after every step.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewDraft } from '../../../engine/service/draft-preview';
import type { DraftStep, QueryDraft } from '../../../engine/service/protocol';
import { analyzeDraft } from '../../../engine/service/query-draft';
import { Session } from '../../../engine/session';

let session: Session;
let dir: string;
let input: string;
let referenceFile: string;

const SCHEMA = 'time TIMESTAMP, Device STRING, gt STRING, x DOUBLE';

beforeAll(() => {
  session = Session.builder().appName('draft-builder-steps').getOrCreate();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-builder-steps-'));
  input = join(dir, 'sensors');
  mkdirSync(input);
  const rows = [
    { time: '2015-02-23 10:00:00', Device: 'd1', gt: 'walk', x: 1 },
    { time: '2015-02-23 10:00:10', Device: 'd1', gt: 'sit', x: 2 },
    { time: '2015-02-23 10:00:20', Device: 'd2', gt: 'walk', x: 3 },
    { time: '2015-02-23 10:00:30', Device: 'd3', gt: null, x: null },
  ];
  writeFileSync(join(input, 'part-0.json'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  referenceFile = join(dir, 'devices.json');
  writeFileSync(
    referenceFile,
    [
      { Device: 'd1', owner: 'ann' },
      { Device: 'd2', owner: 'bob' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function draftOf(
  steps: DraftStep[],
  outputMode: 'append' | 'update' | 'complete' = 'complete',
): QueryDraft {
  return {
    name: 'q',
    source: { path: input, format: 'json', schema: SCHEMA, options: {} },
    steps,
    sink: { format: 'memory', outputMode, options: {}, trigger: { kind: 'default' } },
  };
}

const names = (schema: unknown): string[] =>
  ((schema as { fields: { name: string }[] }).fields ?? []).map((f) => f.name);

async function previewRows(draft: QueryDraft, index: number): Promise<Record<string, unknown>[]> {
  const preview = await previewDraft(session, draft, 100);
  const step = preview.steps.find((s) => s.index === index)!;
  expect(step.error).toBeNull();
  return tableFromIPC(step.ipc!)
    .toArray()
    .map((r) => ({ ...(r as object) }) as Record<string, unknown>);
}

describe('cube and rollup steps', () => {
  it('cube(gt, Device).count(): every subset of the keys, nulls meaning "all"', async () => {
    const draft = draftOf([{ kind: 'cube', keys: ['gt', 'Device'], aggs: [] }]);
    const analysis = analyzeDraft(session, draft);
    expect(analysis.error).toBeNull();
    expect(names(analysis.outputSchema)).toEqual(['gt', 'Device', 'count']);
    expect(JSON.stringify(analysis.plan)).toContain('"kind":"cube"');
    const rows = await previewRows(draft, 0);
    // Groups: (walk,d1) (sit,d1) (walk,d2) (null,d3); gt only: walk sit null; Device only: d1 d2 d3; all.
    expect(rows).toHaveLength(4 + 3 + 3 + 1);
    const all = rows.find((r) => r.gt === null && r.Device === null && Number(r.count) === 4);
    expect(all).toBeDefined();
  });

  it('rollup(gt, Device) with an aggregate: the prefixes of the keys only', async () => {
    const draft = draftOf([{ kind: 'rollup', keys: ['gt', 'Device'], aggs: ['sum(x) AS sx'] }]);
    const rows = await previewRows(draft, 0);
    // (gt, Device) 4 groups + (gt) 3 groups + () 1 group; never (null gt, Device set) from rollup.
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.gt === null && r.Device === null && r.sx === 6)).toBeDefined();
  });

  it('a bad aggregate names its field', () => {
    const analysis = analyzeDraft(
      session,
      draftOf([{ kind: 'rollup', keys: ['gt'], aggs: ['avg(nope)'] }]),
    );
    expect(analysis.steps.find((s) => s.index === 0)?.field).toBe('aggs[0]');
    expect(analysis.error?.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
  });
});

describe('join with reference data', () => {
  it('inline rows, on a using column, left join keeps unmatched stream rows', async () => {
    const draft = draftOf(
      [
        {
          kind: 'join',
          right: { kind: 'rows', schema: 'Device STRING, owner STRING', rows: [['d1', 'ann']] },
          on: ['Device'],
          condition: '',
          how: 'left',
        },
      ],
      'append',
    );
    const analysis = analyzeDraft(session, draft);
    expect(analysis.error).toBeNull();
    expect(names(analysis.outputSchema)).toEqual(['Device', 'time', 'gt', 'x', 'owner']);
    const rows = await previewRows(draft, 0);
    expect(rows.map((r) => [r.Device, r.owner])).toEqual([
      ['d1', 'ann'],
      ['d1', 'ann'],
      ['d2', null],
      ['d3', null],
    ]);
  });

  it('a static JSON file, on a condition, inner join', async () => {
    const draft = draftOf(
      [
        {
          kind: 'join',
          right: {
            kind: 'files',
            source: {
              path: referenceFile,
              format: 'json',
              schema: 'dev STRING, owner STRING',
              options: {},
            },
          },
          on: [],
          condition: 'Device = dev',
          how: 'inner',
        },
      ],
      'append',
    );
    // The file's field is Device, the declared schema reads `dev`: nothing matches by name.
    const rows = await previewRows(draft, 0);
    expect(rows).toEqual([]);
    const inferred = draftOf(
      [
        {
          kind: 'join',
          right: {
            kind: 'files',
            source: { path: referenceFile, format: 'json', schema: null, options: {} },
          },
          on: ['Device'],
          condition: '',
          how: 'inner',
        },
      ],
      'append',
    );
    expect((await previewRows(inferred, 0)).map((r) => r.owner)).toEqual(['ann', 'ann', 'bob']);
  });

  it('an unknown using column is Spark’s error on the `on` entry at fault', () => {
    const analysis = analyzeDraft(
      session,
      draftOf([
        {
          kind: 'join',
          right: { kind: 'rows', schema: 'Device STRING', rows: [] },
          on: ['Device', 'nope'],
          condition: '',
          how: 'inner',
        },
      ]),
    );
    expect(analysis.steps.find((s) => s.index === 0)?.field).toBe('on[1]');
    expect(analysis.error?.errorClass).toBe('UNRESOLVED_USING_COLUMN_FOR_JOIN');
  });
});

describe('disabled steps are bypassed', () => {
  it('a disabled filter changes neither the plan nor the rows; its schema is its input’s', async () => {
    const on = draftOf([{ kind: 'filter', condition: "gt = 'walk'" }], 'append');
    const off = draftOf([{ kind: 'filter', condition: "gt = 'walk'", disabled: true }], 'append');
    const none = draftOf([], 'append');
    expect(analyzeDraft(session, off).plan).toEqual(analyzeDraft(session, none).plan);
    expect(analyzeDraft(session, on).plan).not.toEqual(analyzeDraft(session, none).plan);
    expect(names(analyzeDraft(session, off).steps[1].schema)).toEqual([
      'time',
      'Device',
      'gt',
      'x',
    ]);
    expect(await previewRows(off, 0)).toHaveLength(4);
    expect(await previewRows(on, 0)).toHaveLength(2);
  });

  it('a disabled step that would fail does not fail the query', () => {
    const draft = draftOf([{ kind: 'filter', condition: 'nope > 1', disabled: true }], 'append');
    expect(analyzeDraft(session, draft).error).toBeNull();
  });
});

describe('previewDraft', () => {
  it('rows after each step, capped; later steps after a failing one have no preview', async () => {
    const draft = draftOf([
      { kind: 'withColumn', name: 'x2', expr: 'x * 2' },
      { kind: 'filter', condition: 'nope = 1' },
      { kind: 'select', exprs: ['x2'] },
    ]);
    const preview = await previewDraft(session, draft, 2);
    expect(preview.files).toEqual(['part-0.json']);
    expect(preview.steps.map((s) => s.index)).toEqual([-1, 0, 1, 2]);
    expect(preview.steps[0].numRows).toBe(2);
    const x2 = tableFromIPC(preview.steps[1].ipc!).getChild('x2')!.toArray();
    expect([...x2]).toEqual([2, 4]);
    expect(preview.steps[2].error?.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(preview.steps[3]).toEqual({ index: 2, numRows: 0, ipc: null, error: null });
  });

  it('a watermark and a windowed count run as a batch over the first files', async () => {
    const draft = draftOf(
      [
        { kind: 'watermark', column: 'time', delay: '10 minutes' },
        { kind: 'groupBy', keys: ["window(time, '20 seconds')"], aggs: [] },
      ],
      'append',
    );
    const rows = await previewRows(draft, 1);
    expect(rows.map((r) => Number(r.count)).sort()).toEqual([2, 2]);
  });

  it('a source without a folder fails at the source, with the reason', async () => {
    const draft = {
      ...draftOf([]),
      source: { path: join(dir, 'missing'), format: 'json', schema: SCHEMA, options: {} },
    };
    const preview = await previewDraft(session, draft);
    expect(preview.steps[0].error).not.toBeNull();
  });
});
