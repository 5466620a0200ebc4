/**
 * A JSON tokenizer over one record of a decoded file, accepting what Spark's Jackson
 * configuration accepts (JSONOptions.buildJsonFactory): single-quoted strings
 * (allowSingleQuotes, default on), NaN / Infinity / ±INF numbers (allowNonNumericNumbers,
 * default on), and optionally comments, unquoted field names and leading zeros. Control
 * characters inside strings and unknown escapes are syntax errors, as in Jackson.
 *
 * The cursor walks the text once; callers convert values as they go and skip what they do
 * not need without building it. A syntax error throws JSON_SYNTAX (a constant: no stack).
 * Objects and arrays nest at most MAX_NESTING_DEPTH deep: deeper input is a syntax error, as
 * Jackson's StreamReadConstraints (maxNestingDepth 1000) make it a bad record in Spark, and
 * a hostile `[[[[…` line cannot exhaust the stack.
 */

/** Thrown for malformed JSON; the record becomes a bad record with no partial row. */
export const JSON_SYNTAX = { kind: 'json-syntax-error' } as const;

/** Jackson's StreamReadConstraints.DEFAULT_MAX_DEPTH, which Spark's JSON factory keeps. */
export const MAX_NESTING_DEPTH = 1000;

export const enum NumberKind {
  Int = 0,
  Float = 1,
  /** NaN / Infinity spelled without quotes. */
  NonNumeric = 2,
}

export interface CursorOptions {
  readonly allowSingleQuotes: boolean;
  readonly allowNonNumericNumbers: boolean;
  readonly allowNumericLeadingZeros: boolean;
  readonly allowUnquotedFieldNames: boolean;
  readonly allowComments: boolean;
}

export class JsonCursor {
  pos = 0;
  end = 0;
  /** Set by scanNumber: the token's text bounds and kind. */
  numStart = 0;
  numEnd = 0;
  numKind: NumberKind = NumberKind.Int;
  /** Objects and arrays open around the cursor (enter/leave). */
  depth = 0;

