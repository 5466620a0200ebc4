import { describe, expect, it } from 'vitest';
import { ParseException } from '../../../engine/errors';
import { splitSelectClauses, type TokenRange } from '../../../engine/sql/select-clauses';
import { tokenizeSql } from '../../../engine/sql/sql-tokens';

/** The clause bodies as text, so expectations read like the query. */
function clauses(sql: string): Record<string, string | boolean> {
  const tokens = tokenizeSql(sql);
  const c = splitSelectClauses(sql, tokens, 0, tokens.length);
  const body = (r: TokenRange | undefined): string | undefined =>
    r === undefined
      ? undefined
      : r.from >= r.to
        ? ''
        : sql.slice(tokens[r.from].start, tokens[r.to - 1].end);
  const out: Record<string, string | boolean> = { distinct: c.distinct };
  for (const k of ['select', 'from', 'where', 'groupBy', 'having', 'orderBy', 'limit'] as const) {
    const b = body(c[k]);
    if (b !== undefined) out[k] = b;
  }
  return out;
}

describe('splitSelectClauses (querySpecification + queryOrganization)', () => {
  it('finds every clause of the lab query', () => {
    expect(
      clauses('SELECT gt, count(*) AS n FROM t WHERE x > 0 GROUP BY gt ORDER BY n DESC LIMIT 3'),
    ).toEqual({
      distinct: false,
      select: 'gt, count(*) AS n',
      from: 't',
      where: 'x > 0',
      groupBy: 'gt',
      orderBy: 'n DESC',
      limit: '3',
    });
  });

  it('matches keywords case-insensitively', () => {
    expect(clauses('select distinct a from t where b having c order by d limit 1')).toEqual({
      distinct: true,
      select: 'a',
      from: 't',
      where: 'b',
      having: 'c',
      orderBy: 'd',
      limit: '1',
    });
  });

  it('ignores keywords inside parentheses, strings and quoted names', () => {
    expect(clauses("SELECT extract(YEAR FROM ts), 'WHERE', `from` FROM t")).toEqual({
      distinct: false,
      select: "extract(YEAR FROM ts), 'WHERE', `from`",
      from: 't',
    });
  });

  it('IS [NOT] DISTINCT FROM stays inside the expression', () => {
    expect(
      clauses('SELECT a IS NOT DISTINCT FROM b FROM t WHERE a IS DISTINCT FROM b'),
    ).toMatchObject({
      select: 'a IS NOT DISTINCT FROM b',
      from: 't',
      where: 'a IS DISTINCT FROM b',
    });
  });

  it('SELECT without FROM (constants) and SELECT ALL', () => {
    expect(clauses('SELECT ALL 1 + 1')).toEqual({ distinct: false, select: '1 + 1' });
  });

  it('a clause out of order is PARSE_SYNTAX_ERROR at its keyword', () => {
    const sql = 'SELECT * FROM t LIMIT 3 WHERE x > 1';
    const tokens = tokenizeSql(sql);
    try {
      splitSelectClauses(sql, tokens, 0, tokens.length);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseException);
      expect((e as ParseException).message).toContain("Syntax error at or near 'WHERE'.");
      expect((e as ParseException).context).toMatchObject({ start: 24, stop: 29 });
    }
  });

  it('Hive clauses without a plan node are UNSUPPORTED_FEATURE, but `offset` as a column is fine', () => {
    const sql = 'SELECT a FROM t SORT BY a';
    const tokens = tokenizeSql(sql);
    expect(() => splitSelectClauses(sql, tokens, 0, tokens.length)).toThrow(
      'The feature is not supported: SORT BY in session.sql().',
    );
    expect(clauses('SELECT offset FROM t WHERE offset > 2')).toMatchObject({
      select: 'offset',
      where: 'offset > 2',
    });
  });
});
