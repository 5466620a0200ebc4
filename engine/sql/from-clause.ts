/**
 * The FROM clause: table names (`t`, `` `my table` ``, `db.t` → the last part names the
 * temp view), parenthesised subqueries and relations, and joins — `[INNER] JOIN`,
 * `LEFT|RIGHT|FULL [OUTER] JOIN`, `[LEFT] SEMI|ANTI JOIN`, `CROSS JOIN` and the comma —
 * with `ON cond` or `USING (cols)` (SqlBaseParser.g4 `relation`, `joinRelation`). The
 * result is a tree that still knows each relation's alias, so qualified column names
 * (`a.id`) can be resolved by qualifiers.ts before the plan is built.
 */
import type { Expr } from '../expr/ast';
import type { JoinNode, LogicalPlan } from '../plan/logical-plan';
import { parseExprTokens } from './expr-fragment';
import type { TokenRange } from './select-clauses';
import type { SqlToken } from './sql-tokens';
import { syntaxError, unsupportedSql } from './sql-syntax-error';
import { identifierName, isIdentifier, isKeyword, TokenCursor } from './token-cursor';

export type RelationTree =
  | { readonly kind: 'relation'; readonly plan: LogicalPlan; readonly alias?: string }
  | {
      readonly kind: 'join';
      readonly left: RelationTree;
      readonly right: RelationTree;
      readonly how: JoinNode['how'];
      readonly condition?: Expr;
      readonly using?: readonly string[];
    };

/** What the FROM parser needs from the statement parser: subqueries and CTE names. */
export interface FromContext {
  readonly text: string;
  readonly tokens: readonly SqlToken[];
  /** Plans of the WITH clause's common table expressions, by lower-cased name. */
  readonly ctes: ReadonlyMap<string, LogicalPlan>;
  parseSubquery(range: TokenRange): LogicalPlan;
}

/** Words that end a relation: they start the next join, so they are never an alias. */
const JOIN_WORDS = new Set([
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'SEMI',
  'ANTI',
  'ON',
  'USING',
  'OUTER',
  'LATERAL',
  'PIVOT',
  'UNPIVOT',
  'TABLESAMPLE',
]);

export function parseFrom(ctx: FromContext, range: TokenRange): RelationTree {
  const cur = new TokenCursor(ctx.text, ctx.tokens, range.from, range.to);
  if (cur.atEnd) throw syntaxError(ctx.text, ctx.tokens[range.to]);
  let tree = parsePrimary(ctx, cur);
  while (!cur.atEnd) {
    if (cur.isPunct(',')) {
      cur.next();
      tree = { kind: 'join', left: tree, right: parsePrimary(ctx, cur), how: 'cross' };
      continue;
    }
    const how = parseJoinType(ctx, cur);
    const right = parsePrimary(ctx, cur);
    if (cur.acceptKeywords('ON')) {
      const end = conditionEnd(cur);
      const condition = parseExprTokens(ctx.text, ctx.tokens, cur.pos, end);
      cur.pos = end;
      tree = { kind: 'join', left: tree, right, how: how === 'cross' ? 'inner' : how, condition };
    } else if (cur.isKeyword('USING')) {
      cur.next();
      tree = {
        kind: 'join',
        left: tree,
        right,
        how: how === 'cross' ? 'inner' : how,
        using: parseUsing(cur),
      };
    } else {
      tree = { kind: 'join', left: tree, right, how };
    }
  }
  return tree;
}

function parseJoinType(ctx: FromContext, cur: TokenCursor): JoinNode['how'] {
  const t = cur.peek();
  if (isKeyword(t, 'NATURAL')) throw unsupportedSql(ctx.text, t!, 'NATURAL JOIN');
  let how: JoinNode['how'] = 'inner';
  if (cur.acceptKeywords('INNER')) how = 'inner';
  else if (cur.acceptKeywords('CROSS')) how = 'cross';
  else if (cur.acceptKeywords('LEFT', 'SEMI') || cur.acceptKeywords('SEMI')) how = 'left_semi';
  else if (cur.acceptKeywords('LEFT', 'ANTI') || cur.acceptKeywords('ANTI')) how = 'left_anti';
  else if (cur.acceptKeywords('LEFT')) how = 'left';
  else if (cur.acceptKeywords('RIGHT')) how = 'right';
  else if (cur.acceptKeywords('FULL')) how = 'full';
  if ((how === 'left' || how === 'right' || how === 'full') && cur.isKeyword('OUTER')) cur.next();
  cur.expectKeyword('JOIN');
  return how;
}

