/**
 * Valid expression ASTs in the form parseExpr builds them (no spans, `NULL` typed void,
 * negative numbers as literals, `CASE x WHEN` keeping its operand), so that
 * parseExpr(exprToSQL(e)) must give `e` back. Names lean on a small schema so that
 * many trees also bind and evaluate.
 */
import fc from 'fast-check';
import type { BinaryOp, Expr } from '../../../engine/expr/ast';
import { isAggregateFunction, scalarFunctionNames } from '../../../engine/expr/function-registry';

/** The columns of the batch the evaluation property binds against. */
export const EVAL_DDL = 'i INT, l BIGINT, d DOUBLE, s STRING, b BOOLEAN, ts TIMESTAMP, dt DATE, arr ARRAY<INT>, st STRUCT<f: INT>';
export const EVAL_ROWS: Record<string, unknown>[] = [
  { i: 1, l: 10, d: 1.5, s: 'a%b_c', b: true, ts: 1_700_000_000_000_000, dt: 19_000, arr: [1, 2], st: { f: 7 } },
  { i: -3, l: -9, d: -0.25, s: 'Zz\\x', b: false, ts: 0, dt: 0, arr: [], st: { f: null } },
  { i: null, l: null, d: null, s: null, b: null, ts: null, dt: null, arr: null, st: null },
];
const SCHEMA_COLUMNS = ['i', 'l', 'd', 's', 'b', 'ts', 'dt', 'arr', 'st'];

const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'first'];
const TYPES = ['int', 'bigint', 'smallint', 'tinyint', 'double', 'float', 'string', 'boolean', 'timestamp', 'date', 'decimal(10,2)', 'array<int>'];
const BINARY_OPS: readonly BinaryOp[] = ['+', '-', '*', '/', '%', 'div', '=', '<=>', '!=', '<', '<=', '>', '>=', 'AND', 'OR', '||', '&', '|', '^'];

/** Any text as a name part: exprToSQL back-quotes what needs it. */
const namePart = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCHEMA_COLUMNS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('interval', 'case', 'date', 'timestamp', 'select', 'x y', 'a.b', 'we`ird', 'NULL', 'end') },
);

const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const safeLong = fc.maxSafeInteger();

export const literalArb: fc.Arbitrary<Expr> = fc.oneof(
  int32.map((value): Expr => ({ kind: 'literal', value, dataType: 'int' })),
  // Outside INT's range a plain integer is typed BIGINT, so BIGINT literals print with L.
  safeLong.map((value): Expr => ({ kind: 'literal', value, dataType: 'bigint' })),
  fc.integer({ min: -32768, max: 32767 }).map((value): Expr => ({ kind: 'literal', value, dataType: 'smallint' })),
  fc.integer({ min: -128, max: 127 }).map((value): Expr => ({ kind: 'literal', value, dataType: 'tinyint' })),
  // Non-finite doubles print as CAST('NaN' AS DOUBLE), a cast node rather than a literal.
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value): Expr => ({ kind: 'literal', value, dataType: 'double' })),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((value): Expr => ({ kind: 'literal', value, dataType: 'float' })),
  fc.string({ maxLength: 12, unit: 'grapheme' }).map((value): Expr => ({ kind: 'literal', value, dataType: 'string' })),
  fc.string({ maxLength: 6, unit: fc.constantFrom('\\', "'", '"', '%', '_', '\n', '\t', '\r', 'u', '0', 'a') }).map((value): Expr => ({ kind: 'literal', value, dataType: 'string' })),
  fc.boolean().map((value): Expr => ({ kind: 'literal', value, dataType: 'boolean' })),
  fc.constant<Expr>({ kind: 'literal', value: null, dataType: 'void' }),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map(
    (d): Expr => ({ kind: 'literal', value: d.toISOString().replace('T', ' ').replace('Z', ''), dataType: 'timestamp' }),
  ),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map(
    (d): Expr => ({ kind: 'literal', value: d.toISOString().slice(0, 10), dataType: 'date' }),
  ),
  fc.integer({ min: -(2 ** 50), max: 2 ** 50 }).map((value): Expr => ({ kind: 'literal', value, dataType: 'interval day to second' })),
);

