/**
 * A recursive-descent parser for Spark SQL expressions with the precedence of Spark's
 * SqlBaseParser.g4 (booleanExpression / predicate / valueExpression / primaryExpression):
 *
 *   OR < AND < NOT < predicate (IS [NOT] NULL, [NOT] LIKE/ILIKE/RLIKE/REGEXP, [NOT] IN,
 *   [NOT] BETWEEN) and comparison < | < ^ < & < + - || < * / % DIV < unary - + ~ <
 *   postfix `.field`, `[index]`, `::type`.
 *
 * `ExprParser` is exported so the SQL parser can reuse it over the same token stream.
 */
import { intervalUnitMicros, isYearMonthUnit, parseDayToSecond, parseIntervalText, unsupportedInterval } from './interval-literal';
import { parseDataType } from '../types/ddl';
import type { BinaryOp, CaseExpr, Expr, LiteralExpr } from './ast';
import { syntaxError, type Token } from './lexer';
import { TokenStream } from './token-stream';
import { numericLiteral } from './literal-tokens';
import { rememberSourceText } from './expr-source-text';
import { ParseException } from '../errors';
import { rebasedParseError } from './rebased-parse-error';
import { MAX_PARSE_NESTING, nodeBeyondMaxDepth, tooComplexError } from './parse-limits';

/** Words that end an expression rather than name an implicit alias (`x alias`). */
const NOT_AN_ALIAS = new Set([
  'AND', 'OR', 'NOT', 'IS', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'IN', 'BETWEEN', 'AS', 'FROM', 'WHERE', 'GROUP',
  'ORDER', 'BY', 'HAVING', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'JOIN', 'ON', 'INNER', 'LEFT',
  'RIGHT', 'FULL', 'OUTER', 'CROSS', 'SEMI', 'ANTI', 'USING', 'WHEN', 'THEN', 'ELSE', 'END', 'ASC', 'DESC', 'NULLS',
  'WINDOW', 'SORT', 'CLUSTER', 'DISTRIBUTE', 'LATERAL', 'ESCAPE', 'DIV', 'NATURAL', 'QUALIFY',
]);

