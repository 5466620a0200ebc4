/**
 * Comma-separated lists of a SELECT block: select items and ORDER BY items (`expr
 * [ASC|DESC] [NULLS FIRST|LAST]`, with Spark's defaults ASC NULLS FIRST and DESC NULLS
 * LAST from SortOrder). Expressions themselves go to the expression parser through
 * parseExprTokens.
 */
import type { Expr, SortOrderExpr } from '../expr/ast';
import { parseExprTokens } from './expr-fragment';
import type { TokenRange } from './select-clauses';
import type { SqlToken } from './sql-tokens';
import { syntaxError } from './sql-syntax-error';
import { isKeyword } from './token-cursor';

/** Splits [from, to) at commas on the range's own nesting level; an empty item is a syntax error. */
export function splitTopLevel(
  text: string,
  tokens: readonly SqlToken[],
  range: TokenRange,
): TokenRange[] {
  if (range.from >= range.to) throw syntaxError(text, tokens[range.to]);
  const depth = tokens[range.from].depth;
  const items: TokenRange[] = [];
  let start = range.from;
  for (let k = range.from; k < range.to; k++) {
    const t = tokens[k];
    if (t.depth !== depth || t.kind !== 'punct' || t.text !== ',') continue;
    if (k === start) throw syntaxError(text, t);
    items.push({ from: start, to: k });
    start = k + 1;
  }
  if (start >= range.to) throw syntaxError(text, tokens[range.to]);
  items.push({ from: start, to: range.to });
  return items;
}

/**
 * A select item is Spark's namedExpression — `expr [[AS] alias]`, `*`, `t.*` — which the
 * expression parser reads whole, so its implicit-alias rules and errors are Spark's.
 */
export function parseSelectItem(text: string, tokens: readonly SqlToken[], item: TokenRange): Expr {
  return parseExprTokens(text, tokens, item.from, item.to, true);
}

/** One ORDER BY item: `expr [ASC|DESC] [NULLS FIRST|LAST]`. */
export function parseSortItem(
  text: string,
  tokens: readonly SqlToken[],
  item: TokenRange,
): SortOrderExpr {
  let end = item.to;
  let nullsFirst: boolean | undefined;
  if (
    end - item.from >= 3 &&
    isKeyword(tokens[end - 2], 'NULLS') &&
    (isKeyword(tokens[end - 1], 'FIRST') || isKeyword(tokens[end - 1], 'LAST'))
  ) {
    nullsFirst = tokens[end - 1].value === 'FIRST';
    end -= 2;
  }
  let ascending = true;
  if (
    end - item.from >= 2 &&
    (isKeyword(tokens[end - 1], 'ASC') || isKeyword(tokens[end - 1], 'DESC'))
  ) {
    ascending = tokens[end - 1].value === 'ASC';
    end -= 1;
  }
  const arg = parseExprTokens(text, tokens, item.from, end);
  return {
    kind: 'sortOrder',
    arg,
    ascending,
    nullsFirst: nullsFirst ?? ascending,
    span: [tokens[item.from].start, tokens[item.to - 1].end],
  };
}