  constructor(
    readonly text: string,
    private readonly options: CursorOptions,
  ) {}

  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
    this.depth = 0;
  }

  /** Opens an object or array level; too deep a record is malformed (StreamConstraintsException). */
  enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) throw JSON_SYNTAX;
  }

  leave(): void {
    this.depth--;
  }

  /** Skips whitespace (and comments when allowed); returns the next char code or -1 at the end. */
  skipWs(): number {
    const t = this.text;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else if (c === 47 /* / */ && this.options.allowComments) this.skipComment();
      else return c;
    }
    return -1;
  }

  private skipComment(): void {
    const next = this.text.charCodeAt(this.pos + 1);
    if (next === 47) {
      while (this.pos < this.end && this.text.charCodeAt(this.pos) !== 10) this.pos++;
    } else if (next === 42) {
      const close = this.text.indexOf('*/', this.pos + 2);
      if (close < 0 || close + 2 > this.end) throw JSON_SYNTAX;
      this.pos = close + 2;
    } else throw JSON_SYNTAX;
  }

  /** Consumes `c` (after whitespace) or fails. */
  expect(c: number): void {
    if (this.skipWs() !== c) throw JSON_SYNTAX;
    this.pos++;
  }

  isQuote(c: number): boolean {
    return c === 34 || (c === 39 && this.options.allowSingleQuotes);
  }

  /** Reads a string token at pos (its opening quote) and returns its decoded text. */
  readString(): string {
    const t = this.text;
    const quote = t.charCodeAt(this.pos);
    const start = this.pos + 1;
    let i = start;
    // Fast path: no escapes.
    while (i < this.end) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return t.slice(start, i);
      }
      if (c === 92 /* \ */) break;
      if (c < 32) throw JSON_SYNTAX;
      i++;
    }
    let out = t.slice(start, i);
    while (i < this.end) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return out;
      }
      if (c < 32) throw JSON_SYNTAX;
      if (c !== 92) {
        out += t[i++];
        continue;
      }
      const e = t.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 34: out += '"'; break;
        case 39: out += "'"; break;
        case 92: out += '\\'; break;
        case 47: out += '/'; break;
        case 98: out += '\b'; break;
        case 102: out += '\f'; break;
        case 110: out += '\n'; break;
        case 114: out += '\r'; break;
        case 116: out += '\t'; break;
        case 117: {
          const hex = t.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw JSON_SYNTAX;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          throw JSON_SYNTAX;
      }
    }
    throw JSON_SYNTAX;
  }

  /** Skips a string token without decoding it. */
  skipString(): void {
    const t = this.text;
    const quote = t.charCodeAt(this.pos);
    let i = this.pos + 1;
    while (i < this.end) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return;
      }
      if (c === 92) i += 2;
      else if (c < 32) throw JSON_SYNTAX;
      else i++;
    }
    throw JSON_SYNTAX;
  }

  /** Reads an object key at pos (quoted, or bare when allowUnquotedFieldNames) and the colon. */
  readKey(): string {
    const key = this.readKeyName();
    this.expect(58 /* : */);
    this.skipWs();
    return key;
  }

  /** Reads just the key's name (the cursor stops before the colon). */
  readKeyName(): string {
    const c = this.text.charCodeAt(this.pos);
    if (this.isQuote(c)) return this.readString();
    if (this.options.allowUnquotedFieldNames && isNameStart(c)) {
      const start = this.pos;
      while (this.pos < this.end && isNamePart(this.text.charCodeAt(this.pos))) this.pos++;
      return this.text.slice(start, this.pos);
    }
    throw JSON_SYNTAX;
  }

  /**
   * Scans a number token at pos (Jackson's grammar: no leading '+', no leading zeros unless
   * allowed, digits required around '.'), setting numStart/numEnd/numKind.
   */
  scanNumber(): void {
    const t = this.text;
    const start = this.pos;
    let i = start;
    let c = t.charCodeAt(i);
    if (c === 45 || c === 43) {
      const next = t.charCodeAt(i + 1);
      if (next === 73 /* I */ || next === 78 /* N */) return this.scanNonNumeric();
      if (c === 43) throw JSON_SYNTAX;
      c = t.charCodeAt(++i);
    }
    if (c === 73 || c === 78) return this.scanNonNumeric();
    const intStart = i;
    while (i < this.end && (c = t.charCodeAt(i)) >= 48 && c <= 57) i++;
    const intDigits = i - intStart;
    if (intDigits === 0) throw JSON_SYNTAX;
    if (intDigits > 1 && t.charCodeAt(intStart) === 48 && !this.options.allowNumericLeadingZeros) throw JSON_SYNTAX;
    let kind = NumberKind.Int;
    if (i < this.end && t.charCodeAt(i) === 46) {
      kind = NumberKind.Float;
      const f = ++i;
      while (i < this.end && (c = t.charCodeAt(i)) >= 48 && c <= 57) i++;
      if (i === f) throw JSON_SYNTAX;
    }
    if (i < this.end && ((c = t.charCodeAt(i)) === 101 || c === 69)) {
      kind = NumberKind.Float;
      i++;
      c = t.charCodeAt(i);
      if (c === 43 || c === 45) i++;
      const e = i;
      while (i < this.end && (c = t.charCodeAt(i)) >= 48 && c <= 57) i++;
      if (i === e) throw JSON_SYNTAX;
    }
    // A number must end at a delimiter: `12abc` is one bad token.
    if (i < this.end && isNamePart(t.charCodeAt(i))) throw JSON_SYNTAX;
    this.numStart = start;
    this.numEnd = i;
    this.numKind = kind;
    this.pos = i;
  }

  private scanNonNumeric(): void {
    if (!this.options.allowNonNumericNumbers) throw JSON_SYNTAX;
    const rest = this.text.slice(this.pos, Math.min(this.end, this.pos + 9));
    const m = /^(?:NaN|[+-]?Infinity|[+-]?INF)/.exec(rest);
    if (m === null || (m[0] === 'INF')) throw JSON_SYNTAX;
    this.numStart = this.pos;
    this.numEnd = this.pos + m[0].length;
    this.numKind = NumberKind.NonNumeric;
    this.pos = this.numEnd;
  }

  /** The value of the number scanned last. */
  numberValue(): number {
    if (this.numKind === NumberKind.NonNumeric) {
      const s = this.text.slice(this.numStart, this.numEnd);
      return s === 'NaN' ? NaN : s.charCodeAt(0) === 45 ? -Infinity : Infinity;
    }
    // Short integers accumulate directly; the rest goes through Number (correctly rounded).
    if (this.numKind === NumberKind.Int && this.numEnd - this.numStart < 16) {
      const t = this.text;
      let i = this.numStart;
      const neg = t.charCodeAt(i) === 45;
      if (neg) i++;
      let v = 0;
      for (; i < this.numEnd; i++) v = v * 10 + (t.charCodeAt(i) - 48);
      return neg ? -v : v;
    }
    if (this.numKind === NumberKind.Float) {
      const fast = this.fastFloat();
      if (!Number.isNaN(fast)) return fast;
    }
    return Number(this.text.slice(this.numStart, this.numEnd));
  }

  /**
   * Clinger's fast path: with at most 15 significant digits and a power of ten up to 1e22,
   * mantissa and power are exact doubles and one division or multiplication rounds correctly,
   * so the result equals Number(text). NaN when the fast path does not apply.
   */
  private fastFloat(): number {
    const t = this.text;
    let i = this.numStart;
    const end = this.numEnd;
    const neg = t.charCodeAt(i) === 45;
    if (neg) i++;
    let mantissa = 0;
    let digits = 0;
    let exp = 0;
    let c = 0;
    for (; i < end && (c = t.charCodeAt(i)) >= 48 && c <= 57; i++) {
      if (digits > 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
    }
    if (c === 46) {
      for (i++; i < end && (c = t.charCodeAt(i)) >= 48 && c <= 57; i++) {
        if (digits > 0 || c !== 48) digits++;
        mantissa = mantissa * 10 + (c - 48);
        exp--;
      }
    }
    if (digits > 15) return NaN;
    if (i < end) {
      // exponent part: e / E, optional sign, digits
      i++;
      c = t.charCodeAt(i);
      let expSign = 1;
      if (c === 45 || c === 43) {
        expSign = c === 45 ? -1 : 1;
        i++;
      }
      let e = 0;
      for (; i < end; i++) {
        e = e * 10 + (t.charCodeAt(i) - 48);
        if (e > 400) return NaN;
      }
      exp += expSign * e;
    }
    let v: number;
    if (exp === 0) v = mantissa;
    else if (exp < 0 && exp >= -22) v = mantissa / POWERS_OF_TEN[-exp];
    else if (exp > 0 && exp <= 22) v = mantissa * POWERS_OF_TEN[exp];
    else return NaN;
    return neg ? -v : v;
  }

  /** Reads a literal word (true/false/null) at pos. */
  expectWord(word: string): void {
    if (!this.text.startsWith(word, this.pos) || this.pos + word.length > this.end) throw JSON_SYNTAX;
    this.pos += word.length;
    if (this.pos < this.end && isNamePart(this.text.charCodeAt(this.pos))) throw JSON_SYNTAX;
  }

  /** Skips one value of any kind at pos (Jackson's skipChildren, plus syntax checks). */
  skipValue(): void {
    const c = this.skipWs();
    if (c === 123 /* { */ || c === 91 /* [ */) {
      this.enter();
      this.skipContainer(c === 123);
      this.leave();
      return;
    }
    if (this.isQuote(c)) return this.skipString();
    if (c === 116) return this.expectWord('true');
    if (c === 102) return this.expectWord('false');
    if (c === 110) return this.expectWord('null');
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 73 || c === 78) return this.scanNumber();
    throw JSON_SYNTAX;
  }

  /** The members of the object or array whose opening bracket is at pos. */
  private skipContainer(isObject: boolean): void {
    const close = isObject ? 125 : 93;
    this.pos++;
    if (this.skipWs() === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.skipWs();
        this.readKeyForSkip();
      }
      this.skipValue();
      const d = this.skipWs();
      this.pos++;
      if (d === close) return;
      if (d !== 44) throw JSON_SYNTAX;
    }
  }

  private readKeyForSkip(): void {
    const c = this.text.charCodeAt(this.pos);
    if (this.isQuote(c)) this.skipString();
    else this.readKey();
    if (this.isQuote(c)) this.expect(58);
  }
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
