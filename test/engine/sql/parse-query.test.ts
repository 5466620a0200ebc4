import { describe, expect, it } from 'vitest';
import { ParseException } from '../../../engine/errors';
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
  distinct,
  filter,
  int,
  limit,
  noSpans,
  oneRow,
  project,
  sort,
  star,
  table,
} from './plan-builders';

const plan = (sql: string): LogicalPlan => noSpans(parseQuery(sql));

describe('parseQuery: the lab queries', () => {
  it('SELECT count(1) FROM iot_stream is a global aggregate over the memory table', () => {
    expect(plan('SELECT count(1) FROM iot_stream')).toEqual(
      aggregate(table('iot_stream'), [], [call('count', int(1))]),
    );
  });

  it('SELECT * FROM activity_count is the table itself (Project [*] is an identity)', () => {
    expect(plan('SELECT * FROM activity_count')).toEqual(table('activity_count'));
  });

  it('WHERE, GROUP BY, ORDER BY an alias DESC and LIMIT map to filter → aggregate → sort → limit', () => {
    expect(
      plan('SELECT gt, count(*) AS n FROM t WHERE x > 0 GROUP BY gt ORDER BY n DESC LIMIT 3'),
    ).toEqual(
      limit(
        sort(
          aggregate(
            filter(table('t'), bin('>', col('x'), int(0))),
            [col('gt')],
            [alias(call('count', star()), 'n')],
          ),
          desc(col('n')),
        ),
        3,
      ),
    );
  });

  it('keywords are case-insensitive and a trailing semicolon is allowed', () => {
    expect(
      plan('select gt, COUNT(*) as n from t where x > 0 group by gt order by n desc limit 3;'),
    ).toEqual(
      plan('SELECT gt, COUNT(*) AS n FROM t WHERE x > 0 GROUP BY gt ORDER BY n DESC LIMIT 3'),
    );
  });
});

describe('parseQuery: projections', () => {
  it('quoted names: back-quoted columns, aliases and tables; db.table uses the last part', () => {
    expect(plan('SELECT `my col` AS `the alias`, `a``b` FROM `my db`.`my table`')).toEqual(
      project(table('my table'), alias(col('my col'), 'the alias'), col('a`b')),
    );
  });

  it('implicit aliases (expr name)', () => {
    expect(plan('SELECT x + 1 y FROM t')).toEqual(
      project(table('t'), alias(bin('+', col('x'), int(1)), 'y')),
    );
  });

  it('SELECT without FROM reads one empty row (OneRowRelation)', () => {
    expect(plan('SELECT 1 AS one')).toEqual(project(oneRow, alias(int(1), 'one')));
  });

  it('DISTINCT deduplicates the projection', () => {
    expect(plan('SELECT DISTINCT gt FROM t')).toEqual(distinct(project(table('t'), col('gt'))));
  });

  it('ORDER BY sorts below the projection, resolving select aliases and ordinals (SubstituteUnresolvedOrdinals)', () => {
    expect(plan('SELECT a AS x, b FROM t ORDER BY x DESC, 2, c NULLS LAST')).toEqual(
      project(
        sort(table('t'), desc(col('a')), asc(col('b')), asc(col('c'), false)),
        alias(col('a'), 'x'),
        col('b'),
      ),
    );
  });

  it('DESC NULLS FIRST and ASC defaults follow SortOrder', () => {
    expect(plan('SELECT a FROM t ORDER BY a DESC NULLS FIRST, b ASC')).toEqual(
      project(sort(table('t'), desc(col('a'), true), asc(col('b'))), col('a')),
    );
  });

  it('DISTINCT with ORDER BY sorts the distinct output', () => {
    expect(plan('SELECT DISTINCT a AS x FROM t ORDER BY 1 DESC')).toEqual(
      sort(distinct(project(table('t'), alias(col('a'), 'x'))), desc(col('x'))),
    );
  });

  it('LIMIT ALL is no limit', () => {
    expect(plan('SELECT a FROM t LIMIT ALL')).toEqual(project(table('t'), col('a')));
  });

  it('a qualified name over one relation drops the qualifier; t.* is *', () => {
    expect(plan('SELECT t.x, s.* FROM t AS s WHERE s.y > 1')).toEqual(
      project(filter(table('t'), bin('>', col('y'), int(1))), col('t', 'x'), star()),
    );
  });
});

