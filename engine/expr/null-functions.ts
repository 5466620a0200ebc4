/**
 * NULL handling functions (Spark's nullExpressions.scala): coalesce / nvl / ifnull (the
 * first non-NULL argument, evaluated lazily like Spark's Coalesce), isnull / isnotnull,
 * isnan (false for NULL), nanvl.
 */
import type { Vector } from '../batch/vector';
import { T, type DataType } from '../types/data-types';
import { castEvaluator, modeOf } from './cast-evaluator';
import { widerCommonType } from './coercion';
import { makeEvaluator, type Evaluator } from './evaluator';
import { dataTypeMismatch, toSQLType } from './expr-errors';
import { expectArg, rowFunction, type FunctionCall, type FunctionDef } from './function-def';
import { isNullEvaluator } from './logic';
import { evaluateOn, gatherSelect } from './select-rows';
import { boolVector } from './vector-factory';

/** Casts every argument to their common type, or DATATYPE_MISMATCH.DATA_DIFF_TYPES. */
export function commonTyped(call: FunctionCall, args: readonly Evaluator[] = call.args): { type: DataType; args: Evaluator[] } {
  const type = widerCommonType(args.map((a) => a.dataType), call.conf.ansi);
  if (type === null) {
    const list = `[${args.map((a) => toSQLType(a.dataType)).join(', ')}]`;
    throw dataTypeMismatch('DATA_DIFF_TYPES', call.sqlExpr, `Input to \`${call.name}\` should all be the same type, but it's ${list}.`, { functionName: `\`${call.name}\``, dataType: list }, call.context);
  }
  return { type, args: args.map((a) => castEvaluator(a, type, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context)) };
}

function isValid(v: Vector, i: number): boolean {
  return v.validity === null || v.validity[i] === 1;
}

/** Coalesce: the first non-NULL argument per row. */
export function coalesceEvaluator(type: DataType, args: readonly Evaluator[]): Evaluator {
  const nullable = args.every((a) => a.nullable);
  return makeEvaluator(type, nullable, args.every((a) => a.foldable), (batch, ctx) => {
    const n = batch.numRows;
    const choice = new Int32Array(n).fill(-1);
    try {
      const vectors = args.map((a) => a.evaluate(batch, ctx));
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < vectors.length; k++) {
          if (isValid(vectors[k], i)) {
            choice[i] = k;
            break;
          }
        }
      }
      return gatherSelect(type, vectors, choice, null);
    } catch {
      // Lazy path: argument k is evaluated only on rows where all before it were NULL.
      const pos = new Int32Array(n);
      const vectors: Vector[] = [];
      let remaining = Int32Array.from({ length: n }, (_, i) => i);
      args.forEach((a, k) => {
        const v = evaluateOn(a, batch, ctx, remaining);
        vectors.push(v);
        const rest: number[] = [];
        for (let j = 0; j < remaining.length; j++) {
          if (isValid(v, j)) {
            choice[remaining[j]] = k;
            pos[remaining[j]] = j;
          } else rest.push(remaining[j]);
        }
        remaining = Int32Array.from(rest);
      });
      return gatherSelect(type, vectors, choice, pos);
    }
  });
}

function coalesceLike(names: string[], arity: readonly [number, number]): FunctionDef {
  return {
    names,
    arity,
    bind: (call) => {
      const { type, args } = commonTyped(call);
      return coalesceEvaluator(type, args);
    },
  };
}

export const NULL_FUNCTIONS: readonly FunctionDef[] = [
  coalesceLike(['coalesce'], [1, Infinity]),
  coalesceLike(['nvl', 'ifnull'], [2, 2]),
  { names: ['isnull'], arity: [1, 1], bind: (call) => isNullEvaluator(call.args[0], false) },
  { names: ['isnotnull'], arity: [1, 1], bind: (call) => isNullEvaluator(call.args[0], true) },
  {
    names: ['isnan'],
    arity: [1, 1],
    bind: (call) => {
      const arg = expectArg(call, 0, T.double);
      return makeEvaluator(T.boolean, false, arg.foldable, (batch, ctx) => {
        const v = arg.evaluate(batch, ctx) as Vector & { values: Float64Array };
        const out = new Uint8Array(batch.numRows);
        for (let i = 0; i < out.length; i++) out[i] = isValid(v, i) && Number.isNaN(v.values[i]) ? 1 : 0;
        return boolVector(T.boolean, out, null);
      });
    },
  },
  {
    names: ['nanvl'],
    arity: [2, 2],
    bind: (call) => {
      // NaNvl: NULL when the first is NULL; the second (possibly NULL) only where the first is NaN.
      const a = expectArg(call, 0, T.double);
      const b = expectArg(call, 1, T.double);
      return rowFunction(T.double, [a, b], ([x, y]) => (x === null ? null : Number.isNaN(x) ? y : x), { nullIntolerant: false });
    },
  },
];
