/**
 * The statement-level scanner behind `session.sql()`. It tokenises just enough of a
 * statement to find clause keywords, commas, aliases and parentheses at the top level —
 * respecting '…' / "…" strings, `…` identifiers, comments and nesting — so each
 * expression's text can be handed whole to the expression parser (engine/expr).
 * Lexical rules follow Spark's SqlBaseLexer.g4: backslash escapes and doubled quotes in
 * strings, doubled back-quotes in identifiers, `--` and nested `/* … *\/` comments.
 */
import { ParseException } from '../errors';
import { syntaxError } from './sql-syntax-error';

export type SqlTokenKind =
  /** An identifier or keyword (`select`, `iot_stream`). */
  | 'word'
  /** A back-quoted identifier; `value` is its unquoted name. */
  | 'quoted'
  | 'string'
  | 'number'
  /** `( ) [ ] , . ; *` */
  | 'punct'
  /** Any other operator (`=`, `<=>`, `||`, `::`, …). */
  | 'op';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** The token as written. */
  readonly text: string;
  /** Upper-cased text for words (keyword matching), the unquoted name for `quoted`. */
  readonly value: string;
  /** [start, end) offsets into the statement. */
  readonly start: number;
  readonly end: number;
  /** Bracket nesting depth outside the token: `(` and its matching `)` share a depth. */
  readonly depth: number;
}

/** Longest match first, as Spark's lexer picks the longest operator. */
const OPERATORS = [
  '<=>',
  '<>',
  '!=',
  '>=',
  '<=',
  '==',
  '||',
  '&&',
  '::',
  '->',
  '=>',
  '=',
  '<',
  '>',
  '+',
  '-',
  '/',
  '%',
  '~',
  '^',
  '|',
  '&',
  '!',
  ':',
  '?',
];
const PUNCT = '()[],.;*';
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_]/u;
const DIGIT = /[0-9]/;

export function tokenizeSql(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  const open: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, start: number, end: number, value: string): void => {
    const raw = text.slice(start, end);
    let depth = open.length;
    if (raw === ')' || raw === ']') {
      const opener = open.pop();
      if (!opener || (raw === ')') !== (opener.text === '('))
        throw syntaxError(text, { start, end, text: raw });
      depth = open.length;
    }
    const token: SqlToken = { kind, text: raw, value, start, end, depth };
    tokens.push(token);
    if (raw === '(' || raw === '[') open.push(token);
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      i = skipBracketedComment(text, i);
    } else if (c === "'" || c === '"') {
      const end = scanString(text, i);
      push('string', i, end, text.slice(i, end));
      i = end;
    } else if (c === '`') {
      const end = scanQuotedIdentifier(text, i);
      push('quoted', i, end, text.slice(i + 1, end - 1).replace(/``/g, '`'));
      i = end;
    } else if (
      DIGIT.test(c) ||
      (c === '.' && DIGIT.test(text[i + 1] ?? '') && !followsName(tokens))
    ) {
      const end = scanNumber(text, i);
      push('number', i, end, text.slice(i, end));
      i = end;
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < text.length && WORD_PART.test(text[end])) end++;
      push('word', i, end, text.slice(i, end).toUpperCase());
      i = end;
    } else if (PUNCT.includes(c)) {
      push('punct', i, i + 1, c);
      i++;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw syntaxError(text, { start: i, end: i + 1, text: c });
      push('op', i, i + op.length, op);
      i += op.length;
    }
  }
  if (open.length > 0)
    throw syntaxError(
      text,
      undefined,
      `missing '${open[open.length - 1].text === '(' ? ')' : ']'}'`,
    );
  return tokens;
}

/** `t.1` is not a number after a name; `.5` after an operator is. */
function followsName(tokens: readonly SqlToken[]): boolean {
  const last = tokens[tokens.length - 1];
  return (
    last !== undefined &&
    (last.kind === 'word' || last.kind === 'quoted' || last.text === ')' || last.text === ']')
  );
}

function scanString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw syntaxError(text, { start, end: text.length, text: quote });
}

function scanQuotedIdentifier(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '`') {
      if (text[i + 1] === '`') i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw syntaxError(text, { start, end: text.length, text: '`' });
}

/** Digits, a fraction, an exponent and a type suffix (`10L`, `1.5D`, `2BD`, `1e3`). */
function scanNumber(text: string, start: number): number {
  const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[A-Za-z]*/.exec(text.slice(start));
  return start + (m ? m[0].length : 1);
}

/** Spark nests bracketed comments; an unclosed one is UNCLOSED_BRACKETED_COMMENT. */
function skipBracketedComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  throw new ParseException(
    'UNCLOSED_BRACKETED_COMMENT',
    'Found an unclosed bracketed comment. Please, append */ at the end of the comment.',
    {
      sqlState: '42601',
      context: { text, start, stop: text.length },
    },
  );
}
