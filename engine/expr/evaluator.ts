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
  return {
    dataType,
    nullable: value === null,
    foldable: true,
    constant: { value },
    evaluate: (batch) => constantVector(dataType, value, batch.numRows),
  };
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
