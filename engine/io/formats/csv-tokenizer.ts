/**
 * Splits CSV text into records of tokens the way Spark's configuration of the univocity
 * parser does (CSVOptions.asParserSettings): empty lines are skipped, lines starting with the
 * comment character are skipped, an empty unquoted value is null while a quoted empty value
 * is the `emptyValue`, inside quotes both `\"` (the escape) and `""` give a quote, and text
 * after a closing quote is kept up to the separator (unescapedQuoteHandling
 * STOP_AT_DELIMITER). Only with `multiLine` may a quoted value span lines.
 */
import type { CsvOptions } from './csv-options';
import { LineSplitter } from './line-splitter';

export class CsvTokenizer {
  /** Bounds and first line number of the record returned last. */
  recordStart = 0;
  recordEnd = 0;
  lineNumber = 0;
  private readonly lines: LineSplitter | null;
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly o: CsvOptions,
  ) {
    this.lines = o.multiLine ? null : new LineSplitter(text, o.lineSep);
  }

  /** The next record's tokens, or null at the end of the text. */
  next(): (string | null)[] | null {
    return this.lines === null ? this.nextMultiLine() : this.nextLine(this.lines);
  }

  private isSkipped(start: number, end: number): boolean {
    if (start === end) return true;
    return this.o.comment !== '' && this.text.startsWith(this.o.comment, start);
  }

  private nextLine(lines: LineSplitter): (string | null)[] | null {
    while (lines.next()) {
      if (this.isSkipped(lines.start, lines.end)) continue;
      this.recordStart = lines.start;
      this.recordEnd = lines.end;
      this.lineNumber = lines.lineNumber;
      const tokens: (string | null)[] = [];
      let p = lines.start;
      for (;;) {
        p = this.token(p, lines.end, tokens);
        if (p >= lines.end) break;
        p += this.o.sep.length;
        if (p >= lines.end) {
          tokens.push(null); // a trailing separator ends with an empty value
          break;
        }
      }
      return tokens;
    }
    return null;
  }

  private nextMultiLine(): (string | null)[] | null {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) return null;
      // Skip empty lines and comment lines between records.
      const c = t.charCodeAt(this.pos);
      if (c === 10 || c === 13) {
        this.pos += c === 13 && t.charCodeAt(this.pos + 1) === 10 ? 2 : 1;
        this.line++;
        continue;
      }
      if (this.o.comment !== '' && t.startsWith(this.o.comment, this.pos)) {
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 10 && t.charCodeAt(this.pos) !== 13) this.pos++;
        continue;
      }
      break;
    }
    this.recordStart = this.pos;
    this.lineNumber = this.line;
    const tokens: (string | null)[] = [];
    let p = this.pos;
    for (;;) {
      p = this.token(p, t.length, tokens);
      if (p >= t.length || t.charCodeAt(p) === 10 || t.charCodeAt(p) === 13) break;
      p += this.o.sep.length;
    }
    this.recordEnd = p;
    for (let i = this.recordStart; i < p; i++) if (t.charCodeAt(i) === 10) this.line++;
    if (p < t.length) {
      p += t.charCodeAt(p) === 13 && t.charCodeAt(p + 1) === 10 ? 2 : 1;
      this.line++;
    }
    this.pos = p;
    return tokens;
  }

  private atValueEnd(i: number, end: number): boolean {
    if (i >= end) return true;
    if (this.text.startsWith(this.o.sep, i)) return true;
    if (this.lines === null) {
      const c = this.text.charCodeAt(i);
      return c === 10 || c === 13;
    }
    return false;
  }

  /** Reads one value starting at `p`; pushes it and returns the position of what ends it. */
  private token(p: number, end: number, tokens: (string | null)[]): number {
    const t = this.text;
    const o = this.o;
    let i = p;
    if (o.ignoreLeadingWhiteSpaceInRead) while (i < end && isBlank(t.charCodeAt(i)) && !this.atValueEnd(i, end)) i++;
    if (i < end && t[i] === o.quote && o.quote !== '\u0000') {
      let value = '';
      i++;
      let closed = false;
      while (i < end) {
        const ch = t[i];
        if (ch === o.escape && o.escape !== o.quote && t[i + 1] === o.quote) {
          value += o.quote;
          i += 2;
        } else if (ch === o.quote) {
          if (t[i + 1] === o.quote) {
            value += o.quote;
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          value += ch;
          i++;
        }
      }
      // STOP_AT_DELIMITER: what follows the closing quote up to the separator stays in the value.
      if (closed) {
        const restStart = i;
        while (!this.atValueEnd(i, end)) i++;
        const rest = t.slice(restStart, i);
        value += o.ignoreTrailingWhiteSpaceInRead ? rest.trimEnd() : rest;
      }
      tokens.push(value.length === 0 ? o.emptyValueInRead : value);
      return i;
    }
    const start = i;
    while (!this.atValueEnd(i, end)) i++;
    let value = t.slice(start, i);
    if (o.ignoreTrailingWhiteSpaceInRead) value = value.replace(/[\s]+$/, '');
    tokens.push(value.length === 0 ? null : value);
    return i;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