const columnArb: fc.Arbitrary<Expr> = fc.array(namePart, { minLength: 1, maxLength: 2 }).map((name): Expr => ({ kind: 'column', name }));

const functionName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...scalarFunctionNames().filter((n) => !isAggregateFunction(n))) },
  { weight: 1, arbitrary: fc.constantFrom(...AGGREGATES) },
);

/** Expressions nested up to `maxDepth` (fast-check's depth bias keeps most trees small). */
export function exprArb(maxDepth = 5): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const sub = tie('expr');
    const list = (min: number, max: number): fc.Arbitrary<Expr[]> => fc.array(sub, { minLength: min, maxLength: max });
    return {
      expr: fc.oneof(
        { depthSize: 'small', maxDepth, withCrossShrink: true },
        literalArb,
        columnArb,
        fc.record({ op: fc.constantFrom('-', '+', 'NOT', '~' as const), arg: sub }).map(({ op, arg }): Expr => ({ kind: 'unary', op, arg })),
        fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }).map(({ op, left, right }): Expr => ({ kind: 'binary', op, left, right })),
        fc.record({ arg: sub, negated: fc.boolean() }).map(({ arg, negated }): Expr => ({ kind: 'isNull', arg, negated })),
        fc
          .record({
            arg: sub,
            pattern: sub,
            negated: fc.boolean(),
            escape: fc.option(fc.constantFrom('\\', '/', '!', '%', "'", 'é'), { nil: undefined }),
            caseInsensitive: fc.boolean(),
          })
          .map(({ arg, pattern, negated, escape, caseInsensitive }): Expr => ({
            kind: 'like',
            arg,
            pattern,
            negated,
            ...(escape !== undefined ? { escape } : {}),
            ...(caseInsensitive ? { caseInsensitive } : {}),
          })),
        fc.record({ arg: sub, pattern: sub, negated: fc.boolean() }).map(({ arg, pattern, negated }): Expr => ({ kind: 'rlike', arg, pattern, negated })),
        fc.record({ arg: sub, list: list(1, 4), negated: fc.boolean() }).map(({ arg, list: l, negated }): Expr => ({ kind: 'in', arg, list: l, negated })),
        fc.record({ arg: sub, low: sub, high: sub, negated: fc.boolean() }).map(({ arg, low, high, negated }): Expr => ({ kind: 'between', arg, low, high, negated })),
        fc
          .record({
            operand: fc.option(sub, { nil: undefined }),
            branches: fc.array(fc.record({ when: sub, then: sub }), { minLength: 1, maxLength: 3 }),
            otherwise: fc.option(sub, { nil: undefined }),
          })
          .map(({ operand, branches, otherwise }): Expr => ({
            kind: 'case',
            ...(operand ? { operand } : {}),
            branches,
            ...(otherwise ? { otherwise } : {}),
          })),
        fc.record({ arg: sub, to: fc.constantFrom(...TYPES), isTry: fc.boolean() }).map(({ arg, to, isTry }): Expr => ({ kind: 'cast', arg, to, ...(isTry ? { try: true } : {}) })),
        fc.record({ name: functionName, args: list(0, 3), distinct: fc.boolean() }).map(({ name, args, distinct }): Expr => ({
          kind: 'call',
          name,
          args,
          ...(distinct && args.length > 0 ? { distinct } : {}),
        })),
        fc.constant<Expr>({ kind: 'call', name: 'count', args: [{ kind: 'star' }] }),
        fc.record({ arg: sub, field: namePart }).map(({ arg, field }): Expr => ({ kind: 'field', arg, field })),
        fc.record({ arg: sub, index: sub }).map(({ arg, index }): Expr => ({ kind: 'subscript', arg, index })),
      ),
    };
  });
  return expr;
}

/** A top-level expression, aliased or not (an alias is only valid at the top, as in selectExpr). */
export function namedExprArb(maxDepth = 5): fc.Arbitrary<Expr> {
  return fc.oneof(
    { weight: 4, arbitrary: exprArb(maxDepth) },
    { weight: 1, arbitrary: fc.record({ arg: exprArb(maxDepth), name: namePart }).map(({ arg, name }): Expr => ({ kind: 'alias', arg, name })) },
  );
}
