import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../engine/expr/ast';
import { parseExpr, parseExprList } from '../../../engine/expr/parser';
import { ParseException } from '../../../engine/errors';
import { errorOf } from './expr-harness';

/** The AST without spans, for structural comparisons. */
function strip(e: unknown): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v)));
}
const p = (text: string): unknown => strip(parseExpr(text));
const col = (...name: string[]): Expr => ({ kind: 'column', name });
const int = (value: number): Expr => ({ kind: 'literal', value, dataType: 'int' });

describe('literals (AstBuilder.visitIntegerLiteral & co.)', () => {
  it('types integers as INT when they fit 32 bits, else BIGINT', () => {
    expect(p('2147483647')).toEqual(int(2147483647));
    expect(p('2147483648')).toEqual({ kind: 'literal', value: 2147483648, dataType: 'bigint' });
    expect(p('-2147483648')).toEqual(int(-2147483648));
  });
  it('reads the L, S, Y, D, F suffixes', () => {
    expect(p('10L')).toEqual({ kind: 'literal', value: 10, dataType: 'bigint' });
    expect(p('10S')).toEqual({ kind: 'literal', value: 10, dataType: 'smallint' });
    expect(p('10Y')).toEqual({ kind: 'literal', value: 10, dataType: 'tinyint' });
    expect(p('1.5D')).toEqual({ kind: 'literal', value: 1.5, dataType: 'double' });
    expect(p('1.5F')).toEqual({ kind: 'literal', value: 1.5, dataType: 'float' });
  });
  it('types 1.5 and 1e3 as DOUBLE (Spark: DECIMAL(2,1) for 1.5 — a documented deviation)', () => {
    expect(p('1.5')).toEqual({ kind: 'literal', value: 1.5, dataType: 'double' });
    expect(p('1e3')).toEqual({ kind: 'literal', value: 1000, dataType: 'double' });
    expect(p('.5')).toEqual({ kind: 'literal', value: 0.5, dataType: 'double' });
  });
  it('rejects a suffixed literal out of its range (INVALID_NUMERIC_LITERAL_RANGE)', () => {
    const e = errorOf(() => parseExpr('128Y'));
    expect(e.errorClass).toBe('INVALID_NUMERIC_LITERAL_RANGE');
    expect(e.message).toContain('Numeric literal 128 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127');
  });
  it("reads '…' and \"…\" strings with Spark's backslash escapes, joining adjacent literals", () => {
    expect(p(`'it\\'s'`)).toEqual({ kind: 'literal', value: "it's", dataType: 'string' });
    expect(p(`"a\\tb\\n"`)).toEqual({ kind: 'literal', value: 'a\tb\n', dataType: 'string' });
    expect(p(`'\\u0041\\101'`)).toEqual({ kind: 'literal', value: 'AA', dataType: 'string' });
    expect(p(`'a' 'b'`)).toEqual({ kind: 'literal', value: 'ab', dataType: 'string' });
    // \% and \_ keep their backslash so LIKE still sees the escape (unescapeSQLString).
    expect(p(`'100\\%'`)).toEqual({ kind: 'literal', value: '100\\%', dataType: 'string' });
    expect(p(`r'\\d+'`)).toEqual({ kind: 'literal', value: '\\d+', dataType: 'string' });
  });
  it('reads TRUE, FALSE, NULL and typed TIMESTAMP/DATE literals', () => {
    expect(p('TRUE')).toEqual({ kind: 'literal', value: true, dataType: 'boolean' });
    expect(p('null')).toEqual({ kind: 'literal', value: null, dataType: 'void' });
    expect(p("TIMESTAMP '2024-01-01 10:00:00'")).toEqual({ kind: 'literal', value: '2024-01-01 10:00:00', dataType: 'timestamp' });
    expect(p("DATE '2024-01-01'")).toEqual({ kind: 'literal', value: '2024-01-01', dataType: 'date' });
  });
});

