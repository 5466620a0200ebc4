import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../../engine/batch/column-batch';
import { compilePlan } from '../../../engine/exec/compile';
import type { BatchContext, OutputMode } from '../../../engine/exec/physical-plan';
import type { Expr } from '../../../engine/expr/ast';
import type { LogicalPlan, SourceNode } from '../../../engine/plan/logical-plan';
import { analysisSession } from './analysis-session';
import { StructType } from '../../../engine/types/struct-type';
import { T } from '../../../engine/types/data-types';

const spark = analysisSession();
const valueSchema = new StructType().add('value', T.int);
const source: SourceNode = {
  op: 'source',
  id: 'memory-0',
  format: 'memory',
  schema: valueSchema.jsonValue(),
  options: {},
  streaming: true,
};
const col = (n: string): Expr => ({ kind: 'column', name: [n] });
const countAs = (name: string): Expr => ({
  kind: 'alias',
  arg: { kind: 'call', name: 'count', args: [{ kind: 'literal', value: 1, dataType: 'int' }] },
  name,
});
const groupCount: LogicalPlan = {
  op: 'aggregate',
  input: source,
  groupBy: [col('value')],
  aggregates: [countAs('count')],
  kind: 'groupBy',
};

const ctx = (batchId: number, outputMode: OutputMode): BatchContext => ({
  batchId,
  watermarkUs: 0,
  batchTimestampUs: 0,
  outputMode,
  noData: false,
});
const input = (values: (number | null)[]) =>
  new Map([
    [
      'memory-0',
      ColumnBatch.fromRows(
        valueSchema,
        values.map((value) => ({ value })),
      ),
    ],
  ]);
const sorted = (rows: Record<string, unknown>[]) =>
  [...rows].sort((a, b) => Number(b.value) - Number(a.value));

describe('compilePlan + runBatch: streaming aggregation (StreamingAggregationSuite)', () => {
  it('update mode emits only the groups a batch changed, with state carried over', () => {
    const plan = compilePlan(groupCount, spark);
    expect(plan.isStateful).toBe(true);
    expect(plan.sourceIds).toEqual(['memory-0']);
    const r1 = plan.runBatch(input([3]), ctx(0, 'update'));
    expect(r1.output.toRows()).toEqual([{ value: 3, count: 1 }]);
    const r2 = plan.runBatch(input([3, 2]), ctx(1, 'update'));
    expect(sorted(r2.output.toRows())).toEqual([
      { value: 3, count: 2 },
      { value: 2, count: 1 },
    ]);
    const r3 = plan.runBatch(input([3, 2, 1]), ctx(2, 'update'));
    expect(sorted(r3.output.toRows())).toEqual([
      { value: 3, count: 3 },
      { value: 2, count: 2 },
      { value: 1, count: 1 },
    ]);
    expect(r3.stateOperators[0]).toMatchObject({
      operatorName: 'stateStoreSave',
      numRowsTotal: 3,
      numRowsUpdated: 3,
      numRowsRemoved: 0,
    });
    const r4 = plan.runBatch(input([4, 4, 4, 4]), ctx(3, 'update'));
    expect(r4.output.toRows()).toEqual([{ value: 4, count: 4 }]);
    expect(r4.stateOperators[0]).toMatchObject({ numRowsTotal: 4, numRowsUpdated: 1 });
  });

  it('complete mode emits the whole result table every batch', () => {
    const plan = compilePlan(groupCount, spark);
    expect(plan.runBatch(input([3]), ctx(0, 'complete')).output.toRows()).toEqual([
      { value: 3, count: 1 },
    ]);
    expect(sorted(plan.runBatch(input([2]), ctx(1, 'complete')).output.toRows())).toEqual([
      { value: 3, count: 1 },
      { value: 2, count: 1 },
    ]);
    const r = plan.runBatch(input([4, 4, 4, 4]), ctx(2, 'complete'));
    expect(sorted(r.output.toRows())).toEqual([
      { value: 4, count: 4 },
      { value: 3, count: 1 },
      { value: 2, count: 1 },
    ]);
    expect(r.output.schema.fields[1].nullable).toBe(false);
  });

  it('a global aggregate keeps emitting its running value on an empty batch (SPARK-21977)', () => {
    const total: LogicalPlan = {
      op: 'aggregate',
      input: source,
      groupBy: [],
      aggregates: [countAs('n'), { kind: 'call', name: 'sum', args: [col('value')] }],
      kind: 'groupBy',
    };
    const plan = compilePlan(total, spark);
    expect(plan.runBatch(input([1, 2, 3]), ctx(0, 'complete')).output.toRows()).toEqual([
      { n: 3, 'sum(value)': 6 },
    ]);
    expect(plan.runBatch(new Map(), ctx(1, 'complete')).output.toRows()).toEqual([
      { n: 3, 'sum(value)': 6 },
    ]);
    expect(plan.runBatch(input([null]), ctx(2, 'complete')).output.toRows()).toEqual([
      { n: 4, 'sum(value)': 6 },
    ]);
  });

  it('a failed batch leaves the committed state as it was', () => {
    const sumOf: LogicalPlan = {
      op: 'aggregate',
      input: source,
      groupBy: [],
      aggregates: [
        {
          kind: 'call',
          name: 'sum',
          args: [
            {
              kind: 'binary',
              op: 'div',
              left: { kind: 'literal', value: 10, dataType: 'int' },
              right: col('value'),
            },
          ],
        },
      ],
      kind: 'groupBy',
    };
    const plan = compilePlan(sumOf, spark);
    expect(plan.runBatch(input([5]), ctx(0, 'complete')).output.toRows()).toEqual([
      { 'sum((10 div value))': 2 },
    ]);
    expect(() => plan.runBatch(input([1, 0]), ctx(1, 'complete'))).toThrow('DIVIDE_BY_ZERO');
    expect(plan.runBatch(input([2]), ctx(1, 'complete')).output.toRows()).toEqual([
      { 'sum((10 div value))': 7 },
    ]);
  });

  it('append mode without a watermark is refused for a streaming aggregation', () => {
    const plan = compilePlan(groupCount, spark);
    expect(() => plan.runBatch(input([1]), ctx(0, 'append'))).toThrow(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    );
  });
});

