import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../engine/expr/ast';
import {
  analyzePlan,
  hasStreamingAggregation,
  hasWatermark,
  isStreamingPlan,
} from '../../../engine/plan/analyzer';
import type { LogicalPlan, SourceNode } from '../../../engine/plan/logical-plan';
import { analysisSession } from '../exec/analysis-session';
import { StructType } from '../../../engine/types/struct-type';
import { T } from '../../../engine/types/data-types';

const spark = analysisSession();
const schema = new StructType().add('a', T.int, false).add('t', T.timestamp);
const stream: SourceNode = {
  op: 'source',
  id: 's0',
  format: 'json',
  path: '/x',
  schema: schema.jsonValue(),
  options: {},
  streaming: true,
};
const col = (n: string): Expr => ({ kind: 'column', name: [n] });

describe('analyzer', () => {
  it('file stream sources force every field nullable (spark.sql.streaming.fileSource.schema.forceNullable)', () => {
    expect(analyzePlan(stream, spark).fields.map((f) => f.nullable)).toEqual([true, true]);
  });

  it('isStreamingPlan / hasStreamingAggregation / hasWatermark', () => {
    const wm: LogicalPlan = { op: 'watermark', input: stream, column: 't', delay: '10 minutes' };
    const agg: LogicalPlan = {
      op: 'aggregate',
      input: wm,
      groupBy: [col('a')],
      aggregates: [],
      kind: 'groupBy',
    };
    expect(isStreamingPlan(agg)).toBe(true);
    expect(hasStreamingAggregation(agg)).toBe(true);
    expect(hasWatermark(agg)).toBe(true);
    const local: LogicalPlan = { op: 'localRelation', schema: schema.jsonValue(), rows: [] };
    expect(isStreamingPlan(local)).toBe(false);
    expect(hasStreamingAggregation({ ...agg, input: local })).toBe(false);
  });

  it('withWatermark marks the event-time column with spark.watermarkDelayMs', () => {
    const s = analyzePlan(
      { op: 'watermark', input: stream, column: 't', delay: '10 seconds' },
      spark,
    );
    expect(s.fields[1].metadata).toEqual({ 'spark.watermarkDelayMs': 10000 });
    expect(s.fields[0].metadata).toEqual({});
  });

  it('withWatermark on a non-timestamp column is EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE; on a batch plan a no-op', () => {
    expect(() =>
      analyzePlan({ op: 'watermark', input: stream, column: 'a', delay: '10 minutes' }, spark),
    ).toThrow(
      '[EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE] The event time `a` has the invalid type "INT", but expected "TIMESTAMP".',
    );
    const local: LogicalPlan = { op: 'localRelation', schema: schema.jsonValue(), rows: [] };
    expect(
      analyzePlan({ op: 'watermark', input: local, column: 'a', delay: '1 minute' }, spark)
        .fields[0].metadata,
    ).toEqual({});
  });

  it('aggregates in GROUP BY and grouping() outside cube/rollup are refused', () => {
    const count: Expr = { kind: 'call', name: 'count', args: [col('a')] };
    expect(() =>
      analyzePlan(
        { op: 'aggregate', input: stream, groupBy: [count], aggregates: [], kind: 'groupBy' },
        spark,
      ),
    ).toThrow('[GROUP_BY_AGGREGATE]');
  });

  it('a negative limit is INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE', () => {
    expect(() => analyzePlan({ op: 'limit', input: stream, n: -1 }, spark)).toThrow(
      'The limit expression must be equal to or greater than 0, but got -1.',
    );
  });
});