describe('names', () => {
  it('reads dotted and back-quoted names', () => {
    expect(p('window.start')).toEqual(col('window', 'start'));
    expect(p('`a.b`')).toEqual(col('a.b'));
    expect(p('`we``ird`')).toEqual(col('we`ird'));
    expect(p('date')).toEqual(col('date'));
  });
  it('reads * and t.*', () => {
    expect(p('*')).toEqual({ kind: 'star' });
    expect(p('s.*')).toEqual({ kind: 'star', qualifier: 's' });
  });
  it('reads aliases with and without AS', () => {
    expect(p('x + 1 AS y')).toEqual({ kind: 'alias', name: 'y', arg: { kind: 'binary', op: '+', left: col('x'), right: int(1) } });
    expect(p('x y')).toEqual({ kind: 'alias', name: 'y', arg: col('x') });
    expect(p('x AS `my col`')).toEqual({ kind: 'alias', name: 'my col', arg: col('x') });
  });
});

describe('operator precedence (SqlBaseParser.g4)', () => {
  it('binds * tighter than +, and + tighter than comparison', () => {
    expect(p('a + b * c = d')).toEqual({
      kind: 'binary',
      op: '=',
      left: { kind: 'binary', op: '+', left: col('a'), right: { kind: 'binary', op: '*', left: col('b'), right: col('c') } },
      right: col('d'),
    });
  });
  it('binds AND tighter than OR, and NOT tighter than AND', () => {
    expect(p('NOT a OR b AND c')).toEqual({
      kind: 'binary',
      op: 'OR',
      left: { kind: 'unary', op: 'NOT', arg: col('a') },
      right: { kind: 'binary', op: 'AND', left: col('b'), right: col('c') },
    });
  });
  it('orders bitwise operators | < ^ < & < +', () => {
    expect(p('a | b ^ c & d + e')).toEqual({
      kind: 'binary',
      op: '|',
      left: col('a'),
      right: { kind: 'binary', op: '^', left: col('b'), right: { kind: 'binary', op: '&', left: col('c'), right: { kind: 'binary', op: '+', left: col('d'), right: col('e') } } },
    });
  });
  it('puts || with + and -, and DIV with *', () => {
    expect(p("a || 'x' + 1")).toEqual({ kind: 'binary', op: '+', left: { kind: 'binary', op: '||', left: col('a'), right: { kind: 'literal', value: 'x', dataType: 'string' } }, right: int(1) });
    expect(p('7 DIV 2 * 3')).toEqual({ kind: 'binary', op: '*', left: { kind: 'binary', op: 'div', left: int(7), right: int(2) }, right: int(3) });
  });
  it('reads == as = and <> as !=, and ! as NOT', () => {
    expect(p('a == 1')).toEqual({ kind: 'binary', op: '=', left: col('a'), right: int(1) });
    expect(p('a <> 1')).toEqual({ kind: 'binary', op: '!=', left: col('a'), right: int(1) });
    expect(p('!a')).toEqual({ kind: 'unary', op: 'NOT', arg: col('a') });
  });
  it('binds unary minus tighter than *, and -literal is a negative literal', () => {
    expect(p('-a * b')).toEqual({ kind: 'binary', op: '*', left: { kind: 'unary', op: '-', arg: col('a') }, right: col('b') });
    expect(p('- 5')).toEqual(int(-5));
    expect(p('a - 5')).toEqual({ kind: 'binary', op: '-', left: col('a'), right: int(5) });
  });
  it('applies postfix field access and subscripts to any expression', () => {
    expect(p('(a).b')).toEqual({ kind: 'field', arg: col('a'), field: 'b' });
    expect(p('f(x).b')).toEqual({ kind: 'field', arg: { kind: 'call', name: 'f', args: [col('x')] }, field: 'b' });
    expect(p('arr[0]')).toEqual({ kind: 'subscript', arg: col('arr'), index: int(0) });
    expect(p('x::int')).toEqual({ kind: 'cast', arg: col('x'), to: 'int' });
  });
});

