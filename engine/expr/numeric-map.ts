/**
 * A numeric function applied over a typed array in one loop (the math functions: sqrt,
 * ln, ceil, round…), with NULL results where `f` returns null (ln of a non-positive
 * number is NULL in Spark, not NaN).
 */
import type { Vector } from '../batch/vector';
import type { DataType } from '../types/data-types';
import { makeEvaluator, type Evaluator } from './evaluator';
import { allocNumbers, compactValidity, numberVector } from './vector-factory';

export function numericMap(arg: Evaluator, out: DataType, f: (x: number) => number | null, nullable = true): Evaluator {
  return makeEvaluator(out, nullable || arg.nullable, arg.foldable, (batch, ctx) => {
    const v = arg.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const n = batch.numRows;
    const values = allocNumbers(out, n);
    const validity = new Uint8Array(n);
    const src = v.values;
    const inValid = v.validity;
    for (let i = 0; i < n; i++) {
      if (inValid !== null && inValid[i] === 0) continue;
      const r = f(src[i]);
      if (r === null) continue;
      values[i] = r;
      validity[i] = 1;
    }
    return numberVector(out, values, compactValidity(validity, n));
  });
}

/** Two numeric columns → one (pow, log(base, x), atan2…). */
export function numericMap2(a: Evaluator, b: Evaluator, out: DataType, f: (x: number, y: number) => number | null): Evaluator {
  return makeEvaluator(out, true, a.foldable && b.foldable, (batch, ctx) => {
    const va = a.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const vb = b.evaluate(batch, ctx) as Vector & { values: Int32Array | Float64Array };
    const n = batch.numRows;
    const values = allocNumbers(out, n);
    const validity = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if ((va.validity !== null && va.validity[i] === 0) || (vb.validity !== null && vb.validity[i] === 0)) continue;
      const r = f(va.values[i], vb.values[i]);
      if (r === null) continue;
      values[i] = r;
      validity[i] = 1;
    }
    return numberVector(out, values, compactValidity(validity, n));
  });
}
