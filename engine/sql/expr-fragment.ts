/**
 * Hands one expression's text — a range of the statement's tokens — to the expression
 * parser, then moves the result into the statement's coordinates: every `span` is shifted
 * by the fragment's offset, and a ParseException raised inside the fragment is raised
 * again pointing into the whole statement (Spark reports positions in the full SQL text).
 */
import { ParseException } from '../errors';
import type { Expr, Span } from '../expr/ast';
import { parseExpr } from '../expr/index';
import type { SqlToken } from './sql-tokens';
import { syntaxError, unsupportedSql } from './sql-syntax-error';

/**
 * Parses tokens [from, to) of `text` as one expression. An empty range is a syntax error
 * at `to`. The expression parser accepts `expr [AS] alias` (Spark's namedExpression); only
 * select items may be named (`allowAlias`), elsewhere the alias is a syntax error at the
 * token after the expression, as Spark's grammar has it.
 */
export function parseExprTokens(
  text: string,
  tokens: readonly SqlToken[],
  from: number,
  to: number,
  allowAlias = false,
): Expr {
  if (from >= to) throw syntaxError(text, tokens[to]);
  rejectUnplannedSyntax(text, tokens, from, to);
  const start = tokens[from].start;
  const end = tokens[to - 1].end;
  let parsed: Expr;
  try {
    parsed = parseExpr(text.slice(start, end));
  } catch (e) {
    if (!(e instanceof ParseException)) throw e;
    // The fragment ended early: in the statement, the culprit is the token after it.
    if (e.errorClass === 'PARSE_SYNTAX_ERROR' && (e.context?.start ?? 0) >= end - start)
      throw syntaxError(text, tokens[to]);
    throw relocate(e, text, start);
  }
  if (parsed.kind === 'alias' && !allowAlias) {
    const argEnd = start + (parsed.arg.span?.[1] ?? 0);
    throw syntaxError(
      text,
      tokens.slice(from, to).find((t) => t.start >= argEnd) ?? tokens[to - 1],
    );
  }
  return shiftSpans(parsed, start);
}

/**
 * Spark SQL expressions that need plan support Tidemark does not have — subquery
 * expressions (`x IN (SELECT …)`, `EXISTS (SELECT …)`) and window functions (`… OVER (…)`)
 * — are named as such rather than failing as a syntax error inside the fragment.
 */
function rejectUnplannedSyntax(
  text: string,
  tokens: readonly SqlToken[],
  from: number,
  to: number,
): void {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind !== 'word') continue;
    const prev = tokens[k - 1];
    if (t.value === 'SELECT' && k > from && prev.kind === 'punct' && prev.text === '(')
      throw unsupportedSql(text, t, 'subquery expressions');
    const next = tokens[k + 1];
    if (
      t.value === 'OVER' &&
      k > from &&
      k + 1 < to &&
      (next.text === '(' || next.kind === 'word' || next.kind === 'quoted')
    )
      throw unsupportedSql(text, t, 'window functions (OVER)');
  }
}

/** A copy of `e` with every span moved `offset` characters right. */
export function shiftSpans(e: Expr, offset: number): Expr {
  if (offset === 0) return e;
  return shiftValue(e, offset) as Expr;
}

function shiftValue(v: unknown, offset: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shiftValue(x, offset));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] =
      k === 'span' && Array.isArray(x)
        ? shiftSpan(x as unknown as Span, offset)
        : shiftValue(x, offset);
  }
  return out;
}

function shiftSpan(s: Span, offset: number): Span {
  return [s[0] + offset, s[1] + offset];
}

/** The same error, its position moved from the fragment into the statement. */
function relocate(e: ParseException, text: string, offset: number): ParseException {
  const ctx = e.context;
  if (!ctx || ctx.start === undefined) return e;
  const message = rawMessage(e);
  return new ParseException(e.errorClass, message, {
    messageParameters: { ...e.messageParameters },
    sqlState: e.sqlState,
    context: { text, start: ctx.start + offset, stop: (ctx.stop ?? ctx.start + 1) + offset },
    cause: e,
  });
}

/** The template text of a TidemarkError: its message without the class, SQLSTATE and context block. */
function rawMessage(e: ParseException): string {
  let m = e.message;
  const block = m.indexOf('\n== ');
  if (block >= 0) m = m.slice(0, block);
  const head = `[${e.errorClass}] `;
  if (m.startsWith(head)) m = m.slice(head.length);
  const state = e.sqlState ? ` SQLSTATE: ${e.sqlState}` : '';
  if (state && m.endsWith(state)) m = m.slice(0, m.length - state.length);
  return m;
}
