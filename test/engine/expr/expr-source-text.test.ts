/**
 * Binding errors of an expression parsed from text point into that text, as Spark's
 * Origin does for `expr("...")` (ParserUtils.withOrigin): the DataFrame API reports the
 * fragment even when the text never reached the analyzer.
 */
import { describe, expect, it } from 'vitest';
import type { TidemarkError } from '../../../engine/errors';
import { bindExpr } from '../../../engine/expr/bind';
import { parseExpr, parseExprList } from '../../../engine/expr/parser';
import { sourceTextOf } from '../../../engine/expr/expr-source-text';
import { mapChildren } from '../../../engine/plan/expr-rewrite';
import { StructType } from '../../../engine/types/index';

const schema = new StructType().add('gt', 'string').add('x', 'double');
const conf = { caseSensitive: false, ansi: false, timeZone: 'UTC' };

function bindError(e: ReturnType<typeof parseExpr>, sourceText?: string): TidemarkError {
  try {
    bindExpr(e, schema, sourceText === undefined ? conf : { ...conf, sourceText });
  } catch (error) {
    return error as TidemarkError;
  }
  throw new Error('expected a binding error');
}

describe('the source text of parsed expressions', () => {
  it('an unknown column inside expr() text carries the text and its offsets', () => {
    const e = bindError(parseExpr('x + 1 > nope'));
    expect(e.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(e.context).toEqual({ text: 'x + 1 > nope', start: 8, stop: 12 });
    expect(e.message).toContain('== SQL (line 1, position 9) ==\nx + 1 > nope\n        ^^^^');
  });

  it('each expression of a list keeps the text of the whole list, which its spans refer to', () => {
    const [, second] = parseExprList('gt, upper(nope) AS u');
    expect(bindError(second).context).toEqual({
      text: 'gt, upper(nope) AS u',
      start: 10,
      stop: 14,
    });
  });

  it("survives the analyzer's copies of a node (`{ ...e }` keeps the span)", () => {
    const e = parseExpr('concat(gt, nope)');
    const copy = mapChildren(e, (c) => c);
    expect(copy).not.toBe(e);
    expect(sourceTextOf(copy)).toBe('concat(gt, nope)');
    expect(bindError(copy).context).toMatchObject({ start: 11, stop: 15 });
  });

  it('the text the analyzer gives wins (a SQL statement, whose spans are statement offsets)', () => {
    expect(bindError(parseExpr('nope'), 'SELECT nope FROM t').context?.text).toBe(
      'SELECT nope FROM t',
    );
  });

  it('a plan read back from JSON has no text: its offsets refer to nothing', () => {
    const e = JSON.parse(JSON.stringify(parseExpr('x > nope'))) as ReturnType<typeof parseExpr>;
    expect(sourceTextOf(e)).toBeUndefined();
    expect(bindError(e).context).toBeUndefined();
  });
});
