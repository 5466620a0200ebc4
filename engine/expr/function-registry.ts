/**
 * The scalar function registry (Spark's FunctionRegistry, builtin scalar part), plus the
 * names the planner owns: aggregate functions, which it splits out of expressions, and
 * the time-window functions, which it turns into window assignment.
 */
import { CONDITIONAL_FUNCTIONS } from './conditional-functions';
import { DATETIME_FUNCTIONS } from './datetime-functions';
import type { FunctionDef } from './function-def';
import { MATH_FUNCTIONS } from './math-functions';
import { NULL_FUNCTIONS } from './null-functions';
import { STRING_FUNCTIONS } from './string-functions';

const REGISTRY = new Map<string, FunctionDef>();
for (const def of [...STRING_FUNCTIONS, ...MATH_FUNCTIONS, ...NULL_FUNCTIONS, ...CONDITIONAL_FUNCTIONS, ...DATETIME_FUNCTIONS]) {
  for (const name of def.names) REGISTRY.set(name, def);
}

export function lookupFunction(name: string): FunctionDef | undefined {
  return REGISTRY.get(name.toLowerCase());
}

/** Every registered scalar function name (for completions and docs). */
export function scalarFunctionNames(): string[] {
  return [...REGISTRY.keys()].sort();
}

const AGGREGATES = new Set([
  'count', 'sum', 'avg', 'mean', 'min', 'max', 'first', 'first_value', 'last', 'last_value', 'collect_list',
  'collect_set', 'stddev', 'std', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop',
  'approx_count_distinct', 'count_distinct', 'grouping', 'grouping_id', 'any_value',
]);

/** Aggregate functions: bound by the planner's Aggregate, never by bindExpr. */
export function isAggregateFunction(name: string): boolean {
  return AGGREGATES.has(name.toLowerCase());
}

/** window() / session_window(): grouping expressions the planner rewrites (Spark's TimeWindowing). */
export function isTimeWindowFunction(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'window' || n === 'session_window';
}
