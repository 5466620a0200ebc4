/**
 * A cursor over the lexer's tokens with the accept/expect helpers recursive-descent
 * parsers need; failures are Spark's PARSE_SYNTAX_ERROR pointing at the token. Shared by
 * the expression parser and the SQL statement parser.
 */
import type { Span } from './ast';
import { syntaxError, tokenize, type Token } from './lexer';

export class TokenStream {
  readonly tokens: readonly Token[];
  pos: number;

  constructor(
    readonly text: string,
    tokens?: readonly Token[],
    pos = 0,
  ) {
    this.tokens = tokens ?? tokenize(text);
    this.pos = pos;
  }

  // ---- token helpers -------------------------------------------------------------
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  /** True (and consumed) when the next token is the keyword `word` (unquoted, any case). */
  acceptKeyword(word: string): boolean {
    if (this.isKeyword(this.peek(), word)) {
      this.pos++;
      return true;
    }
    return false;
  }
  isKeyword(t: Token, word: string): boolean {
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }
  acceptOp(op: string): boolean {
    const t = this.peek();
    if (t.kind === 'op' && t.text === op) {
      this.pos++;
      return true;
    }
    return false;
  }
  expectOp(op: string): Token {
    const t = this.peek();
    if (t.kind === 'op' && t.text === op) return this.next();
    throw this.unexpected(t);
  }
  expectKeyword(word: string): Token {
    const t = this.peek();
    if (this.isKeyword(t, word)) return this.next();
    throw this.unexpected(t);
  }
  unexpected(t: Token = this.peek()): Error {
    const near = t.kind === 'eof' ? 'end of input' : `'${this.text.slice(t.start, t.end)}'`;
    return syntaxError(this.text, t.start, Math.max(t.end, t.start + 1), near);
  }
  expectEnd(): void {
    if (this.peek().kind !== 'eof') throw this.unexpected();
  }
  protected spanFrom(start: number): Span {
    const prev = this.tokens[Math.max(this.pos - 1, 0)];
    return [start, Math.max(prev.end, start)];
  }
}
