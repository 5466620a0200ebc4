/**
 * CAST as an evaluator: explicit casts (CAST, try_cast, `::`) and the implicit casts the
 * binder inserts (Spark's ImplicitTypeCasts), which run in the session's mode — ANSI
 * raises on malformed input, non-ANSI gives NULL.
 */
import type { ErrorContext } from '../errors';
import type { DataType } from '../types/data-types';
import { canCast, castMismatch, type CastMode } from './cast-rules';
import { castVector } from './cast';
import { fold, makeEvaluator, type Evaluator } from './evaluator';

export function castEvaluator(arg: Evaluator, to: DataType, mode: CastMode, timeZone: string, sqlExpr: string, context?: ErrorContext): Evaluator {
  if (arg.dataType.equals(to)) return arg;
  if (!canCast(arg.dataType, to, mode)) throw castMismatch(sqlExpr, arg.dataType, to, mode, context);
  // Casts that can fail or overflow make NULLs outside ANSI mode (Cast.forceNullable, approximated).
  const mayNull = mode !== 'ansi' && arg.dataType.simpleString() !== 'void' && (arg.dataType.storage === 'string' || arg.dataType.storage !== to.storage || to.simpleString() === 'date');
  const options = { mode, timeZone, context };
  return fold(makeEvaluator(to, arg.nullable || mayNull, arg.foldable, (batch, ctx) => castVector(arg.evaluate(batch, ctx), to, options)));
}

export function modeOf(ansi: boolean): CastMode {
  return ansi ? 'ansi' : 'legacy';
}
