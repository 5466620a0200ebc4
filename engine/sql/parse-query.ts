/**
 * `session.sql(text)`'s parser: a SELECT statement → LogicalPlan. Table names become
 * `{op: 'table'}` nodes that the session catalog resolves (TABLE_OR_VIEW_NOT_FOUND is the
 * analyzer's to raise); expressions go to engine/expr's parser with their spans moved into
 * the statement, so later errors point into the SQL text.
 *
 * Grammar covered (SqlBaseParser.g4 `query`): `[WITH name AS (query), …]` then select
 * blocks or parenthesised queries combined with `UNION [ALL|DISTINCT]`, and a trailing
 * `ORDER BY` / `LIMIT` that applies to the whole set operation.
 */
import type { LogicalPlan, UnionNode } from '../plan/logical-plan';
import type { FromContext } from './from-clause';
import { planSelectBlock } from './select-block';
import type { TokenRange } from './select-clauses';
import { parseSortItem, splitTopLevel } from './select-items';
import { ordinalOf } from './select-list-refs';
import { tokenizeSql, type SqlToken } from './sql-tokens';
import { emptyStatement, syntaxError, unsupportedSql } from './sql-syntax-error';
import { identifierName, isIdentifier, isKeyword, TokenCursor } from './token-cursor';

export function parseQuery(text: string): LogicalPlan {
  const tokens = tokenizeSql(text);
  let to = tokens.length;
  // singleStatement: statement ';'* EOF
  while (to > 0 && tokens[to - 1].kind === 'punct' && tokens[to - 1].text === ';') to--;
  if (to === 0) throw emptyStatement(text);
  const semicolon = tokens.findIndex((t, k) => k < to && t.kind === 'punct' && t.text === ';');
  if (semicolon >= 0) throw syntaxError(text, tokens[semicolon + 1] ?? tokens[semicolon]);
  return parseQueryRange(text, tokens, { from: 0, to }, new Map());
}

function parseQueryRange(
  text: string,
  tokens: readonly SqlToken[],
  range: TokenRange,
  outerCtes: ReadonlyMap<string, LogicalPlan>,
): LogicalPlan {
  if (range.from >= range.to) throw syntaxError(text, tokens[range.to]);
  const ctes = new Map(outerCtes);
  let from = range.from;
  if (isKeyword(tokens[from], 'WITH')) from = parseWith(text, tokens, { from, to: range.to }, ctes);
  if (from >= range.to) throw syntaxError(text, tokens[range.to]);
  const ctx: FromContext = {
    text,
    tokens,
    ctes,
    parseSubquery: (r) => parseQueryRange(text, tokens, r, ctes),
  };
  const depth = tokens[from].depth;
  const setOps: number[] = [];
  for (let k = from; k < range.to; k++) {
    const t = tokens[k];
    if (t.depth !== depth || t.kind !== 'word') continue;
    if (t.value === 'EXCEPT' || t.value === 'INTERSECT' || t.value === 'MINUS')
      throw unsupportedSql(text, t, t.value);
    if (t.value === 'UNION') setOps.push(k);
  }
  if (setOps.length === 0) return parsePrimary(ctx, { from, to: range.to }, true);

  const lastStart =
    setOps[setOps.length - 1] +
    1 +
    (isKeyword(tokens[setOps[setOps.length - 1] + 1], 'ALL') ||
    isKeyword(tokens[setOps[setOps.length - 1] + 1], 'DISTINCT')
      ? 1
      : 0);
  const organization = findOrganization(tokens, { from: lastStart, to: range.to }, depth);
  let plan = parsePrimary(ctx, { from, to: setOps[0] }, false);
  setOps.forEach((op, n) => {
    const all = isKeyword(tokens[op + 1], 'ALL');
    const branchFrom = op + 1 + (all || isKeyword(tokens[op + 1], 'DISTINCT') ? 1 : 0);
    const branchTo = n + 1 < setOps.length ? setOps[n + 1] : organization;
    const right = parsePrimary(ctx, { from: branchFrom, to: branchTo }, false);
    if (all) {
      const inputs = plan.op === 'union' && !plan.byName ? [...plan.inputs, right] : [plan, right];
      plan = { op: 'union', inputs } satisfies UnionNode;
    } else {
      // UNION [DISTINCT] is Distinct(Union(...)) in Spark's AstBuilder.
      plan = { op: 'deduplicate', input: { op: 'union', inputs: [plan, right] } };
    }
  });
  return applyOrganization(ctx, plan, { from: organization, to: range.to });
}

