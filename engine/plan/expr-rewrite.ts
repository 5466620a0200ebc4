/**
 * Rebuilding an expression with new children: the analyzer's rewrites (aggregate calls
 * replaced by references to their results, grouping expressions by their key columns)
 * need it, and the AST module only offers the read-only `childrenOf`.
 */
import { childrenOf, type Expr } from '../expr/ast';

/** `e` with each direct child replaced by `f(child)`; leaves are returned as they are. */
export function mapChildren(e: Expr, f: (child: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'literal':
    case 'column':
    case 'star':
      return e;
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'unary':
    case 'isNull':
    case 'cast':
    case 'alias':
    case 'field':
    case 'sortOrder':
      return { ...e, arg: f(e.arg) };
    case 'binary':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'like':
    case 'rlike':
      return { ...e, arg: f(e.arg), pattern: f(e.pattern) };
    case 'in':
      return { ...e, arg: f(e.arg), list: e.list.map(f) };
    case 'between':
      return { ...e, arg: f(e.arg), low: f(e.low), high: f(e.high) };
    case 'case':
      return {
        ...e,
        ...(e.operand ? { operand: f(e.operand) } : {}),
        branches: e.branches.map((b) => ({ when: f(b.when), then: f(b.then) })),
        ...(e.otherwise ? { otherwise: f(e.otherwise) } : {}),
      };
    case 'subscript':
      return { ...e, arg: f(e.arg), index: f(e.index) };
  }
}

/** Pre-order search: true when `pred` holds for `e` or any descendant. */
export function anyNode(e: Expr, pred: (x: Expr) => boolean): boolean {
  return pred(e) || childrenOf(e).some((c) => anyNode(c, pred));
}
