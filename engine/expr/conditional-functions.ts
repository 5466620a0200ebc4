/**
 * Conditional functions (Spark's conditionalExpressions.scala / nullExpressions.scala),
 * each expressed through CASE so they share its lazy evaluation:
 * if(c, a, b) = CASE WHEN c THEN a ELSE b END; nullif(a, b) = CASE WHEN a = b THEN NULL
 * ELSE a END; nvl2(x, a, b) = CASE WHEN x IS NOT NULL THEN a ELSE b END.
 */
import { T } from '../types/data-types';
import { castEvaluator, modeOf } from './cast-evaluator';
import { comparisonType } from './coercion';
import { comparisonEvaluator } from './comparison';
import { literalEvaluator } from './evaluator';
import { dataTypeMismatch, toSQLType } from './expr-errors';
import { expectArg, type FunctionDef } from './function-def';
import { caseEvaluator, isNullEvaluator } from './logic';
import { commonTyped } from './null-functions';

export const CONDITIONAL_FUNCTIONS: readonly FunctionDef[] = [
  {
    names: ['if', 'iff'],
    arity: [3, 3],
    bind: (call) => {
      const cond = expectArg(call, 0, T.boolean);
      const { type, args } = commonTyped(call, call.args.slice(1));
      return caseEvaluator(type, [{ when: cond, then: args[0] }], args[1]);
    },
  },
  {
    names: ['nvl2'],
    arity: [3, 3],
    bind: (call) => {
      const { type, args } = commonTyped(call, call.args.slice(1));
      return caseEvaluator(type, [{ when: isNullEvaluator(call.args[0], true), then: args[0] }], args[1]);
    },
  },
  {
    names: ['nullif'],
    arity: [2, 2],
    bind: (call) => {
      const [a, b] = call.args;
      const common = comparisonType(a.dataType, b.dataType, call.conf.ansi);
      if (common === null) {
        throw dataTypeMismatch('BINARY_OP_DIFF_TYPES', call.sqlExpr, `the left and right operands of the binary operator have incompatible types (${toSQLType(a.dataType)} and ${toSQLType(b.dataType)}).`, { left: toSQLType(a.dataType), right: toSQLType(b.dataType) }, call.context);
      }
      const cast = (e: typeof a) => castEvaluator(e, common, modeOf(call.conf.ansi), call.conf.timeZone, call.sqlExpr, call.context);
      const equal = comparisonEvaluator('=', cast(a), cast(b));
      return caseEvaluator(a.dataType, [{ when: equal, then: literalEvaluator(null, a.dataType) }], a);
    },
  },
];