const COMPARISON: Readonly<Record<string, BinaryOp>> = {
  '=': '=', '==': '=', '<=>': '<=>', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

export class ExprParser extends TokenStream {
  /** How many recursive descents are open (parse-limits.ts). */
  private nesting = 0;

  // ---- entry points --------------------------------------------------------------
  /** `expr [[AS] alias]` (Spark's namedExpression). */
  parseNamedExpression(): Expr {
    const start = this.peek().start;
    const e = this.parseExpression();
    if (this.acceptKeyword('AS')) return { kind: 'alias', arg: e, name: this.identifier(), span: this.spanFrom(start) };
    const t = this.peek();
    if (t.kind === 'quotedIdent' || (t.kind === 'ident' && !NOT_AN_ALIAS.has(t.text.toUpperCase()))) {
      return { kind: 'alias', arg: e, name: this.identifier(), span: this.spanFrom(start) };
    }
    return e;
  }

  parseExpression(): Expr {
    this.enterNesting();
    try {
      return this.parseOr();
    } finally {
      this.nesting--;
    }
  }

  /** Every recursive descent passes here, so input nested past the bound fails before the stack does. */
  private enterNesting(): void {
    if (++this.nesting <= MAX_PARSE_NESTING) return;
    this.nesting--;
    const t = this.peek();
    throw tooComplexError(this.text, t.start, Math.max(t.end, t.start + 1));
  }

  identifier(): string {
    const t = this.peek();
    if (t.kind === 'ident' || t.kind === 'quotedIdent') {
      this.pos++;
      return t.text;
    }
    throw this.unexpected(t);
  }

  // ---- boolean levels ------------------------------------------------------------
  private parseOr(): Expr {
    const start = this.peek().start;
    let left = this.parseAnd();
    while (this.acceptKeyword('OR')) left = { kind: 'binary', op: 'OR', left, right: this.parseAnd(), span: this.spanFrom(start) };
    return left;
  }
  private parseAnd(): Expr {
    const start = this.peek().start;
    let left = this.parseNot();
    while (this.acceptKeyword('AND')) left = { kind: 'binary', op: 'AND', left, right: this.parseNot(), span: this.spanFrom(start) };
    return left;
  }
  private parseNot(): Expr {
    const start = this.peek().start;
    if (this.acceptKeyword('NOT') || this.acceptOp('!')) {
      this.enterNesting();
      try {
        return { kind: 'unary', op: 'NOT', arg: this.parseNot(), span: this.spanFrom(start) };
      } finally {
        this.nesting--;
      }
    }
    return this.parsePredicated();
  }

  /** `valueExpression predicate?` */
  private parsePredicated(): Expr {
    const start = this.peek().start;
    const arg = this.parseComparison();
    if (this.acceptKeyword('IS')) {
      const negated = this.acceptKeyword('NOT');
      if (this.acceptKeyword('NULL')) return { kind: 'isNull', arg, negated, span: this.spanFrom(start) };
      if (this.acceptKeyword('DISTINCT')) {
        this.expectKeyword('FROM');
        const same: Expr = { kind: 'binary', op: '<=>', left: arg, right: this.parseComparison(), span: this.spanFrom(start) };
        return negated ? same : { kind: 'unary', op: 'NOT', arg: same, span: this.spanFrom(start) };
      }
      for (const word of ['TRUE', 'FALSE'] as const) {
        if (this.acceptKeyword(word)) {
          // Spark's AstBuilder: `x IS TRUE` is `x <=> true` (never NULL).
          const same: Expr = { kind: 'binary', op: '<=>', left: arg, right: { kind: 'literal', value: word === 'TRUE', dataType: 'boolean' }, span: this.spanFrom(start) };
          return negated ? { kind: 'unary', op: 'NOT', arg: same, span: this.spanFrom(start) } : same;
        }
      }
      throw this.unexpected();
    }
    const negated = this.isKeyword(this.peek(), 'NOT') && ['LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'IN', 'BETWEEN'].some((w) => this.isKeyword(this.peek(1), w));
    if (negated) this.pos++;
    if (this.acceptKeyword('LIKE') || this.isKeyword(this.peek(), 'ILIKE')) {
      const caseInsensitive = this.acceptKeyword('ILIKE');
      const pattern = this.parseComparisonOperand();
      let escape: string | undefined;
      if (this.acceptKeyword('ESCAPE')) {
        const t = this.next();
        if (t.kind !== 'string') throw this.unexpected(t);
        if (t.text.length !== 1) {
          throw syntaxError(this.text, t.start, t.end, `'${this.text.slice(t.start, t.end)}'`);
        }
        escape = t.text;
      }
      return { kind: 'like', arg, pattern, negated, span: this.spanFrom(start), ...(escape !== undefined ? { escape } : {}), ...(caseInsensitive ? { caseInsensitive } : {}) };
    }
    if (this.acceptKeyword('RLIKE') || this.acceptKeyword('REGEXP')) {
      return { kind: 'rlike', arg, pattern: this.parseComparisonOperand(), negated, span: this.spanFrom(start) };
    }
    if (this.acceptKeyword('IN')) {
      this.expectOp('(');
      if (this.isKeyword(this.peek(), 'SELECT')) throw this.unexpected();
      const list: Expr[] = [this.parseExpression()];
      while (this.acceptOp(',')) list.push(this.parseExpression());
      this.expectOp(')');
      return { kind: 'in', arg, list, negated, span: this.spanFrom(start) };
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.parseComparisonOperand();
      this.expectKeyword('AND');
      const high = this.parseComparisonOperand();
      return { kind: 'between', arg, low, high, negated, span: this.spanFrom(start) };
    }
    return arg;
  }

  // ---- value levels --------------------------------------------------------------
  private parseComparison(): Expr {
    const start = this.peek().start;
    let left = this.parseComparisonOperand();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'op' ? COMPARISON[t.text] : undefined;
      if (!op) return left;
      this.pos++;
      left = { kind: 'binary', op, left, right: this.parseComparisonOperand(), span: this.spanFrom(start) };
    }
  }
  /** Everything tighter than comparison: the operand of LIKE, BETWEEN and `=`. */
  private parseComparisonOperand(): Expr {
    return this.parseBinaryLevel(0);
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['+', '-', '||'], ['*', '/', '%', 'DIV']];

  private parseBinaryLevel(level: number): Expr {
    if (level >= ExprParser.LEVELS.length) return this.parseUnary();
    const ops = ExprParser.LEVELS[level];
    const start = this.peek().start;
    let left = this.parseBinaryLevel(level + 1);
    for (;;) {
      const t = this.peek();
      const sym = t.kind === 'op' ? t.text : t.kind === 'ident' && t.text.toUpperCase() === 'DIV' ? 'DIV' : '';
      if (!ops.includes(sym)) return left;
      this.pos++;
      const right = this.parseBinaryLevel(level + 1);
      const op = (sym === 'DIV' ? 'div' : sym) as BinaryOp;
      left = { kind: 'binary', op, left, right, span: this.spanFrom(start) };
    }
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.pos++;
      const n = this.peek();
      // `-1` is a negative literal (Spark's `number: MINUS? INTEGER_VALUE`), not UnaryMinus(1).
      if (t.text === '-' && n.kind === 'number') {
        const after = this.peek(1);
        const postfix = after.kind === 'op' && (after.text === '.' || after.text === '[' || after.text === '::');
        if (!postfix) {
          this.pos++;
          return numericLiteral(n.text, true, this.text, [t.start, n.end]);
        }
      }
      this.enterNesting();
      try {
        const arg = this.parseUnary();
        return { kind: 'unary', op: t.text as '-' | '+' | '~', arg, span: this.spanFrom(t.start) };
      } finally {
        this.nesting--;
      }
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    const start = this.peek().start;
    // `(a).b` is field access on column a, while `a.b` is the dotted column name a.b.
    const parenthesized = this.peek().kind === 'op' && this.peek().text === '(';
    let e = this.parsePrimary();
    for (;;) {
      if (this.acceptOp('[')) {
        const index = this.parseExpression();
        this.expectOp(']');
        e = { kind: 'subscript', arg: e, index, span: this.spanFrom(start) };
      } else if (this.peek().kind === 'op' && this.peek().text === '.' && (e.kind !== 'column' || parenthesized)) {
        this.pos++;
        e = { kind: 'field', arg: e, field: this.identifier(), span: this.spanFrom(start) };
      } else if (this.acceptOp('::')) {
        e = { kind: 'cast', arg: e, to: this.dataType(), span: this.spanFrom(start) };
      } else {
        return e;
      }
    }
  }

  // ---- primaries -----------------------------------------------------------------
  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.pos++;
        return numericLiteral(t.text, false, this.text, [t.start, t.end]);
      case 'string': {
        let value = '';
        while (this.peek().kind === 'string') value += this.next().text;
        return { kind: 'literal', value, dataType: 'string', span: this.spanFrom(t.start) };
      }
      case 'quotedIdent':
        return this.parseNameOrCall();
      case 'op':
        if (t.text === '(') {
          this.pos++;
          const inner = this.parseExpression();
          this.expectOp(')');
          return inner;
        }
        if (t.text === '*') {
          this.pos++;
          return { kind: 'star', span: [t.start, t.end] };
        }
        throw this.unexpected(t);
      case 'ident':
        return this.parseKeywordPrimary(t) ?? this.parseNameOrCall();
      case 'eof':
        throw this.unexpected(t);
    }
  }

  private parseKeywordPrimary(t: Token): Expr | undefined {
    const word = t.text.toUpperCase();
    const after = this.peek(1);
    const called = after.kind === 'op' && after.text === '(';
    switch (word) {
      case 'TRUE':
      case 'FALSE':
        if (called) return undefined;
        this.pos++;
        return { kind: 'literal', value: word === 'TRUE', dataType: 'boolean', span: [t.start, t.end] };
      case 'NULL':
        if (called) return undefined;
        this.pos++;
        return { kind: 'literal', value: null, dataType: 'void', span: [t.start, t.end] };
      case 'TIMESTAMP':
      case 'TIMESTAMP_LTZ':
      case 'DATE': {
        if (after.kind !== 'string') return undefined;
        this.pos += 2;
        // A typed literal keeps its text; the binder converts it (Spark's visitTypeConstructor).
        const lit: LiteralExpr = { kind: 'literal', value: after.text, dataType: word === 'DATE' ? 'date' : 'timestamp', span: [t.start, after.end] };
        return lit;
      }
      case 'INTERVAL':
        if (called || (after.kind !== 'number' && after.kind !== 'string' && !(after.kind === 'op' && after.text === '-'))) return undefined;
        return this.parseInterval(t);
      case 'CASE':
        return this.parseCase();
      case 'CAST':
      case 'TRY_CAST':
        if (!called) return undefined;
        return this.parseCast(word === 'TRY_CAST');
      default:
        return undefined;
    }
  }

  /** INTERVAL literals (interval-literal.ts): a day-time interval in microseconds. */
  private parseInterval(t: Token): LiteralExpr {
    this.pos++;
    let total = 0;
    let end = t.end;
    let sawPart = false;
    for (;;) {
      const v = this.peek();
      const negative = v.kind === 'op' && v.text === '-';
      const valueToken = negative ? this.peek(1) : v;
      if (valueToken.kind !== 'number' && valueToken.kind !== 'string') break;
      const unitToken = this.peek(negative ? 2 : 1);
      const unitWord = unitToken.kind === 'ident' ? unitToken.text : '';
      if (valueToken.kind === 'string' && !sawPart) {
        // INTERVAL '1 hour 30 minutes' or INTERVAL '0 01:30:00' DAY TO SECOND
        const upper = unitWord.toUpperCase();
        if (upper === 'DAY' && this.isKeyword(this.peek(2), 'TO') && this.isKeyword(this.peek(3), 'SECOND')) {
          const micros = parseDayToSecond(valueToken.text);
          if (micros === null) throw syntaxError(this.text, valueToken.start, valueToken.end, `'${valueToken.text}'`);
          this.pos += negative ? 5 : 4;
          return { kind: 'literal', value: negative ? -micros : micros, dataType: 'interval day to second', span: [t.start, this.peek(-1).end] };
        }
        if (intervalUnitMicros(unitWord) === undefined && !isYearMonthUnit(unitWord)) {
          const micros = parseIntervalText(valueToken.text);
          if (micros === null) throw unsupportedInterval(this.text, valueToken.start, valueToken.end, `The interval '${valueToken.text}'`);
          this.pos += negative ? 2 : 1;
          return { kind: 'literal', value: negative ? -micros : micros, dataType: 'interval day to second', span: [t.start, valueToken.end] };
        }
      }
      if (isYearMonthUnit(unitWord)) throw unsupportedInterval(this.text, unitToken.start, unitToken.end, `A ${unitWord.toLowerCase()} interval`);
      const unit = intervalUnitMicros(unitWord);
      if (unit === undefined) break;
      const n = Number(valueToken.text.trim());
      if (!Number.isFinite(n)) throw syntaxError(this.text, valueToken.start, valueToken.end, `'${valueToken.text}'`);
      total += (negative ? -n : n) * unit;
      end = unitToken.end;
      sawPart = true;
      this.pos += negative ? 3 : 2;
    }
    if (!sawPart) {
      const bad = this.peek();
      throw syntaxError(this.text, bad.start, bad.end, bad.kind === 'eof' ? 'end of input' : `'${this.text.slice(bad.start, bad.end)}'`);
    }
    return { kind: 'literal', value: total, dataType: 'interval day to second', span: [t.start, end] };
  }

  private parseCase(): CaseExpr {
    const start = this.next().start;
    const operand = this.isKeyword(this.peek(), 'WHEN') ? undefined : this.parseExpression();
    const branches: { when: Expr; then: Expr }[] = [];
    while (this.acceptKeyword('WHEN')) {
      const when = this.parseExpression();
      this.expectKeyword('THEN');
      branches.push({ when, then: this.parseExpression() });
    }
    if (branches.length === 0) throw this.unexpected();
    const otherwise = this.acceptKeyword('ELSE') ? this.parseExpression() : undefined;
    this.expectKeyword('END');
    return { kind: 'case', ...(operand ? { operand } : {}), branches, ...(otherwise ? { otherwise } : {}), span: this.spanFrom(start) };
  }

  private parseCast(isTry: boolean): Expr {
    const start = this.next().start;
    this.expectOp('(');
    const arg = this.parseExpression();
    this.expectKeyword('AS');
    const to = this.dataType();
    this.expectOp(')');
    return { kind: 'cast', arg, to, ...(isTry ? { try: true } : {}), span: this.spanFrom(start) };
  }

  /**
   * Reads a type (`int`, `decimal(10,2)`, `array<struct<a:int>>`) and returns its
   * simpleString; the type's own text is handed to types/ddl's parseDataType.
   */
  private dataType(): string {
    const first = this.peek();
    if (first.kind !== 'ident' && first.kind !== 'quotedIdent') throw this.unexpected(first);
    this.pos++;
    let last = first;
    const open = this.peek();
    if (open.kind === 'op' && (open.text === '(' || open.text === '<')) {
      const close = open.text === '(' ? ')' : '>';
      let depth = 0;
      do {
        const t = this.next();
        if (t.kind === 'eof') throw this.unexpected(t);
        if (t.kind === 'op' && t.text === open.text) depth++;
        if (t.kind === 'op' && t.text === close) depth--;
        last = t;
      } while (depth > 0);
    }
    try {
      return parseDataType(this.text.slice(first.start, last.end)).simpleString();
    } catch (e) {
      if (e instanceof ParseException) throw rebasedParseError(e, this.text, first.start, last.end);
      throw e;
    }
  }

  private parseNameOrCall(): Expr {
    const first = this.next();
    const start = first.start;
    const after = this.peek();
    if (after.kind === 'op' && after.text === '(') {
      this.pos++;
      return this.parseCallArgs(first.text, start);
    }
    const parts = [first.text];
    while (this.peek().kind === 'op' && this.peek().text === '.') {
      const n = this.peek(1);
      if (n.kind === 'op' && n.text === '*') {
        this.pos += 2;
        return { kind: 'star', qualifier: parts.join('.'), span: this.spanFrom(start) };
      }
      if (n.kind !== 'ident' && n.kind !== 'quotedIdent') throw this.unexpected(n);
      this.pos += 2;
      parts.push(n.text);
    }
    return { kind: 'column', name: parts, span: this.spanFrom(start) };
  }

  private parseCallArgs(name: string, start: number): Expr {
    const distinct = this.acceptKeyword('DISTINCT');
    if (!distinct) this.acceptKeyword('ALL');
    const args: Expr[] = [];
    if (!this.acceptOp(')')) {
      do args.push(this.parseExpression());
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    return { kind: 'call', name, args, ...(distinct ? { distinct } : {}), span: this.spanFrom(start) };
  }
}

/** Parses one expression, optionally aliased (`expr("x + 1 AS y")`). */
export function parseExpr(text: string): Expr {
  const p = new ExprParser(text);
  const e = p.parseNamedExpression();
  p.expectEnd();
  return withinDepth(e, text);
}

/** Parses a comma-separated list of (optionally aliased) expressions: `selectExpr("a, b + 1 AS c")`. */
export function parseExprList(text: string): Expr[] {
  const p = new ExprParser(text);
  const out: Expr[] = [p.parseNamedExpression()];
  while (p.acceptOp(',')) out.push(p.parseNamedExpression());
  p.expectEnd();
  return out.map((e) => withinDepth(e, text));
}

/** Refuses trees too deep for the binder and plan JSON (parse-limits.ts), then records their text. */
function withinDepth(e: Expr, text: string): Expr {
  const deep = nodeBeyondMaxDepth(e);
  if (deep !== undefined) throw tooComplexError(text, deep.span?.[0] ?? 0, deep.span?.[1] ?? text.length);
  return rememberSourceText(e, text);
}