/** A table, a `(subquery)` or a `(relation)`, with an optional alias. */
function parsePrimary(ctx: FromContext, cur: TokenCursor): RelationTree {
  const t = cur.peek();
  if (t === undefined) throw cur.error();
  let tree: RelationTree;
  if (t.kind === 'punct' && t.text === '(') {
    const close = cur.closingIndex(cur.pos);
    const inner = { from: cur.pos + 1, to: close };
    if (inner.from === inner.to) throw syntaxError(ctx.text, ctx.tokens[close]);
    tree = startsQuery(ctx.tokens, inner)
      ? { kind: 'relation', plan: ctx.parseSubquery(inner) }
      : parseFrom(ctx, inner);
    cur.pos = close + 1;
  } else if (isIdentifier(t)) {
    const parts = [identifierName(cur.next())];
    while (cur.isPunct('.') && isIdentifier(cur.peek(1))) {
      cur.next();
      parts.push(identifierName(cur.next()));
    }
    if (cur.isPunct('('))
      throw unsupportedSql(ctx.text, t, `table-valued function ${parts.join('.')}()`);
    const name = parts[parts.length - 1];
    const cte = parts.length === 1 ? ctx.ctes.get(name.toLowerCase()) : undefined;
    tree = { kind: 'relation', plan: cte ?? { op: 'table', name }, alias: name };
  } else {
    throw cur.error();
  }
  const alias = parseAlias(ctx, cur);
  if (alias === undefined) return tree;
  if (tree.kind === 'join')
    throw unsupportedSql(ctx.text, ctx.tokens[cur.pos - 1], 'an alias on a parenthesised join');
  return { kind: 'relation', plan: tree.plan, alias };
}

function parseAlias(ctx: FromContext, cur: TokenCursor): string | undefined {
  const explicit = cur.acceptKeywords('AS');
  const t = cur.peek();
  if (!isIdentifier(t) || (!explicit && t.kind === 'word' && JOIN_WORDS.has(t.value))) {
    if (explicit) throw cur.error();
    return undefined;
  }
  cur.next();
  if (cur.isPunct('(')) throw unsupportedSql(ctx.text, t, 'column aliases on a relation');
  return identifierName(t);
}

/** A parenthesised range holds a query when it starts (after any `(`) with SELECT or WITH. */
function startsQuery(tokens: readonly SqlToken[], range: TokenRange): boolean {
  let k = range.from;
  while (k < range.to && tokens[k].kind === 'punct' && tokens[k].text === '(') k++;
  return isKeyword(tokens[k], 'SELECT') || isKeyword(tokens[k], 'WITH');
}

/** An ON condition runs to the next join keyword or comma at the FROM clause's own level. */
function conditionEnd(cur: TokenCursor): number {
  const depth = cur.tokens[cur.pos]?.depth ?? 0;
  for (let k = cur.pos; k < cur.to; k++) {
    const t = cur.tokens[k];
    if (t.depth !== depth) continue;
    if (t.kind === 'punct' && t.text === ',') return k;
    const next = cur.tokens[k + 1];
    const isCall = next !== undefined && next.kind === 'punct' && next.text === '(';
    if (
      t.kind === 'word' &&
      JOIN_WORDS.has(t.value) &&
      t.value !== 'ON' &&
      t.value !== 'USING' &&
      t.value !== 'OUTER' &&
      !isCall
    )
      return k;
  }
  return cur.to;
}

function parseUsing(cur: TokenCursor): string[] {
  cur.expectPunct('(');
  const names: string[] = [];
  for (;;) {
    const t = cur.peek();
    if (!isIdentifier(t)) throw cur.error();
    names.push(identifierName(cur.next()));
    if (cur.isPunct(',')) {
      cur.next();
      continue;
    }
    cur.expectPunct(')');
    return names;
  }
}
