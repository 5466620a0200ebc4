/**
 * How deep an expression may nest. Spark has no fixed bound: its ANTLR parser recurses until
 * the JVM stack overflows and AbstractParser.parse turns the StackOverflowError into
 * FAILED_TO_PARSE_TOO_COMPLEX (QueryParsingErrors.parserStackOverflow). A JS stack overflow
 * is a RangeError that may surface anywhere later (binding, plan JSON, evaluation), so
 * Tidemark refuses such text up front with Spark's error class, at a fixed depth that every
 * later stage handles on Node's default 984 KB main-thread stack (measured by
 * test/fuzz/expr-parser.test.ts: the binder and plan JSON checks first overflow at ~2,000
 * nested nodes, the parser at ~450 nested parentheses).
 */
import { ParseException } from '../errors';
import { childrenOf, type Expr } from './ast';

/** Parser recursion: nested parentheses, function arguments, CASE, NOT, unary signs. */
export const MAX_PARSE_NESTING = 200;
/** Nodes on the longest root-to-leaf path of the AST (left-deep `a + b + …` chains grow it too). */
export const MAX_EXPR_DEPTH = 1000;

export function tooComplexError(text: string, start: number, stop: number): ParseException {
  return new ParseException(
    'FAILED_TO_PARSE_TOO_COMPLEX',
    'The statement, including potential SQL functions and referenced views, was too complex to parse. To mitigate this error divide the statement into multiple, less complex chunks.',
    { sqlState: '54001', context: { text, start, stop } },
  );
}

/**
 * The first node found deeper than MAX_EXPR_DEPTH, or undefined. Iterative, so it never
 * overflows itself however deep the tree is.
 */
export function nodeBeyondMaxDepth(root: Expr): Expr | undefined {
  const stack: [Expr, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [e, depth] = top;
    if (depth > MAX_EXPR_DEPTH) return e;
    for (const child of childrenOf(e)) stack.push([child, depth + 1]);
  }
  return undefined;
}
