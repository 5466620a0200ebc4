import { describe, expect, it } from 'vitest';
import type { LogicalPlan } from '../../../engine/plan/logical-plan';
import { parseQuery } from '../../../engine/sql/parse-query';
import {
  aggregate,
  alias,
  asc,
  bin,
  call,
  col,
  desc,
  drop,
  filter,
  int,
  noSpans,
  sort,
  star,
  table,
} from './plan-builders';

const plan = (sql: string): LogicalPlan => noSpans(parseQuery(sql));

describe('parseQuery: aggregation', () => {
  it('grouping keys not leading the select list get hidden names, dropped at the end', () => {
    expect(plan('SELECT count(*) AS n, gt FROM t GROUP BY gt')).toEqual(
      drop(
        aggregate(
          table('t'),
          [alias(col('gt'), '__sql_key_0')],
          [alias(call('count', star()), 'n'), col('gt')],
        ),
        '__sql_key_0',
      ),
    );
  });

  it('GROUP BY an ordinal or a select alias names the select item (groupByOrdinal, groupByAliases)', () => {
    const expected = aggregate(table('t'), [alias(col('gt'), 'g')], [call('count', star())]);
    expect(plan('SELECT gt AS g, count(*) FROM t GROUP BY 1')).toEqual(expected);
    expect(plan('SELECT gt AS g, count(*) FROM t GROUP BY g')).toEqual(expected);
  });

  it('HAVING computes a hidden result, filters on it and drops it', () => {
    expect(plan('SELECT gt FROM t GROUP BY gt HAVING avg(x) > 1')).toEqual(
      drop(
        filter(
          aggregate(
            table('t'),
            [col('gt')],
            [alias(bin('>', call('avg', col('x')), int(1)), '__sql_having')],
          ),
          col('__sql_having'),
        ),
        '__sql_having',
      ),
    );
  });

  it('HAVING may name a select alias', () => {
    expect(plan('SELECT gt, count(*) AS n FROM t GROUP BY gt HAVING n > 2')).toEqual(
      drop(
        filter(
          aggregate(
            table('t'),
            [col('gt')],
            [
              alias(call('count', star()), 'n'),
              alias(bin('>', call('count', star()), int(2)), '__sql_having'),
            ],
          ),
          col('__sql_having'),
        ),
        '__sql_having',
      ),
    );
  });

  it('HAVING without GROUP BY is a global aggregate', () => {
    expect(plan('SELECT count(*) FROM t HAVING count(*) > 0')).toEqual(
      drop(
        filter(
          aggregate(
            table('t'),
            [],
            [call('count', star()), alias(bin('>', call('count', star()), int(0)), '__sql_having')],
          ),
          col('__sql_having'),
        ),
        '__sql_having',
      ),
    );
  });

  it('ORDER BY an aggregate that is not selected sorts on a hidden result', () => {
    expect(plan('SELECT gt FROM t GROUP BY gt ORDER BY count(*) DESC')).toEqual(
      drop(
        sort(
          aggregate(table('t'), [col('gt')], [alias(call('count', star()), '__sql_sort_0')]),
          desc(col('__sql_sort_0')),
        ),
        '__sql_sort_0',
      ),
    );
  });

  it('ORDER BY a repeated select expression or ordinal sorts on its output column', () => {
    expect(plan('SELECT gt, count(*) FROM t GROUP BY gt ORDER BY count(*), 1')).toEqual(
      sort(
        aggregate(table('t'), [col('gt')], [call('count', star())]),
        asc(col('count(1)')),
        asc(col('gt')),
      ),
    );
  });

  it('CUBE, ROLLUP and WITH ROLLUP', () => {
    const items = [col('a'), col('b')];
    const sum = call('sum', col('x'));
    expect(plan('SELECT a, b, sum(x) FROM t GROUP BY CUBE(a, b)')).toEqual(
      aggregate(table('t'), items, [sum], 'cube'),
    );
    expect(plan('SELECT a, b, sum(x) FROM t GROUP BY rollup(a, b)')).toEqual(
      aggregate(table('t'), items, [sum], 'rollup'),
    );
    expect(plan('SELECT a, b, sum(x) FROM t GROUP BY a, b WITH ROLLUP')).toEqual(
      aggregate(table('t'), items, [sum], 'rollup'),
    );
  });

  it('GROUPING SETS become indices into the distinct grouping expressions', () => {
    expect(
      plan('SELECT a, b, grouping_id() AS g FROM t GROUP BY GROUPING SETS ((a, b), (a), b, ())'),
    ).toEqual(
      aggregate(table('t'), [col('a'), col('b')], [alias(call('grouping_id'), 'g')], 'groupBy', [
        [0, 1],
        [0],
        [1],
        [],
      ]),
    );
  });

  it('DISTINCT aggregates stay calls with distinct set', () => {
    expect(plan('SELECT count(DISTINCT gt) FROM t')).toEqual(
      aggregate(
        table('t'),
        [],
        [{ kind: 'call', name: 'count', args: [col('gt')], distinct: true }],
      ),
    );
  });
});
