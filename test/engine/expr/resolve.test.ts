import { describe, expect, it } from 'vitest';
import { AnalysisException } from '../../../engine/errors';
import { levenshtein, orderSuggestions } from '../../../engine/expr/resolve';
import { ANSI, errorOf, evalRows, typeOf } from './expr-harness';

const STRUCT = 'Device STRING, gt STRING, window STRUCT<start: TIMESTAMP, end: TIMESTAMP>, x INT';

describe('column resolution (Analyzer ResolveReferences)', () => {
  it('resolves names case-insensitively by default (spark.sql.caseSensitive=false)', () => {
    expect(evalRows('DEVICE', [{ Device: 'a' }], ANSI, STRUCT)).toEqual(['a']);
  });
  it('is case-sensitive when the conf says so', () => {
    const e = errorOf(() => evalRows('DEVICE', [{ Device: 'a' }], { ...ANSI, caseSensitive: true }, STRUCT));
    expect(e.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
  });
  it('reads struct fields with dotted names (window.start)', () => {
    const rows = [{ window: { start: 10, end: 20 } }, { window: null }];
    expect(evalRows('window.start', rows, ANSI, STRUCT)).toEqual([10, null]);
    expect(evalRows('WINDOW.END', rows, ANSI, STRUCT)).toEqual([20, null]);
    expect(typeOf('window.start', ANSI, STRUCT).simpleString()).toBe('timestamp');
  });
  it("reports an unknown column with Spark's exact text and Levenshtein-ordered suggestions", () => {
    const e = errorOf(() => evalRows('devise', [], ANSI, STRUCT));
    expect(e).toBeInstanceOf(AnalysisException);
    expect(e.errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(e.sqlState).toBe('42703');
    expect(e.message).toContain(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `devise` cannot be resolved. Did you mean one of the following? [`Device`, `gt`, `window`, `x`]. SQLSTATE: 42703',
    );
  });
  it('suggests at most five names', () => {
    expect(orderSuggestions('a', ['a1', 'b', 'c', 'dd', 'eee', 'f', 'a'])).toEqual(['a', 'a1', 'b', 'c', 'f']);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });
  it('reports AMBIGUOUS_REFERENCE when two columns differ only in case', () => {
    const e = errorOf(() => evalRows('a', [], ANSI, 'a INT, A INT'));
    expect(e.errorClass).toBe('AMBIGUOUS_REFERENCE');
    expect(e.message).toContain('Reference `a` is ambiguous, could be: [`a`, `A`].');
  });
  it('reports a missing struct field as FIELD_NOT_FOUND', () => {
    const e = errorOf(() => evalRows('window.middle', [], ANSI, STRUCT));
    expect(e.errorClass).toBe('FIELD_NOT_FOUND');
    expect(e.message).toContain('No such struct field `middle` in `start`, `end`.');
  });
});

describe('functions', () => {
  it('reports an unknown function as UNRESOLVED_ROUTINE', () => {
    const e = errorOf(() => evalRows('frobnicate(x)', [], ANSI, STRUCT));
    expect(e.errorClass).toBe('UNRESOLVED_ROUTINE');
    expect(e.message).toContain('Cannot resolve routine `frobnicate` on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].');
    expect(e.sqlState).toBe('42883');
  });
  it('reports WRONG_NUM_ARGS', () => {
    const e = errorOf(() => evalRows('upper(gt, gt)', [], ANSI, STRUCT));
    expect(e.errorClass).toBe('WRONG_NUM_ARGS.WITHOUT_SUGGESTION');
    expect(e.message).toContain('The `upper` requires 1 parameters but the actual number is 2.');
  });
  it('rejects aggregate calls: the planner binds them', () => {
    const e = errorOf(() => evalRows('count(x) + 1', [], ANSI, STRUCT));
    expect(e.message).toContain('"count(x)" is not allowed here');
  });
  it('rejects window() outside a grouping', () => {
    const e = errorOf(() => evalRows("window(window.start, '10 minutes')", [], ANSI, STRUCT));
    expect(e.message).toContain('time window expression');
  });
  it('reports DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for a bad argument type', () => {
    const e = errorOf(() => evalRows('length(window)', [], ANSI, STRUCT));
    expect(e.errorClass).toBe('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE');
    expect(e.message).toContain('Cannot resolve "length(window)" due to data type mismatch: The first parameter requires the "STRING" type');
  });
});
