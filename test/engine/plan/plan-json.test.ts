import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../engine/expr/ast';
import type { LogicalPlan } from '../../../engine/plan/logical-plan';
import { PLAN_JSON_VERSION, planFromJSON, planToJSON } from '../../../engine/plan/plan-json';

const col = (n: string): Expr => ({ kind: 'column', name: [n] });
const lit = (v: number): Expr => ({ kind: 'literal', value: v, dataType: 'int' });
const src: LogicalPlan = {
  op: 'source',
  id: 'source-0',
  format: 'json',
  path: '/data/iot',
  schema: {
    type: 'struct',
    fields: [{ name: 'x', type: 'integer', nullable: true, metadata: {} }],
  },
  options: { maxFilesPerTrigger: '1' },
  streaming: true,
};

const every: Record<string, LogicalPlan> = {
  source: src,
  localRelation: {
    op: 'localRelation',
    schema: { type: 'struct', fields: [] },
    rows: [[1, 'a', null]],
  },
  table: { op: 'table', name: 'iot' },
  project: {
    op: 'project',
    input: src,
    exprs: [
      col('x'),
      {
        kind: 'alias',
        arg: { kind: 'binary', op: '+', left: col('x'), right: lit(1) },
        name: 'y',
        span: [0, 5],
      },
    ],
  },
  filter: {
    op: 'filter',
    input: src,
    condition: {
      kind: 'like',
      arg: col('gt'),
      pattern: { kind: 'literal', value: '%stairs%', dataType: 'string' },
      negated: false,
    },
  },
  withColumns: {
    op: 'withColumns',
    input: src,
    names: ['e'],
    exprs: [{ kind: 'isNull', arg: col('x'), negated: true }],
  },
  withColumnsRenamed: { op: 'withColumnsRenamed', input: src, renames: [['x', 'z']] },
  drop: { op: 'drop', input: src, columns: ['x'] },
  naDrop: { op: 'naDrop', input: src, how: 'any', thresh: 2, subset: ['x'] },
  naFill: { op: 'naFill', input: src, value: { x: 0, s: 'none' } },
  aggregate: {
    op: 'aggregate',
    input: src,
    groupBy: [col('gt')],
    aggregates: [{ kind: 'call', name: 'count', args: [{ kind: 'star' }], distinct: false }],
    kind: 'cube',
    groupingSets: [[0], []],
  },
  watermark: { op: 'watermark', input: src, column: 'ts', delay: '10 minutes' },
  sort: {
    op: 'sort',
    input: src,
    orders: [{ kind: 'sortOrder', arg: col('x'), ascending: false, nullsFirst: false }],
  },
  limit: { op: 'limit', input: src, n: 5 },
  deduplicate: { op: 'deduplicate', input: src, columns: ['x'], withinWatermark: true },
  join: {
    op: 'join',
    left: src,
    right: { op: 'table', name: 'ref' },
    how: 'left',
    using: ['x'],
    condition: { kind: 'binary', op: '=', left: col('x'), right: col('y') },
  },
  union: { op: 'union', inputs: [src, src], byName: true },
};

describe('plan JSON', () => {
  it.each(Object.entries(every))('round-trips a %s node', (_op, plan) => {
    const json = planToJSON(plan);
    expect(json.version).toBe(PLAN_JSON_VERSION);
    expect(planFromJSON(JSON.stringify(json))).toEqual(plan);
  });

  it('round-trips every expression kind', () => {
    const exprs: Expr[] = [
      { kind: 'unary', op: 'NOT', arg: col('b') },
      {
        kind: 'rlike',
        arg: col('s'),
        pattern: { kind: 'literal', value: 'a.*', dataType: 'string' },
        negated: true,
      },
      {
        kind: 'in',
        arg: col('x'),
        list: [lit(1), { kind: 'literal', value: null, dataType: 'void' }],
        negated: false,
      },
      { kind: 'between', arg: col('x'), low: lit(1), high: lit(3), negated: false },
      {
        kind: 'case',
        operand: col('x'),
        branches: [{ when: lit(1), then: lit(2) }],
        otherwise: lit(0),
      },
      { kind: 'cast', arg: col('x'), to: 'bigint', try: true },
      { kind: 'field', arg: col('window'), field: 'start' },
      { kind: 'subscript', arg: col('arr'), index: lit(0) },
      { kind: 'star', qualifier: 's' },
    ];
    const plan: LogicalPlan = { op: 'project', input: src, exprs };
    expect(planFromJSON(planToJSON(plan))).toEqual(plan);
  });

  it('names the path of a bad expression', () => {
    const bad = {
      version: 1,
      plan: { op: 'project', input: src, exprs: [col('a'), col('b'), { kind: 'foo' }] },
    };
    expect(() => planFromJSON(bad)).toThrow(
      "Invalid plan JSON: plan.exprs[2]: unknown expression kind 'foo'",
    );
    const nested = {
      version: 1,
      plan: {
        op: 'filter',
        input: { op: 'project', input: src, exprs: [{ kind: 'foo' }] },
        condition: col('x'),
      },
    };
    expect(() => planFromJSON(nested)).toThrow(
      "plan.input.exprs[0]: unknown expression kind 'foo'",
    );
  });

  it('reports unknown ops, missing and unknown fields, bad enums and bad versions', () => {
    expect(() => planFromJSON({ version: 1, plan: { op: 'explode' } })).toThrow(
      "plan: unknown plan node op 'explode'",
    );
    expect(() => planFromJSON({ version: 1, plan: { op: 'limit', input: src } })).toThrow(
      'plan.n: missing',
    );
    expect(() =>
      planFromJSON({ version: 1, plan: { op: 'limit', input: src, n: 1, extra: true } }),
    ).toThrow('plan.extra: unknown field');
    expect(() =>
      planFromJSON({ version: 1, plan: { op: 'naDrop', input: src, how: 'some' } }),
    ).toThrow("plan.how: expected one of 'any', 'all', got 'some'");
    expect(() => planFromJSON({ version: 99, plan: src })).toThrow('version 99 is newer');
    expect(() => planFromJSON({ plan: src })).toThrow('version: expected a positive integer');
    expect(() => planFromJSON('{nope')).toThrow('not valid JSON');
  });
});