describe('compilePlan + runBatch: other streaming operators', () => {
  it('deduplicate remembers keys across batches (StreamingDeduplicationSuite)', () => {
    const plan = compilePlan({ op: 'deduplicate', input: source }, spark);
    expect(plan.runBatch(input([1, 1, 2]), ctx(0, 'append')).output.toRows()).toEqual([
      { value: 1 },
      { value: 2 },
    ]);
    const r = plan.runBatch(input([2, 3]), ctx(1, 'append'));
    expect(r.output.toRows()).toEqual([{ value: 3 }]);
    expect(r.stateOperators[0]).toMatchObject({
      operatorName: 'dedupe',
      numRowsTotal: 3,
      numRowsUpdated: 1,
      customMetrics: { numDroppedDuplicateRows: 1 },
    });
  });

  it('a streaming limit in append mode emits at most n rows over the whole query', () => {
    const plan = compilePlan({ op: 'limit', input: source, n: 3 }, spark);
    expect(plan.runBatch(input([1, 2]), ctx(0, 'append')).output.numRows).toBe(2);
    expect(plan.runBatch(input([3, 4]), ctx(1, 'append')).output.toRows()).toEqual([{ value: 3 }]);
    expect(plan.runBatch(input([5]), ctx(2, 'append')).output.numRows).toBe(0);
  });

  it('the watermark node passes rows through and reports event-time statistics', () => {
    const tsSchema = new StructType().add('ts', T.timestamp);
    const ts: SourceNode = { ...source, id: 'ts-0', schema: tsSchema.jsonValue() };
    const plan = compilePlan(
      { op: 'watermark', input: ts, column: 'ts', delay: '10 seconds' },
      spark,
    );
    expect(plan.hasWatermark).toBe(true);
    const batch = ColumnBatch.fromRows(tsSchema, [{ ts: 5_000_000 }, { ts: 15_000_000 }]);
    const r = plan.runBatch(new Map([['ts-0', batch]]), ctx(0, 'append'));
    expect(r.output.numRows).toBe(2);
    expect(r.eventTime).toEqual([
      {
        nodeIndex: 0,
        delayUs: 10_000_000,
        max: 15_000_000,
        min: 5_000_000,
        sum: 20_000_000,
        count: 2,
      },
    ]);
    expect(r.output.schema.fields[0].metadata).toEqual({ 'spark.watermarkDelayMs': 10_000 });
  });

  it('stateless plans never ask for a no-data batch', () => {
    const plan = compilePlan(
      {
        op: 'filter',
        input: source,
        condition: {
          kind: 'binary',
          op: '>',
          left: col('value'),
          right: { kind: 'literal', value: 1, dataType: 'int' },
        },
      },
      spark,
    );
    expect(plan.isStateful).toBe(false);
    expect(plan.needsNoDataBatch(1_000_000, 'update')).toBe(false);
    expect(plan.runBatch(input([1, 2, null]), ctx(0, 'append')).output.toRows()).toEqual([
      { value: 2 },
    ]);
  });
});
