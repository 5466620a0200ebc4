/**
 * The binder's internal node: a BoundExpr that also says whether it is foldable (no
 * column, no batch context; Spark's Expression.foldable) and, once folded, its constant
 * value. Constant folding (Spark's ConstantFolding rule) evaluates a foldable subtree
 * once at bind time; like Spark 4, a subtree whose evaluation fails is left unfolded so
 * the error surfaces only if a row reaches it.
 */
import { ColumnBatch } from '../batch/column-batch';
import { valueAt } from '../batch/values';
import type { Vector } from '../batch/vector';
import type { DataType } from '../types/data-types';
import { StructType } from '../types/struct-type';
import type { BoundExpr, EvalContext } from './bound-expr';
import { constantVector } from './vector-factory';

export interface Evaluator extends BoundExpr {
  readonly foldable: boolean;
  /** Present when the node is a constant: `{ value }` in row form (µs for timestamps, days for dates). */
  readonly constant?: { readonly value: unknown };
}

export type EvalFn = (batch: ColumnBatch, ctx: EvalContext) => Vector;

export function makeEvaluator(dataType: DataType, nullable: boolean, foldable: boolean, evaluate: EvalFn): Evaluator {
  return { dataType, nullable, foldable, evaluate };
}

export function literalEvaluator(value: unknown, dataType: DataType): Evaluator {
  // The literal's column is made once, for the largest batch so far, and every batch gets a
  // view of its first rows: count(1) over a 1M-row batch no longer fills 4 MB per batch.
  // Safe because vectors are immutable (vector.ts: operators write only arrays they made);
  // it keeps one batch-sized array per literal, as the group-key encoder keeps its scratch.
  let made: Vector | null = null;
  return {
    dataType,
    nullable: value === null,
    foldable: true,
    constant: { value },
    evaluate: (batch) => {
      const n = batch.numRows;
      if (value === null || value === undefined) return constantVector(dataType, value, n); // shared zeros already
      if (made === null || made.length < n) {
        const v = constantVector(dataType, value, n);
        if (!hasPrefixViews(v)) return v;
        made = v;
      }
      return made.length === n ? made : prefixOf(made, n);
    },
  };
}

/** Vectors whose first `n` rows are views of their arrays (no nested or object values). */
function hasPrefixViews(v: Vector): boolean {
  return v.validity === null && (v.storage === 'bool' || v.storage === 'int32' || v.storage === 'float64' || v.storage === 'string');
}

/** The first `n` rows of a vector hasPrefixViews accepts, as views of its arrays. */
function prefixOf(v: Vector, n: number): Vector {
  switch (v.storage) {
    case 'bool':
    case 'int32':
    case 'float64':
      return { ...v, length: n, values: v.values.subarray(0, n) } as Vector;
    case 'string':
      return { ...v, length: n, codes: v.codes.subarray(0, n) };
    default:
      throw new Error(`prefixOf: ${v.storage} vectors are not cached`);
  }
}

const ONE_ROW = new ColumnBatch(new StructType([]), [], 1);
const FOLD_CONTEXT: EvalContext = { batchTimestampUs: 0 };

/** Folds a foldable, non-constant node into a literal; keeps it when evaluation throws. */
export function fold(e: Evaluator): Evaluator {
  if (!e.foldable || e.constant) return e;
  try {
    const v = e.evaluate(ONE_ROW, FOLD_CONTEXT);
    return literalEvaluator(valueAt(v, 0), e.dataType);
  } catch {
    return e;
  }
}