describe('parseQuery: errors point into the statement', () => {
  const fail = (sql: string): ParseException => {
    try {
      parseQuery(sql);
    } catch (e) {
      expect(e).toBeInstanceOf(ParseException);
      return e as ParseException;
    }
    throw new Error(`no error for ${sql}`);
  };

  it('an empty select list is a syntax error at FROM', () => {
    const e = fail('SELECT FROM t');
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.sqlState).toBe('42601');
    expect(e.message).toBe(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. SQLSTATE: 42601\n== SQL (line 1, position 8) ==\nSELECT FROM t\n       ^^^^",
    );
  });

  it('a missing table name is a syntax error at end of input', () => {
    const e = fail('SELECT * FROM');
    expect(e.message).toContain('Syntax error at or near end of input.');
    expect(e.context).toMatchObject({ start: 13 });
  });

  it("an expression's own error is moved to its place in the statement", () => {
    const e = fail('SELECT a FROM t WHERE x > > 1');
    expect(e.message).toContain("Syntax error at or near '>'.");
    expect(e.context).toMatchObject({ text: 'SELECT a FROM t WHERE x > > 1', start: 26, stop: 27 });
  });

  it('an expression cut short names the next token of the statement', () => {
    expect(fail('SELECT a + FROM t').message).toContain("Syntax error at or near 'FROM'.");
  });

  it('three words in a select item fail at the third (namedExpression takes one alias)', () => {
    const e = fail('SELECT a b c FROM t');
    expect(e.message).toContain("Syntax error at or near 'c'.");
    expect(e.context).toMatchObject({ start: 11 });
  });

  it('an alias outside the select list is a syntax error', () => {
    expect(fail('SELECT a FROM t WHERE x > 1 y').message).toContain("Syntax error at or near 'y'.");
  });

  it('a trailing word after the statement, an empty statement, and a second statement', () => {
    expect(fail('SELECT a FROM t LIMIT 1 2').message).toContain('Syntax error');
    expect(fail('  ;').errorClass).toBe('PARSE_EMPTY_STATEMENT');
    expect(fail('SELECT 1; SELECT 2').message).toContain("Syntax error at or near 'SELECT'.");
  });

  it('set operations Tidemark does not plan are UNSUPPORTED_FEATURE', () => {
    expect(fail('SELECT x FROM a EXCEPT SELECT x FROM b').errorClass).toBe(
      'UNSUPPORTED_FEATURE.SQL_CONSTRUCT',
    );
    expect(fail('SELECT * FROM a NATURAL JOIN b').message).toContain('NATURAL JOIN');
  });

  it('subquery expressions and window functions are named as unsupported, not as syntax errors', () => {
    const sub = fail('SELECT a FROM t WHERE a IN (SELECT b FROM u)');
    expect(sub.errorClass).toBe('UNSUPPORTED_FEATURE.SQL_CONSTRUCT');
    expect(sub.message).toContain('subquery expressions');
    expect(sub.context).toMatchObject({ start: 28 });
    expect(fail('SELECT rank() OVER (ORDER BY a) FROM t').message).toContain(
      'window functions (OVER)',
    );
  });

  it('spans of parsed expressions are offsets into the whole statement', () => {
    const sql = 'SELECT a + 1 AS b FROM t WHERE x > 0';
    const p = parseQuery(sql);
    if (p.op !== 'project' || p.input.op !== 'filter') throw new Error(p.op);
    const item = p.exprs[0];
    expect(item.span).toEqual([7, 17]);
    expect(item.kind === 'alias' && sql.slice(...item.arg.span!)).toBe('a + 1');
    expect(sql.slice(...p.input.condition.span!)).toBe('x > 0');
  });
});
