/**
 * The expression layer's public surface: parse (text → AST), name (AST → Spark's
 * generated column name / SQL text), bind (AST + schema → vectorised evaluator).
 */
export type { Expr } from './ast';
export { childrenOf } from './ast';
export { parseExpr, parseExprList, ExprParser } from './parser';
export { tokenize, type Token } from './lexer';
export { TokenStream } from './token-stream';
export { bindExpr } from './bind';
export type { BoundExpr, EvalContext, ExprConf } from './bound-expr';
export { exprName, exprToSQL, quoteIfNeeded } from './expr-sql';
export { isAggregateFunction, isTimeWindowFunction, lookupFunction, scalarFunctionNames } from './function-registry';
export { referencedColumns } from './referenced-columns';
export { Column, literalExpr } from './column';