describe('predicates', () => {
  it('reads IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN', () => {
    expect(p('a IS NOT NULL')).toEqual({ kind: 'isNull', arg: col('a'), negated: true });
    expect(p('a NOT IN (1, 2)')).toEqual({ kind: 'in', arg: col('a'), list: [int(1), int(2)], negated: true });
    expect(p('a BETWEEN 1 AND 2 AND b')).toEqual({
      kind: 'binary',
      op: 'AND',
      left: { kind: 'between', arg: col('a'), low: int(1), high: int(2), negated: false },
      right: col('b'),
    });
  });
  it('reads LIKE with ESCAPE, ILIKE, RLIKE and REGEXP', () => {
    expect(p("a NOT LIKE 'x/%' ESCAPE '/'")).toEqual({ kind: 'like', arg: col('a'), pattern: { kind: 'literal', value: 'x/%', dataType: 'string' }, negated: true, escape: '/' });
    expect(p("a ILIKE 'x'")).toEqual({ kind: 'like', arg: col('a'), pattern: { kind: 'literal', value: 'x', dataType: 'string' }, negated: false, caseInsensitive: true });
    expect(p("a REGEXP '^x'")).toEqual({ kind: 'rlike', arg: col('a'), pattern: { kind: 'literal', value: '^x', dataType: 'string' }, negated: false });
  });
  it('reads x IS DISTINCT FROM y as NOT (x <=> y)', () => {
    expect(p('a IS DISTINCT FROM b')).toEqual({ kind: 'unary', op: 'NOT', arg: { kind: 'binary', op: '<=>', left: col('a'), right: col('b') } });
  });
});

describe('calls, CASE and CAST', () => {
  it('reads count(*), count(DISTINCT x) and nested calls', () => {
    expect(p('count(*)')).toEqual({ kind: 'call', name: 'count', args: [{ kind: 'star' }] });
    expect(p('count(DISTINCT x)')).toEqual({ kind: 'call', name: 'count', args: [col('x')], distinct: true });
    expect(p('upper(trim(x))')).toEqual({ kind: 'call', name: 'upper', args: [{ kind: 'call', name: 'trim', args: [col('x')] }] });
    expect(p('current_timestamp()')).toEqual({ kind: 'call', name: 'current_timestamp', args: [] });
  });
  it('reads both CASE forms', () => {
    expect(p('CASE WHEN x > 1 THEN 1 ELSE 0 END')).toEqual({
      kind: 'case',
      branches: [{ when: { kind: 'binary', op: '>', left: col('x'), right: int(1) }, then: int(1) }],
      otherwise: int(0),
    });
    expect(p("CASE x WHEN 1 THEN 'a' END")).toEqual({ kind: 'case', operand: col('x'), branches: [{ when: int(1), then: { kind: 'literal', value: 'a', dataType: 'string' } }] });
  });
  it('reads CAST and TRY_CAST with complex types', () => {
    expect(p('CAST(x AS INT)')).toEqual({ kind: 'cast', arg: col('x'), to: 'int' });
    expect(p('try_cast(x AS decimal(10, 2))')).toEqual({ kind: 'cast', arg: col('x'), to: 'decimal(10,2)', try: true });
    expect(p('CAST(x AS array<string>)')).toEqual({ kind: 'cast', arg: col('x'), to: 'array<string>' });
  });
  it('records spans as [start, end) offsets', () => {
    const e = parseExpr('a + upper(b)');
    expect(e.span).toEqual([0, 12]);
    expect(e.kind === 'binary' && e.right.span).toEqual([4, 12]);
  });
});

describe('parseExprList', () => {
  it('splits top-level commas only', () => {
    expect(parseExprList('a, coalesce(b, c) AS d').map(strip)).toEqual([col('a'), { kind: 'alias', name: 'd', arg: { kind: 'call', name: 'coalesce', args: [col('b'), col('c')] } }]);
  });
});

describe('syntax errors (PARSE_SYNTAX_ERROR, sqlState 42601)', () => {
  it("points at the offending token: Syntax error at or near 'x'", () => {
    const e = errorOf(() => parseExpr('a + + )'));
    expect(e).toBeInstanceOf(ParseException);
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.sqlState).toBe('42601');
    expect(e.message).toContain("[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. SQLSTATE: 42601");
    expect(e.message).toContain('== SQL (line 1, position 7) ==\na + + )\n      ^');
  });
  it('reports end of input', () => {
    expect(errorOf(() => parseExpr('a +')).message).toContain('Syntax error at or near end of input.');
    expect(errorOf(() => parseExpr('(a')).message).toContain('end of input');
  });
  it('rejects trailing garbage and unclosed strings', () => {
    expect(errorOf(() => parseExpr('a b c')).message).toContain("Syntax error at or near 'c'");
    expect((errorOf(() => parseExpr("'abc")) as ParseException).errorClass).toBe('PARSE_SYNTAX_ERROR');
  });
});
