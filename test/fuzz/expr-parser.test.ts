/**
 * Issue 7 §5: the expression parser under fuzzing. Any text gives an Expr or a
 * ParseException pointing inside the text; nesting past the bound is refused with Spark's
 * FAILED_TO_PARSE_TOO_COMPLEX instead of a stack overflow; valid trees survive
 * exprToSQL → parseExpr unchanged and evaluate with nothing but Spark's errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBatch } from '../../engine/batch/column-batch';
import { ParseException, TidemarkError } from '../../engine/errors';
import { bindExpr } from '../../engine/expr/bind';
import { exprToSQL } from '../../engine/expr/expr-sql';
import { MAX_EXPR_DEPTH, MAX_PARSE_NESTING } from '../../engine/expr/parse-limits';
import { parseExpr, parseExprList } from '../../engine/expr/parser';
import { parseDDL } from '../../engine/types/ddl';
import { EVAL_DDL, EVAL_ROWS, exprArb, namedExprArb } from './arbitraries/expr-ast';
import { fuzzParams, withoutSpans } from './arbitraries/fuzz-settings';
import { anySqlText } from './arbitraries/sql-text';

/** The outcome of parsing: the tree, or the ParseException (anything else fails the property). */
function parseOutcome(text: string, parse: (t: string) => unknown): unknown {
  try {
    return parse(text);
  } catch (e) {
    if (!(e instanceof ParseException)) throw e;
    expect(e.errorClass).toMatch(/^[A-Z_]+(\.[A-Z_]+)?$/);
    const { start, stop, text: where } = e.context ?? {};
    expect(where).toBe(text);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThanOrEqual(text.length);
    expect(stop).toBeGreaterThanOrEqual(start ?? 0);
    return e;
  }
}

describe('parseExpr / parseExprList on any text', () => {
  it('return an expression or throw a ParseException positioned within the text', () => {
    fc.assert(
      fc.property(anySqlText, (text) => {
        parseOutcome(text, parseExpr);
        parseOutcome(text, parseExprList);
      }),
      fuzzParams(500),
    );
  });

  it('refuse nesting past the bound with FAILED_TO_PARSE_TOO_COMPLEX, at every depth up to 10,000', () => {
    const shapes: ((n: number) => string)[] = [
      (n) => '('.repeat(n) + 'x' + ')'.repeat(n),
      (n) => 'f('.repeat(n) + ')'.repeat(n),
      (n) => 'NOT '.repeat(n) + 'b',
      (n) => '- '.repeat(n) + 'x',
      (n) => 'CASE WHEN '.repeat(n) + 'b' + ' THEN 1 END'.repeat(n),
      (n) => 'a['.repeat(n) + '0' + ']'.repeat(n),
      (n) => Array.from({ length: n + 1 }, () => 'x').join(' + '),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...shapes), fc.integer({ min: 1, max: 10_000 }), (shape, n) => {
        const text = shape(n);
        const outcome = parseOutcome(text, parseExpr);
        if (outcome instanceof ParseException) {
          expect(outcome.errorClass).toBe('FAILED_TO_PARSE_TOO_COMPLEX');
          expect(outcome.sqlState).toBe('54001');
          expect(n).toBeGreaterThan(MAX_PARSE_NESTING / 2);
        } else {
          expect(n).toBeLessThanOrEqual(MAX_EXPR_DEPTH);
        }
      }),
      fuzzParams(100),
    );
    // The extremes the property may not draw.
    expect(() => parseExpr('('.repeat(10_000) + 'x' + ')'.repeat(10_000))).toThrow(/FAILED_TO_PARSE_TOO_COMPLEX/);
    expect(withoutSpans(parseExpr('('.repeat(MAX_PARSE_NESTING - 1) + 'x' + ')'.repeat(MAX_PARSE_NESTING - 1)))).toEqual({ kind: 'column', name: ['x'] });
  });
});

describe('valid expressions', () => {
  it('round-trip: parseExpr(exprToSQL(e)) is e', () => {
    fc.assert(
      fc.property(namedExprArb(), (e) => {
        const sql = exprToSQL(e);
        expect(withoutSpans(parseExpr(sql)), sql).toEqual(e);
      }),
      fuzzParams(500),
    );
  });

  it('a list round-trips through parseExprList', () => {
    fc.assert(
      fc.property(fc.array(namedExprArb(3), { minLength: 1, maxLength: 4 }), (list) => {
        const sql = list.map(exprToSQL).join(', ');
        expect(withoutSpans(parseExprList(sql)), sql).toEqual(list);
      }),
      fuzzParams(200),
    );
  });

  it('bind and evaluate over a small batch, failing only with Spark errors', () => {
    const schema = parseDDL(EVAL_DDL);
    const batch = ColumnBatch.fromRows(schema, EVAL_ROWS);
    fc.assert(
      fc.property(exprArb(4), fc.boolean(), (e, ansi) => {
        try {
          const bound = bindExpr(e, schema, { caseSensitive: false, ansi, timeZone: 'UTC' });
          const v = bound.evaluate(batch, { batchTimestampUs: 1_700_000_000_000_000 });
          expect(v.length).toBe(batch.numRows);
        } catch (err) {
          if (!(err instanceof TidemarkError)) throw err;
        }
      }),
      fuzzParams(500),
    );
  });
});
