import { describe, expect, it } from 'vitest';
import {
  avg,
  col,
  count,
  countDistinct,
  first,
  grouping,
  grouping_id,
  last,
  max,
  min,
  stddev,
  sum,
  variance,
  collect_list,
  collect_set,
} from '../../../engine/functions';
import { sample, session } from './dataframe-fixtures';

const spark = session();
const df = sample(spark);

describe('groupBy(...).agg(...) (results and types from pyspark 4.1.4)', () => {
  const agg = df
    .groupBy('s')
    .agg(count('*'), count('i'), sum('i'), avg('i'), min('s'), max('d'), sum('d'));

  it('types: count is bigint, sum of int bigint, avg double, min/max keep the type', () => {
    expect(agg.schema.simpleString()).toBe(
      'struct<s:string,count(1):bigint,count(i):bigint,sum(i):bigint,avg(i):double,min(s):string,max(d):double,sum(d):double>',
    );
    const counted = df.groupBy('s').count().schema;
    expect(counted.fields[1].name).toBe('count');
    expect(counted.fields[1].nullable).toBe(false);
  });

  it('values: nulls ignored, NULL for a group without values, NaN propagates', async () => {
    const rows = await agg.orderBy('s').collect();
    expect(rows).toEqual([
      {
        s: null,
        'count(1)': 1,
        'count(i)': 1,
        'sum(i)': 3,
        'avg(i)': 3,
        'min(s)': null,
        'max(d)': NaN,
        'sum(d)': NaN,
      },
      {
        s: 'a',
        'count(1)': 2,
        'count(i)': 2,
        'sum(i)': 3,
        'avg(i)': 1.5,
        'min(s)': 'a',
        'max(d)': 1.5,
        'sum(d)': 1.5,
      },
      {
        s: 'b',
        'count(1)': 1,
        'count(i)': 0,
        'sum(i)': null,
        'avg(i)': null,
        'min(s)': 'b',
        'max(d)': 2,
        'sum(d)': 2,
      },
    ]);
  });

  it('an empty global aggregate gives one row; an empty grouped one none', async () => {
    expect(await df.filter('i > 100').agg(count('*'), sum('i'), avg('d')).collect()).toEqual([
      { 'count(1)': 0, 'sum(i)': null, 'avg(d)': null },
    ]);
    expect(await df.filter('i > 100').groupBy('s').count().collect()).toEqual([]);
  });

  it('expressions over aggregates and over grouping keys', async () => {
    const m = col('i').mod(2).alias('m');
    const rows = await df
      .groupBy(m)
      .agg(sum('i').plus(1).alias('x'), max(col('d')))
      .orderBy('m')
      .collect();
    expect(rows).toEqual([
      { m: null, x: null, 'max(d)': 2 },
      { m: 0, x: 3, 'max(d)': null },
      { m: 1, x: 5, 'max(d)': NaN },
    ]);
    expect(df.groupBy(col('i').mod(2)).agg(col('i').mod(2).multiply(10)).columns).toEqual([
      '(i % 2)',
      '((i % 2) * 10)',
    ]);
    expect(df.groupBy('s').agg(col('s'), count('i')).columns).toEqual(['s', 's', 'count(i)']);
  });

  it('a column neither grouped nor aggregated is MISSING_AGGREGATION', () => {
    expect(() => df.groupBy('s').agg(col('i'))).toThrow(
      '[MISSING_AGGREGATION] The non-aggregating expression "i" is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(i)" if you do not care which of the values within a group is returned. SQLSTATE: 42803',
    );
  });

  it('nested aggregates and aggregates in WHERE are refused', () => {
    expect(() => df.agg(sum(count('i')))).toThrow('[NESTED_AGGREGATE_FUNCTION]');
    expect(() => df.filter(count('i').gt(1))).toThrow(
      '[INVALID_WHERE_CONDITION] The WHERE condition "(count(i) > 1)" contains invalid expressions: count(i).',
    );
  });

  it('agg({col: fn}), sum()/mean() over numeric columns, and the numeric check', () => {
    expect(df.groupBy('s').agg({ i: 'avg', d: 'max' }).columns).toEqual(['s', 'avg(i)', 'max(d)']);
    expect(df.agg({ '*': 'count' }).columns).toEqual(['count(1)']);
    expect(df.groupBy('s').sum().columns).toEqual(['s', 'sum(i)', 'sum(d)']);
    expect(df.groupBy().mean('i').columns).toEqual(['avg(i)']);
    expect(() => df.groupBy().sum('s')).toThrow(
      '"s" is not a numeric column. Aggregation function can only be applied on a numeric column.',
    );
  });

  it('first, last, stddev, variance, collect_list, collect_set, countDistinct', async () => {
    const rows = await df
      .agg(
        first('s'),
        last('s'),
        stddev('i'),
        variance('i'),
        collect_list('s'),
        collect_set('s'),
        countDistinct('s'),
      )
      .collect();
    expect(rows).toEqual([
      {
        'first(s)': 'a',
        'last(s)': 'b',
        'stddev(i)': 1,
        'variance(i)': 1,
        'collect_list(s)': ['a', 'a', 'b'],
        'collect_set(s)': ['a', 'b'],
        'count(DISTINCT s)': 2,
      },
    ]);
  });

  it('rollup and cube: grouping sets with grouping() and grouping_id()', async () => {
    const rollup = await df
      .rollup('s')
      .agg(grouping('s'), sum('i'))
      .orderBy('s', 'grouping(s)')
      .collect();
    expect(rollup).toEqual([
      { s: null, 'grouping(s)': 0, 'sum(i)': 3 },
      { s: null, 'grouping(s)': 1, 'sum(i)': 6 },
      { s: 'a', 'grouping(s)': 0, 'sum(i)': 3 },
      { s: 'b', 'grouping(s)': 0, 'sum(i)': null },
    ]);
    const cube = await df.cube('s', 'i').agg(grouping_id(), count('*')).collect();
    expect(cube).toHaveLength(12);
    expect(cube.find((r) => r['grouping_id()'] === 3)).toEqual({
      s: null,
      i: null,
      'grouping_id()': 3,
      'count(1)': 4,
    });
    expect(() => df.groupBy('s').agg(grouping('s'))).toThrow('[UNSUPPORTED_GROUPING_EXPRESSION]');
  });
});
