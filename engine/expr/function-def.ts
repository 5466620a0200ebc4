/**
 * What a scalar function definition is (one per function, as arquero's registry and
 * Spark's FunctionRegistry: names, arity, type resolution, evaluator) and the shared
 * machinery definitions use: implicit argument casts with Spark's
 * DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE errors, and a row-function evaluator that runs
 * once per dictionary entry when the only varying argument is a string column.
 */
import { valueAt } from '../batch/values';
import type { Vector } from '../batch/vector';
import type { ErrorContext } from '../errors';
import { StringType, isNumeric, type DataType } from '../types/data-types';
import type { Expr } from './ast';
import type { ExprConf } from './bound-expr';
import { castEvaluator, modeOf } from './cast-evaluator';
import { canImplicitCast } from './coercion';
import { makeEvaluator, type Evaluator } from './evaluator';
import { toSQLType, unexpectedInputType } from './expr-errors';
import { exprName } from './expr-sql';
import { mapStrings, mapStringsToBools, mapStringsToNumbers } from './string-vectors';
import { vectorFromValues } from './vector-factory';

export interface FunctionCall {
  /** The name as called, lower-cased (aliases keep their own name). */
  readonly name: string;
  readonly args: readonly Evaluator[];
  readonly argExprs: readonly Expr[];
  readonly conf: ExprConf;
  /** The call's generated name, for error messages. */
  readonly sqlExpr: string;
  readonly context?: ErrorContext;
}

export interface FunctionDef {
  readonly names: readonly string[];
  /** [min, max] argument counts; max may be Infinity. */
  readonly arity: readonly [number, number];
  bind(call: FunctionCall): Evaluator;
}

/** Casts argument `i` to `to` when Spark would do so implicitly, else UNEXPECTED_INPUT_TYPE. */
export function expectArg(call: FunctionCall, i: number, to: DataType, required = toSQLType(to)): Evaluator {
  const arg = call.args[i];
  if (arg.dataType.equals(to)) return arg;
  if (!canImplicitCast(arg.dataType, to, call.conf.ansi)) {
    throw unexpectedInputType(call.sqlExpr, i, required, exprName(call.argExprs[i]), arg.dataType, call.context);
  }
  return castEvaluator(arg, to, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context);
}

/** A numeric argument kept in its own type; strings become DOUBLE (NULL stays a NULL double). */
export function expectNumeric(call: FunctionCall, i: number, fallback: DataType): Evaluator {
  const arg = call.args[i];
  if (isNumeric(arg.dataType)) return arg;
  return expectArg(call, i, fallback, '"NUMERIC"');
}

/** The constant value of argument `i`, or undefined when it varies by row. */
export function constantArg(call: FunctionCall, i: number): { value: unknown } | undefined {
  return call.args[i]?.constant;
}

export interface RowFunctionOptions {
  /** NULL in → NULL out without calling f (Spark's NullIntolerant); default true. */
  readonly nullIntolerant?: boolean;
  readonly nullable?: boolean;
  /** Depends on the batch context (current_timestamp): never folded. */
  readonly contextual?: boolean;
}

/**
 * A function evaluated value by value (values in valueAt's form). When exactly one
 * argument varies and it is a string column, f runs once per dictionary entry.
 */
export function rowFunction(
  type: DataType,
  args: readonly Evaluator[],
  f: (values: unknown[], ctx: { batchTimestampUs: number }) => unknown,
  options: RowFunctionOptions = {},
): Evaluator {
  const nullIntolerant = options.nullIntolerant ?? true;
  const nullable = options.nullable ?? true;
  const foldable = !options.contextual && args.every((a) => a.foldable);
  const varying = args.map((a, i) => (a.constant ? -1 : i)).filter((i) => i >= 0);
  return makeEvaluator(type, nullable, foldable, (batch, ctx) => {
    const n = batch.numRows;
    const vectors = args.map((a) => a.evaluate(batch, ctx));
    const template = args.map((a) => (a.constant ? a.constant.value : null));
    if (varying.length === 1 && vectors[varying[0]].storage === 'string' && !(nullIntolerant && template.some((v, i) => v === null && i !== varying[0]))) {
      const k = varying[0];
      const sv = vectors[k] as Vector & { storage: 'string' };
      const call = (s: string): unknown => {
        const vals = template.slice();
        vals[k] = s;
        const r = f(vals, ctx);
        return r === undefined ? null : r;
      };
      if (nullIntolerant || sv.validity === null) {
        if (type instanceof StringType) return mapStrings(sv, type, (s) => call(s) as string | null);
        if (type.storage === 'bool') return mapStringsToBools(sv, type, (s) => call(s) as boolean | null);
        if (type.storage === 'int32' || type.storage === 'float64') return mapStringsToNumbers(sv, type, (s) => call(s) as number | null);
      }
    }
    const out = new Array<unknown>(n);
    const vals = new Array<unknown>(args.length);
    for (let i = 0; i < n; i++) {
      let sawNull = false;
      for (let a = 0; a < vectors.length; a++) {
        vals[a] = valueAt(vectors[a], i);
        if (vals[a] === null) sawNull = true;
      }
      out[i] = nullIntolerant && sawNull ? null : (f(vals.slice(), ctx) ?? null);
    }
    return vectorFromValues(type, out);
  });
}
