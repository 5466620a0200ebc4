/**
 * A read position over a range of a statement's tokens, with the keyword tests the
 * clause and relation parsers share. Ranges let a parenthesised subquery be parsed by the
 * same code as the whole statement while offsets stay those of the whole statement.
 */
import type { ParseException } from '../errors';
import type { SqlToken } from './sql-tokens';
import { syntaxError } from './sql-syntax-error';

export class TokenCursor {
  pos: number;

  constructor(
    readonly text: string,
    readonly tokens: readonly SqlToken[],
    readonly from: number,
    readonly to: number,
  ) {
    this.pos = from;
  }

  get atEnd(): boolean {
    return this.pos >= this.to;
  }

  peek(ahead = 0): SqlToken | undefined {
    const i = this.pos + ahead;
    return i < this.to ? this.tokens[i] : undefined;
  }

  next(): SqlToken {
    const t = this.peek();
    if (!t) throw this.error();
    this.pos++;
    return t;
  }

  /** True when the token `ahead` is the (unquoted) keyword `word`. */
  isKeyword(word: string, ahead = 0): boolean {
    return isKeyword(this.peek(ahead), word);
  }

  isPunct(p: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'punct' && t.text === p;
  }

  /** Consumes the keywords if they come next, in order. */
  acceptKeywords(...words: string[]): boolean {
    if (!words.every((w, k) => this.isKeyword(w, k))) return false;
    this.pos += words.length;
    return true;
  }

  expectKeyword(word: string): SqlToken {
    if (!this.isKeyword(word)) throw this.error();
    return this.next();
  }

  expectPunct(p: string): SqlToken {
    if (!this.isPunct(p)) throw this.error(this.atEnd ? `missing '${p}'` : undefined);
    return this.next();
  }

  /** The index just past the bracket that closes the `(` at `open`. */
  closingIndex(open: number): number {
    const depth = this.tokens[open].depth;
    for (let i = open + 1; i < this.to; i++) {
      const t = this.tokens[i];
      if (t.depth === depth && (t.text === ')' || t.text === ']') && t.kind === 'punct') return i;
    }
    throw syntaxError(this.text, undefined, "missing ')'");
  }

  /** PARSE_SYNTAX_ERROR at the current token (or end of input). */
  error(hint?: string): ParseException {
    return syntaxError(this.text, this.peek(), hint);
  }
}

export function isKeyword(t: SqlToken | undefined, word: string): boolean {
  return t !== undefined && t.kind === 'word' && t.value === word;
}

/** An identifier as Spark names it: a back-quoted name as written, a bare word as typed. */
export function identifierName(t: SqlToken): string {
  return t.kind === 'quoted' ? t.value : t.text;
}

export function isIdentifier(t: SqlToken | undefined): t is SqlToken {
  return t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
}
