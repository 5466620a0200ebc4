/**
 * `arr[i]` and `map[key]` (Spark's ElementAt-style GetArrayItem / GetMapValue): array
 * subscripts are 0-based; an index out of bounds is INVALID_ARRAY_INDEX under ANSI and
 * NULL otherwise; a missing map key is NULL.
 */
import type { ErrorContext } from '../errors';
import { ArrayType, MapType, T } from '../types/data-types';
import type { ExprConf } from './bound-expr';
import { castEvaluator, modeOf } from './cast-evaluator';
import { invalidArrayIndex, invalidExtractBase } from './expr-errors';
import type { Evaluator } from './evaluator';
import { rowFunction } from './function-def';

export function subscriptEvaluator(base: Evaluator, index: Evaluator, conf: ExprConf, sqlExpr: string, context?: ErrorContext): Evaluator {
  const t = base.dataType;
  if (t instanceof ArrayType) {
    const i = castEvaluator(index, T.int, modeOf(conf.ansi), conf.timeZone, sqlExpr, context);
    return rowFunction(t.elementType, [base, i], ([arr, k]) => {
      const a = arr as unknown[];
      const n = k as number;
      if (n < 0 || n >= a.length) {
        if (conf.ansi) throw invalidArrayIndex(n, a.length, context);
        return null;
      }
      return a[n];
    });
  }
  if (t instanceof MapType) {
    const k = castEvaluator(index, t.keyType, modeOf(conf.ansi), conf.timeZone, sqlExpr, context);
    return rowFunction(t.valueType, [base, k], ([m, key]) => {
      const map = m as Map<unknown, unknown> | Record<string, unknown>;
      if (map instanceof Map) return map.get(key) ?? null;
      return (map as Record<string, unknown>)[String(key)] ?? null;
    });
  }
  throw invalidExtractBase(sqlExpr, t, context);
}
