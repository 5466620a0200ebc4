/**
 * Hand-built plan and expression nodes for the SQL parser's expectations, and a span
 * remover so plans compare on structure (spans are tested separately).
 */
import type { BinaryOp, Expr, SortOrderExpr } from '../../../engine/expr/ast';
import type { LogicalPlan } from '../../../engine/plan/logical-plan';

export function noSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'span' ? undefined : v))) as T;
}

export const col = (...name: string[]): Expr => ({ kind: 'column', name });
export const int = (value: number): Expr => ({ kind: 'literal', value, dataType: 'int' });
export const str = (value: string): Expr => ({ kind: 'literal', value, dataType: 'string' });
export const star = (qualifier?: string): Expr =>
  qualifier === undefined ? { kind: 'star' } : { kind: 'star', qualifier };
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args });
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({
  kind: 'binary',
  op,
  left,
  right,
});
export const alias = (arg: Expr, name: string): Expr => ({ kind: 'alias', arg, name });
export const asc = (arg: Expr, nullsFirst = true): SortOrderExpr => ({
  kind: 'sortOrder',
  arg,
  ascending: true,
  nullsFirst,
});
export const desc = (arg: Expr, nullsFirst = false): SortOrderExpr => ({
  kind: 'sortOrder',
  arg,
  ascending: false,
  nullsFirst,
});

export const table = (name: string): LogicalPlan => ({ op: 'table', name });
export const oneRow: LogicalPlan = {
  op: 'localRelation',
  schema: { type: 'struct', fields: [] },
  rows: [[]],
};
export const project = (input: LogicalPlan, ...exprs: Expr[]): LogicalPlan => ({
  op: 'project',
  input,
  exprs,
});
export const filter = (input: LogicalPlan, condition: Expr): LogicalPlan => ({
  op: 'filter',
  input,
  condition,
});
export const sort = (input: LogicalPlan, ...orders: Expr[]): LogicalPlan => ({
  op: 'sort',
  input,
  orders,
});
export const limit = (input: LogicalPlan, n: number): LogicalPlan => ({ op: 'limit', input, n });
export const drop = (input: LogicalPlan, ...columns: string[]): LogicalPlan => ({
  op: 'drop',
  input,
  columns,
});
export const distinct = (input: LogicalPlan): LogicalPlan => ({ op: 'deduplicate', input });
export const aggregate = (
  input: LogicalPlan,
  groupBy: Expr[],
  aggregates: Expr[],
  kind: 'groupBy' | 'cube' | 'rollup' = 'groupBy',
  groupingSets?: number[][],
): LogicalPlan => ({
  op: 'aggregate',
  input,
  groupBy,
  aggregates,
  kind,
  ...(groupingSets ? { groupingSets } : {}),
});
