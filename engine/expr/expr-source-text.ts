/**
 * The text a parsed expression came from, so binding errors can point into it. Spark's
 * parser stamps every node it builds with an Origin holding the SQL text and the node's
 * start/stop (ParserUtils.withOrigin, CurrentOrigin), which is why
 * `df.filter(expr("gtt = 1"))` reports `== SQL (line 1, position 1) ==` with the fragment.
 *
 * Tidemark's AST is plain JSON (plans are data), so the text is kept beside it, keyed by
 * each node's `span` object: the analyzer's rewrites copy nodes with `{ ...e }` and so keep
 * the same span object, hence the same text. A plan read back from plan JSON has fresh
 * spans and no text; its positions then refer to nothing, and errors carry no position.
 */
import { childrenOf, type Expr, type Span } from './ast';

const textBySpan = new WeakMap<Span, string>();

/** Records `text` as the source of `e` and every node under it; returns `e`. */
export function rememberSourceText(e: Expr, text: string): Expr {
  if (e.span !== undefined) textBySpan.set(e.span, text);
  for (const child of childrenOf(e)) rememberSourceText(child, text);
  return e;
}

/** The text `e` was parsed from by parseExpr/parseExprList, if it was. */
export function sourceTextOf(e: Expr): string | undefined {
  return e.span === undefined ? undefined : textBySpan.get(e.span);
}
