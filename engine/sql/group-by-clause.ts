/**
 * The GROUP BY clause's forms (SqlBaseParser.g4 `aggregationClause`): a plain list,
 * `CUBE(…)`, `ROLLUP(…)`, `GROUPING SETS ((…), …)` and the Hive-style `… WITH ROLLUP` /
 * `… WITH CUBE`. Grouping sets become indices into the distinct grouping expressions, as
 * AggregateNode.groupingSets expects.
 */
import type { Expr } from '../expr/ast';
import type { AggregateNode } from '../plan/logical-plan';
import { parseExprTokens } from './expr-fragment';
import type { TokenRange } from './select-clauses';
import { splitTopLevel } from './select-items';
import type { SqlToken } from './sql-tokens';
import { syntaxError, unsupportedSql } from './sql-syntax-error';
import { isKeyword } from './token-cursor';

export interface GroupByClause {
  readonly kind: AggregateNode['kind'];
  readonly exprs: readonly Expr[];
  readonly groupingSets?: readonly (readonly number[])[];
}

export function parseGroupBy(
  text: string,
  tokens: readonly SqlToken[],
  range: TokenRange,
): GroupByClause {
  let to = range.to;
  let hiveKind: 'cube' | 'rollup' | undefined;
  if (
    to - range.from >= 3 &&
    isKeyword(tokens[to - 2], 'WITH') &&
    (isKeyword(tokens[to - 1], 'ROLLUP') || isKeyword(tokens[to - 1], 'CUBE'))
  ) {
    hiveKind = tokens[to - 1].value === 'CUBE' ? 'cube' : 'rollup';
    to -= 2;
  }
  const items = splitTopLevel(text, tokens, { from: range.from, to });
  const special = items.map((it) => specialForm(tokens, it));
  if (special.some((s) => s !== undefined)) {
    const at = special.findIndex((s) => s !== undefined);
    if (items.length > 1 || hiveKind)
      throw unsupportedSql(
        text,
        tokens[items[at].from],
        'GROUP BY mixing plain expressions with CUBE, ROLLUP or GROUPING SETS',
      );
    const form = special[at]!;
    const inner = { from: items[0].from + form.skip + 1, to: items[0].to - 1 };
    if (form.kind === 'groupingSets') return groupingSets(text, tokens, inner);
    return { kind: form.kind, exprs: parseList(text, tokens, inner) };
  }
  const exprs = items.map((it) => parseExprTokens(text, tokens, it.from, it.to));
  return { kind: hiveKind ?? 'groupBy', exprs };
}

/** `CUBE(`, `ROLLUP(`, `GROUPING SETS(` spanning the whole item; `skip` = keywords before `(`. */
function specialForm(
  tokens: readonly SqlToken[],
  it: TokenRange,
): { kind: 'cube' | 'rollup' | 'groupingSets'; skip: number } | undefined {
  const closesItem = (open: number): boolean => {
    const last = tokens[it.to - 1];
    return (
      tokens[open]?.text === '(' &&
      tokens[open].kind === 'punct' &&
      last.text === ')' &&
      last.depth === tokens[open].depth &&
      onlyClose(tokens, open, it.to - 1)
    );
  };
  if (
    (isKeyword(tokens[it.from], 'CUBE') || isKeyword(tokens[it.from], 'ROLLUP')) &&
    closesItem(it.from + 1)
  ) {
    return { kind: tokens[it.from].value === 'CUBE' ? 'cube' : 'rollup', skip: 1 };
  }
  if (
    isKeyword(tokens[it.from], 'GROUPING') &&
    isKeyword(tokens[it.from + 1], 'SETS') &&
    closesItem(it.from + 2)
  ) {
    return { kind: 'groupingSets', skip: 2 };
  }
  return undefined;
}

/** True when the bracket at `close` is the first one back at `open`'s depth. */
function onlyClose(tokens: readonly SqlToken[], open: number, close: number): boolean {
  const depth = tokens[open].depth;
  for (let k = open + 1; k < close; k++) if (tokens[k].depth === depth) return false;
  return true;
}

function parseList(text: string, tokens: readonly SqlToken[], inner: TokenRange): Expr[] {
  if (inner.from >= inner.to) return [];
  return splitTopLevel(text, tokens, inner).map((it) =>
    parseExprTokens(text, tokens, it.from, it.to),
  );
}

/** Each set is `(e, …)`, `()` or a bare expression; the keys are the sets' distinct expressions in order of appearance. */
function groupingSets(text: string, tokens: readonly SqlToken[], inner: TokenRange): GroupByClause {
  if (inner.from >= inner.to) throw syntaxError(text, tokens[inner.to]);
  const exprs: Expr[] = [];
  const keys = new Map<string, number>();
  const indexOf = (e: Expr): number => {
    const k = JSON.stringify(e, (name, v: unknown) => (name === 'span' ? undefined : v));
    let i = keys.get(k);
    if (i === undefined) {
      i = exprs.length;
      exprs.push(e);
      keys.set(k, i);
    }
    return i;
  };
  const sets = splitTopLevel(text, tokens, inner).map((it) => {
    const first = tokens[it.from];
    const isSet =
      first.kind === 'punct' &&
      first.text === '(' &&
      tokens[it.to - 1].text === ')' &&
      onlyClose(tokens, it.from, it.to - 1);
    const members = isSet
      ? parseList(text, tokens, { from: it.from + 1, to: it.to - 1 })
      : [parseExprTokens(text, tokens, it.from, it.to)];
    return [...new Set(members.map(indexOf))];
  });
  return { kind: 'groupBy', exprs, groupingSets: sets };
}
