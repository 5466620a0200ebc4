/**
 * The tokenizer for Spark SQL expression text, following the lexer rules of Spark's
 * SqlBaseLexer.g4: case-insensitive keywords, back-quoted identifiers, numeric literals
 * with type suffixes (L, S, Y, D, F, BD), '…' and "…" string literals with backslash
 * escapes (unescaped as ParserUtils.unescapeSQLString does), `--` and `/* *\/` comments.
 */
import { ParseException } from '../errors';

export type TokenKind = 'ident' | 'quotedIdent' | 'number' | 'string' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier text, unescaped string value, number text or operator symbol. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Operators, longest first so `<=>` wins over `<=` and `<`. */
const OPERATORS = ['<=>', '==', '<=', '>=', '<>', '!=', '||', '::', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', '[', ']', '&', '|', '^', '~', '!', ':'];

const NUMBER = /^(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?(?:[bB][dD]|[lLsSyYdDfF])?/;
const WORD_CHAR = /[A-Za-z0-9_]/;

export function syntaxError(text: string, start: number, stop: number, near: string): ParseException {
  return new ParseException('PARSE_SYNTAX_ERROR', `Syntax error at or near ${near}.`, {
    messageParameters: { error: near, hint: '' },
    sqlState: '42601',
    context: { text, start, stop },
  });
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new ParseException('UNCLOSED_BRACKETED_COMMENT', 'Found an unclosed bracketed comment. Please, append */ at the end of the comment.', { sqlState: '42601', context: { text, start: i, stop: n } });
      i = close + 2;
      continue;
    }
    if (c === '`') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) throw syntaxError(text, i, n, `'${text.slice(i)}'`);
        if (text[j] === '`') {
          if (text[j + 1] === '`') {
            value += '`';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ kind: 'quotedIdent', text: value, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if ((c === 'r' || c === 'R') && (text[i + 1] === "'" || text[i + 1] === '"')) {
      const end = scanString(text, i + 1, true);
      tokens.push({ kind: 'string', text: text.slice(i + 2, end - 1), start: i, end });
      i = end;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = scanString(text, i, false);
      tokens.push({ kind: 'string', text: unescapeSQLString(text.slice(i + 1, end - 1)), start: i, end });
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = NUMBER.exec(text.slice(i));
      const after = m ? text[i + m[0].length] : undefined;
      // Spark's IDENTIFIER rule also matches words that start with a digit (`1a`): the longest match wins.
      if (m && (after === undefined || !WORD_CHAR.test(after))) {
        tokens.push({ kind: 'number', text: m[0], start: i, end: i + m[0].length });
        i += m[0].length;
        continue;
      }
      if (c === '.') {
        tokens.push({ kind: 'op', text: '.', start: i, end: i + 1 });
        i++;
        continue;
      }
    }
    if (WORD_CHAR.test(c) || c.charCodeAt(0) > 127) {
      let j = i;
      while (j < n && (WORD_CHAR.test(text[j]) || text.charCodeAt(j) > 127)) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw syntaxError(text, i, i + 1, `'${c}'`);
    tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return tokens;
}

/** Index just past the closing quote; a backslash escapes the next character (unless raw). */
function scanString(text: string, open: number, raw: boolean): number {
  const quote = text[open];
  let j = open + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\' && !raw) {
      j += 2;
      continue;
    }
    if (ch === quote) return j + 1;
    j++;
  }
  throw syntaxError(text, open, text.length, `'${text.slice(open, open + 20)}'`);
}

/**
 * Spark's ParserUtils.unescapeSQLString (spark.sql.parser.escapedStringLiterals=false):
 * \0 \b \n \r \t \Z, \uXXXX, \UXXXXXXXX, octal \ooo; `\%` and `\_` keep their backslash so
 * LIKE patterns still see the escape; any other escaped character stands for itself.
 */
export function unescapeSQLString(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const next = body[++i];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
      continue;
    }
    if (next === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 1, i + 9))) {
      out += utf16Units(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
      continue;
    }
    if (/^[0-3][0-7]{2}$/.test(body.slice(i, i + 3))) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
      continue;
    }
    switch (next) {
      case '0':
        out += '\u0000';
        break;
      case 'b':
        out += '\b';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'Z':
        out += '\u001A';
        break;
      case '%':
        out += '\\%';
        break;
      case '_':
        out += '\\_';
        break;
      default:
        out += next;
    }
  }
  return out;
}

/**
 * `\UXXXXXXXX` as SparkParserUtils writes it: the surrogate pair arithmetic truncated to
 * 16-bit chars, with no range check, so a value past U+10FFFF (`\UFFFFFFFF`) still gives two
 * chars instead of failing as String.fromCodePoint would.
 */
function utf16Units(codePoint: number): string {
  if (codePoint < 0x10000) return String.fromCharCode(codePoint);
  const high = (Math.floor((codePoint - 0x10000) / 0x400) + 0xd800) & 0xffff;
  const low = (((codePoint - 0x10000) % 0x400) + 0xdc00) & 0xffff;
  return String.fromCharCode(high, low);
}