/**
 * A select block, or `( query )` optionally followed by ORDER BY / LIMIT. Inside a set
 * operation (`allowOrganization` false) a bare block may not carry its own ORDER BY or
 * LIMIT: Spark's grammar only allows them on parenthesised branches.
 */
function parsePrimary(
  ctx: FromContext,
  range: TokenRange,
  allowOrganization: boolean,
): LogicalPlan {
  const { text, tokens } = ctx;
  if (range.from >= range.to) throw syntaxError(text, tokens[range.to]);
  const first = tokens[range.from];
  if (first.kind === 'punct' && first.text === '(') {
    const close = new TokenCursor(text, tokens, range.from, range.to).closingIndex(range.from);
    const inner = ctx.parseSubquery({ from: range.from + 1, to: close });
    return applyOrganization(ctx, inner, { from: close + 1, to: range.to });
  }
  if (!isKeyword(first, 'SELECT')) throw syntaxError(text, first);
  if (!allowOrganization) {
    const org = findOrganization(tokens, range, first.depth);
    if (org < range.to) throw syntaxError(text, tokens[range.to] ?? tokens[org]);
  }
  return planSelectBlock(ctx, range);
}

/** The index of the first top-level ORDER BY or LIMIT in `range`, or `range.to`. */
function findOrganization(tokens: readonly SqlToken[], range: TokenRange, depth: number): number {
  for (let k = range.from; k < range.to; k++) {
    const t = tokens[k];
    if (t.depth !== depth) continue;
    if ((isKeyword(t, 'ORDER') && isKeyword(tokens[k + 1], 'BY')) || isKeyword(t, 'LIMIT'))
      return k;
  }
  return range.to;
}

/** `ORDER BY … [LIMIT n]` or `LIMIT n` over a whole query (a union or a parenthesised query). */
function applyOrganization(ctx: FromContext, input: LogicalPlan, range: TokenRange): LogicalPlan {
  const { text, tokens } = ctx;
  if (range.from >= range.to) return input;
  const cur = new TokenCursor(text, tokens, range.from, range.to);
  let plan = input;
  if (cur.acceptKeywords('ORDER', 'BY')) {
    const depth = tokens[range.from].depth;
    let end = cur.pos;
    while (end < range.to && !(tokens[end].depth === depth && isKeyword(tokens[end], 'LIMIT')))
      end++;
    const orders = splitTopLevel(text, tokens, { from: cur.pos, to: end }).map((it) => {
      const o = parseSortItem(text, tokens, it);
      if (ordinalOf(o.arg) !== undefined)
        throw unsupportedSql(text, tokens[it.from], 'ORDER BY position over a set operation');
      return o;
    });
    plan = { op: 'sort', input: plan, orders };
    cur.pos = end;
  }
  if (cur.acceptKeywords('LIMIT')) {
    const t = cur.next();
    if (t.kind === 'word' && t.value === 'ALL') return plan;
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw syntaxError(text, t);
    plan = { op: 'limit', input: plan, n: Number(t.text) };
  }
  if (!cur.atEnd) throw cur.error();
  return plan;
}

/** `WITH name [AS] (query) [, …]`: each CTE may use the ones before it. Returns where the main query starts. */
function parseWith(
  text: string,
  tokens: readonly SqlToken[],
  range: TokenRange,
  ctes: Map<string, LogicalPlan>,
): number {
  const cur = new TokenCursor(text, tokens, range.from, range.to);
  cur.expectKeyword('WITH');
  if (cur.isKeyword('RECURSIVE')) throw unsupportedSql(text, cur.peek()!, 'WITH RECURSIVE');
  for (;;) {
    const nameToken = cur.peek();
    if (!isIdentifier(nameToken)) throw cur.error();
    cur.next();
    if (cur.isPunct('('))
      throw unsupportedSql(text, nameToken, 'column names on a common table expression');
    cur.acceptKeywords('AS');
    if (!cur.isPunct('(')) throw cur.error();
    const close = cur.closingIndex(cur.pos);
    const plan = parseQueryRange(text, tokens, { from: cur.pos + 1, to: close }, ctes);
    ctes.set(identifierName(nameToken).toLowerCase(), plan);
    cur.pos = close + 1;
    if (!cur.isPunct(',')) return cur.pos;
    cur.next();
  }
}
