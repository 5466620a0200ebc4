import { describe, expect, it } from 'vitest';
import { AnalysisException } from '../../../engine/errors';
import type { Expr } from '../../../engine/expr/ast';
import type { LogicalPlan, SourceNode } from '../../../engine/plan/logical-plan';
import { checkForStreaming } from '../../../engine/stream/unsupported-operation-checker';

const stream: SourceNode = {
  op: 'source',
  id: 's0',
  format: 'json',
  path: '/data',
  options: {},
  streaming: true,
};
const batch: SourceNode = {
  op: 'source',
  id: 'b0',
  format: 'json',
  path: '/ref',
  options: {},
  streaming: false,
};
const col = (name: string): Expr => ({ kind: 'column', name: [name] });
const count: Expr = {
  kind: 'call',
  name: 'count',
  args: [{ kind: 'literal', value: 1, dataType: 'int' }],
};
const groupBy = (input: LogicalPlan, keys: Expr[], aggs: Expr[] = [count]): LogicalPlan => ({
  op: 'aggregate',
  input,
  groupBy: keys,
  aggregates: aggs,
  kind: 'groupBy',
});
const watermarked: LogicalPlan = {
  op: 'watermark',
  input: stream,
  column: 'ts',
  delay: '10 minutes',
};
const windowOf = (c: string): Expr => ({
  kind: 'call',
  name: 'window',
  args: [col(c), { kind: 'literal', value: '10 minutes', dataType: 'string' }],
});

function message(plan: LogicalPlan, mode: 'append' | 'update' | 'complete'): string {
  try {
    checkForStreaming(plan, mode);
  } catch (e) {
    expect(e).toBeInstanceOf(AnalysisException);
    return (e as Error).message;
  }
  return 'ok';
}

describe('UnsupportedOperationChecker output-mode rules (UnsupportedOperationsSuite)', () => {
  it('append with an aggregation needs a watermarked grouping column', () => {
    expect(message(groupBy(stream, [col('gt')]), 'append')).toBe(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    );
    expect(message(groupBy(watermarked, [windowOf('ts'), col('gt')]), 'append')).toBe('ok');
    expect(message(groupBy(watermarked, [col('ts')]), 'append')).toBe('ok');
    // a watermark that is not a grouping key does not help
    expect(message(groupBy(watermarked, [col('gt')]), 'append')).toMatch(
      /^Append output mode not supported/,
    );
  });

  it('complete needs a streaming aggregation; update and complete accept one', () => {
    expect(message(stream, 'complete')).toBe(
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
    );
    expect(message(groupBy(stream, [col('gt')]), 'complete')).toBe('ok');
    expect(message(groupBy(stream, [col('gt')]), 'update')).toBe('ok');
    expect(message(stream, 'update')).toBe('ok');
    expect(message(stream, 'append')).toBe('ok');
  });

  it('update with a session window is rejected', () => {
    const sw: Expr = {
      kind: 'call',
      name: 'session_window',
      args: [col('ts'), { kind: 'literal', value: '5 minutes', dataType: 'string' }],
    };
    expect(message(groupBy(watermarked, [sw]), 'update')).toBe(
      'Update output mode not supported for session window on streaming DataFrames/DataSets',
    );
  });
});

describe('UnsupportedOperationChecker operations', () => {
  it('allows distinct aggregate functions (exact on streams, a Tidemark extension), rejecting them as Spark does only in spark-compatible mode', () => {
    const distinct: Expr = { kind: 'call', name: 'count', args: [col('user')], distinct: true };
    expect(message(groupBy(stream, [col('gt')], [distinct]), 'complete')).toBe('ok');
    let thrown: unknown;
    try {
      checkForStreaming(groupBy(stream, [col('gt')], [distinct]), 'complete', undefined, {
        sparkCompatible: true,
      });
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toBe(
      'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
    );
  });

  it('allows sorting only after an aggregation in complete mode', () => {
    const sortAgg = (mode: 'complete' | 'update') =>
      message({ op: 'sort', input: groupBy(stream, [col('gt')]), orders: [col('gt')] }, mode);
    expect(sortAgg('complete')).toBe('ok');
    expect(sortAgg('update')).toBe(
      'Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode',
    );
    expect(message({ op: 'sort', input: stream, orders: [col('x')] }, 'append')).toMatch(
      /^Sorting is not supported/,
    );
    // sorting a batch side is fine
    expect(message({ op: 'union', inputs: [stream, stream] }, 'append')).toBe('ok');
  });

  it('rejects limit only in update mode', () => {
    const limited = (mode: 'append' | 'update' | 'complete') =>
      message({ op: 'limit', input: groupBy(stream, [col('gt')]), n: 5 }, mode);
    expect(limited('update')).toBe(
      'Limits are not supported on streaming DataFrames/Datasets in Update output mode',
    );
    expect(limited('complete')).toBe('ok');
  });

  it('rejects a union of a stream and a batch DataFrame, and stream-stream joins outside append', () => {
    expect(message({ op: 'union', inputs: [stream, batch] }, 'append')).toBe(
      'Union between streaming and batch DataFrames/Datasets is not supported',
    );
    expect(
      message({ op: 'join', left: stream, right: stream, how: 'inner', using: ['id'] }, 'update'),
    ).toBe(
      'Join between two streaming DataFrames/Datasets is not supported in Update output mode, only in Append output mode',
    );
    expect(
      message({ op: 'join', left: stream, right: batch, how: 'inner', using: ['id'] }, 'update'),
    ).toBe('ok');
  });

  it('sees through temp views over streams', () => {
    const plan: LogicalPlan = { op: 'table', name: 'iot' };
    expect(() =>
      checkForStreaming(plan, 'complete', (n) => (n === 'iot' ? stream : undefined)),
    ).toThrow(/^Complete output mode not supported/);
  });
});

describe('stream–static outer joins (UnsupportedOperationsSuite "right stream batch outer join" and friends)', () => {
  const join = (
    left: LogicalPlan,
    right: LogicalPlan,
    how: 'left' | 'right' | 'full' | 'left_semi' | 'left_anti' | 'inner',
  ): LogicalPlan =>
    ({
      op: 'join',
      left,
      right,
      how,
      on: { kind: 'using', columns: ['value'] },
    }) as unknown as LogicalPlan;

  it('refuses the joins whose static side would have to wait for the stream', () => {
    expect(message(join(stream, batch, 'right'), 'append')).toContain(
      'Right outer join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported',
    );
    expect(message(join(batch, stream, 'left'), 'append')).toContain(
      'Left outer join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported',
    );
    expect(message(join(stream, batch, 'full'), 'append')).toContain(
      'FullOuter joins with streaming DataFrames/Datasets on the left',
    );
    expect(message(join(batch, stream, 'full'), 'append')).toContain(
      'FullOuter joins with streaming DataFrames/Datasets on the right',
    );
    expect(message(join(batch, stream, 'left_semi'), 'append')).toContain(
      'LeftSemi join with a streaming DataFrame/Dataset on the right',
    );
    expect(message(join(batch, stream, 'left_anti'), 'append')).toContain(
      'LeftAnti join with a streaming DataFrame/Dataset on the right',
    );
  });

  it('allows the ones Spark runs', () => {
    for (const plan of [
      join(stream, batch, 'left'),
      join(batch, stream, 'right'),
      join(stream, batch, 'inner'),
      join(stream, batch, 'left_semi'),
      join(stream, batch, 'left_anti'),
    ])
      expect(message(plan, 'append')).toBe('ok');
  });
});
