/**
 * Spark's datetime patterns (docs: "Datetime Patterns for Formatting and Parsing"), read into
 * a small tree of literals, fields and optional sections, with Spark's checks from
 * DateTimeFormatterHelper.convertIncompatiblePattern: week-based letters (`Y w W u e c`) are
 * rejected, `A B n N p` are illegal, `E F q Q` cannot parse, five-letter text styles and
 * seven `y`s are too long. `y` means java.time's `u` (proleptic year, may be negative) unless
 * the pattern has an era `G`.
 */
import { TidemarkError } from '../errors';

/** Spark's SparkIllegalArgumentException for pattern errors (INVALID_DATETIME_PATTERN.*). */
export class SparkIllegalArgumentException extends TidemarkError {}

export interface LiteralNode {
  readonly kind: 'literal';
  readonly text: string;
}
export interface FieldNode {
  readonly kind: 'field';
  /** Pattern letter after Spark's substitution (`y` → `u` without an era). */
  readonly letter: string;
  readonly count: number;
}
export interface OptionalNode {
  readonly kind: 'optional';
  readonly nodes: readonly PatternNode[];
}
export type PatternNode = LiteralNode | FieldNode | OptionalNode;

const WEEK_BASED = new Set(['Y', 'W', 'w', 'u', 'e', 'c']);
const ILLEGAL = new Set(['A', 'B', 'n', 'N', 'p']);
const ILLEGAL_FOR_PARSING = new Set(['E', 'F', 'q', 'Q']);
const KNOWN = new Set([...'GyuDMLdQqEFaHhKkmsSVzOXxZ']);
/** Most letters java.time's appendPattern accepts per field. */
const MAX_COUNT: Readonly<Record<string, number>> = {
  G: 4, u: 6, y: 6, D: 3, M: 4, L: 4, d: 2, Q: 4, q: 4, E: 4, F: 1, a: 1,
  H: 2, h: 2, K: 2, k: 2, m: 2, s: 2, S: 9, V: 2, z: 4, O: 4, X: 5, x: 5, Z: 5,
};

function fail(errorClass: string, message: string, parameters: Record<string, string>): never {
  throw new SparkIllegalArgumentException(errorClass, message, { messageParameters: parameters });
}

/** Parses a pattern into nodes; throws SparkIllegalArgumentException as Spark does. */
export function tokenizePattern(pattern: string, forParsing: boolean): PatternNode[] {
  const hasEra = unquotedParts(pattern).some((p) => p.includes('G'));
  const stack: PatternNode[][] = [[]];
  let i = 0;
  const push = (n: PatternNode): void => {
    stack[stack.length - 1].push(n);
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close === i + 1) {
        push({ kind: 'literal', text: "'" });
        i += 2;
        continue;
      }
      // Inside quotes, '' is a quote; an unterminated quote runs to the end (as Java rejects).
      let text = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j++;
          } else break;
        } else text += pattern[j];
      }
      if (j >= pattern.length) fail('INVALID_DATETIME_PATTERN', `Unrecognized datetime pattern: ${pattern}.`, { pattern });
      push({ kind: 'literal', text });
      i = j + 1;
      continue;
    }
    if (c === '[') {
      stack.push([]);
      i++;
      continue;
    }
    if (c === ']') {
      if (stack.length === 1) fail('INVALID_DATETIME_PATTERN', `Unrecognized datetime pattern: ${pattern}.`, { pattern });
      const nodes = stack.pop() as PatternNode[];
      push({ kind: 'optional', nodes });
      i++;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      if (c === '{' || c === '}' || c === '#') fail('INVALID_DATETIME_PATTERN', `Unrecognized datetime pattern: ${pattern}.`, { pattern });
      push({ kind: 'literal', text: c });
      i++;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === c) count++;
    checkLetter(pattern, c, count, forParsing);
    const letter = c === 'y' && !hasEra ? 'u' : c;
    push({ kind: 'field', letter, count });
    i += count;
  }
  // Java closes optional sections left open at the end.
  while (stack.length > 1) {
    const nodes = stack.pop() as PatternNode[];
    stack[stack.length - 1].push({ kind: 'optional', nodes });
  }
  return stack[0];
}

function checkLetter(pattern: string, c: string, count: number, forParsing: boolean): void {
  if (WEEK_BASED.has(c)) {
    fail(
      'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN',
      `Spark >= 3.0: All week-based patterns are unsupported since Spark 3.0, detected week-based character: ${c}. Please use the SQL function EXTRACT instead.`,
      { c },
    );
  }
  if (ILLEGAL.has(c) || (forParsing && ILLEGAL_FOR_PARSING.has(c)) || !KNOWN.has(c)) {
    fail(
      'INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER',
      `Unrecognized datetime pattern: ${pattern}. Illegal pattern character found in datetime pattern: ${c}. Please provide legal character.`,
      { c, pattern },
    );
  }
  const tooLong = ('GMLEQq'.includes(c) && count >= 5) || (c === 'y' && count >= 7);
  if (tooLong || count > MAX_COUNT[c] || (c === 'V' && count !== 2) || (c === 'O' && count !== 1 && count !== 4)) {
    const style = c.repeat(count);
    fail(
      'INVALID_DATETIME_PATTERN.LENGTH',
      `Unrecognized datetime pattern: ${style}. Too many letters in datetime pattern: ${style}. Please reduce pattern length.`,
      { pattern: style },
    );
  }
}

function unquotedParts(pattern: string): string[] {
  return pattern.split("'").filter((_, i) => i % 2 === 0);
}
