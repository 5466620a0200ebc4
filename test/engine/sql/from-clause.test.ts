import { describe, expect, it } from 'vitest';
import type { LogicalPlan } from '../../../engine/plan/logical-plan';
import { parseQuery } from '../../../engine/sql/parse-query';
import {
  aggregate,
  alias,
  bin,
  call,
  col,
  desc,
  distinct,
  drop,
  filter,
  int,
  limit,
  noSpans,
  project,
  sort,
  star,
  table,
} from './plan-builders';

const plan = (sql: string): LogicalPlan => noSpans(parseQuery(sql));

describe('parseQuery: relations', () => {
  it('JOIN … ON with qualified names reads hidden per-relation copies, so a.id = b.id is unambiguous', () => {
    expect(plan('SELECT a.id, b.v FROM l AS a JOIN r b ON a.id = b.id')).toEqual(
      project(
        {
          op: 'join',
          left: { op: 'withColumns', input: table('l'), names: ['a.id'], exprs: [col('id')] },
          right: {
            op: 'withColumns',
            input: table('r'),
            names: ['b.v', 'b.id'],
            exprs: [col('v'), col('id')],
          },
          how: 'inner',
          condition: bin('=', col('a.id'), col('b.id')),
        },
        alias(col('a.id'), 'id'),
        alias(col('b.v'), 'v'),
      ),
    );
  });

  it('SELECT * over a join drops the hidden copies again', () => {
    expect(plan('SELECT *, 1 AS one FROM l JOIN r ON l.k = r.k')).toEqual(
      drop(
        project(
          {
            op: 'join',
            left: { op: 'withColumns', input: table('l'), names: ['l.k'], exprs: [col('k')] },
            right: { op: 'withColumns', input: table('r'), names: ['r.k'], exprs: [col('k')] },
            how: 'inner',
            condition: bin('=', col('l.k'), col('r.k')),
          },
          star(),
          alias(int(1), 'one'),
        ),
        'l.k',
        'r.k',
      ),
    );
  });

  it('join types: USING, LEFT/RIGHT/FULL [OUTER], SEMI, ANTI, CROSS and the comma', () => {
    const join = (how: string, extra: object = {}): LogicalPlan =>
      ({ op: 'join', left: table('l'), right: table('r'), how, ...extra }) as LogicalPlan;
    expect(plan('SELECT * FROM l JOIN r USING (k, `j`)')).toEqual(
      join('inner', { using: ['k', 'j'] }),
    );
    expect(plan('SELECT * FROM l LEFT OUTER JOIN r USING (k)')).toEqual(
      join('left', { using: ['k'] }),
    );
    expect(plan('SELECT * FROM l RIGHT JOIN r USING (k)')).toEqual(join('right', { using: ['k'] }));
    expect(plan('SELECT * FROM l FULL OUTER JOIN r USING (k)')).toEqual(
      join('full', { using: ['k'] }),
    );
    expect(plan('SELECT * FROM l LEFT SEMI JOIN r USING (k)')).toEqual(
      join('left_semi', { using: ['k'] }),
    );
    expect(plan('SELECT * FROM l ANTI JOIN r USING (k)')).toEqual(
      join('left_anti', { using: ['k'] }),
    );
    expect(plan('SELECT * FROM l CROSS JOIN r')).toEqual(join('cross'));
    expect(plan('SELECT * FROM l, r')).toEqual(join('cross'));
    expect(plan('SELECT * FROM l INNER JOIN r ON k = j')).toEqual(
      join('inner', { condition: bin('=', col('k'), col('j')) }),
    );
  });

  it('an ON condition may call left()/right() without ending at them', () => {
    expect(plan("SELECT * FROM l JOIN r ON left(s, 1) = 'a' LEFT JOIN q USING (k)")).toEqual({
      op: 'join',
      left: {
        op: 'join',
        left: table('l'),
        right: table('r'),
        how: 'inner',
        condition: bin('=', call('left', col('s'), int(1)), {
          kind: 'literal',
          value: 'a',
          dataType: 'string',
        }),
      },
      right: table('q'),
      how: 'left',
      using: ['k'],
    });
  });

  it('a subquery in FROM with an alias', () => {
    expect(plan('SELECT s.n FROM (SELECT count(*) AS n FROM t) AS s')).toEqual(
      project(aggregate(table('t'), [], [alias(call('count', star()), 'n')]), col('n')),
    );
  });

  it('WITH names common table expressions; a later one may use an earlier one', () => {
    expect(
      plan('WITH a AS (SELECT x FROM t), b AS (SELECT x FROM a WHERE x > 1) SELECT * FROM b'),
    ).toEqual(project(filter(project(table('t'), col('x')), bin('>', col('x'), int(1))), col('x')));
  });

  it('UNION ALL flattens, UNION deduplicates, and a trailing ORDER BY / LIMIT applies to the whole', () => {
    const a = project(table('a'), col('x'));
    const b = project(table('b'), col('x'));
    const c = project(table('c'), col('x'));
    expect(plan('SELECT x FROM a UNION ALL SELECT x FROM b UNION ALL SELECT x FROM c')).toEqual({
      op: 'union',
      inputs: [a, b, c],
    });
    expect(plan('SELECT x FROM a UNION SELECT x FROM b')).toEqual(
      distinct({ op: 'union', inputs: [a, b] }),
    );
    expect(plan('SELECT x FROM a UNION ALL SELECT x FROM b ORDER BY x DESC LIMIT 2')).toEqual(
      limit(sort({ op: 'union', inputs: [a, b] }, desc(col('x'))), 2),
    );
    expect(plan('(SELECT x FROM a LIMIT 1) UNION ALL (SELECT x FROM b)')).toEqual({
      op: 'union',
      inputs: [limit(a, 1), b],
    });
  });
});
