import { describe, expect, it } from 'vitest';
import { ParseException } from '../../../engine/errors';
import { tokenizeSql } from '../../../engine/sql/sql-tokens';

const kinds = (text: string): string[] => tokenizeSql(text).map((t) => `${t.kind}:${t.text}`);

describe('tokenizeSql (SqlBaseLexer rules)', () => {
  it('splits words, numbers, strings, operators and punctuation with offsets', () => {
    const tokens = tokenizeSql("SELECT a, count(*) FROM t WHERE x >= 1.5e3 AND s <> 'it''s'");
    expect(tokens.map((t) => t.text)).toEqual([
      'SELECT',
      'a',
      ',',
      'count',
      '(',
      '*',
      ')',
      'FROM',
      't',
      'WHERE',
      'x',
      '>=',
      '1.5e3',
      'AND',
      's',
      '<>',
      "'it''s'",
    ]);
    expect(tokens[7]).toMatchObject({ kind: 'word', value: 'FROM', start: 19, end: 23, depth: 0 });
  });

  it('upper-cases word values for keyword matching but keeps the text', () => {
    const [t] = tokenizeSql('sElEcT');
    expect(t).toMatchObject({ text: 'sElEcT', value: 'SELECT' });
  });

  it('unquotes back-quoted identifiers, doubling `` as Spark does', () => {
    const [t] = tokenizeSql('`my ``odd`` col`');
    expect(t).toMatchObject({ kind: 'quoted', value: 'my `odd` col', start: 0, end: 16 });
  });

  it('keeps keywords inside strings and quoted names out of the token stream', () => {
    expect(kinds(`SELECT 'FROM x', "WHERE", \`GROUP BY\` FROM t`)).toEqual([
      'word:SELECT',
      "string:'FROM x'",
      'punct:,',
      'string:"WHERE"',
      'punct:,',
      'quoted:`GROUP BY`',
      'word:FROM',
      'word:t',
    ]);
  });

  it('skips -- and nested /* */ comments', () => {
    expect(kinds('SELECT /* a /* nested */ still */ 1 -- trailing FROM\n FROM t')).toEqual([
      'word:SELECT',
      'number:1',
      'word:FROM',
      'word:t',
    ]);
  });

  it('handles backslash escapes in strings', () => {
    expect(kinds(String.raw`SELECT 'a\'b' FROM t`)).toEqual([
      'word:SELECT',
      String.raw`string:'a\'b'`,
      'word:FROM',
      'word:t',
    ]);
  });

  it('tracks bracket depth; an opening bracket and its closing one share a depth', () => {
    const tokens = tokenizeSql('f(a, g(b)[0])');
    expect(tokens.map((t) => `${t.text}@${t.depth}`)).toEqual([
      'f@0',
      '(@0',
      'a@1',
      ',@1',
      'g@1',
      '(@1',
      'b@2',
      ')@1',
      '[@1',
      '0@2',
      ']@1',
      ')@0',
    ]);
  });

  it('reads numbers with type suffixes and a dot after a name as a separator', () => {
    expect(kinds('10L 1.5D 2BD .5 t.x t.`y`')).toEqual([
      'number:10L',
      'number:1.5D',
      'number:2BD',
      'number:.5',
      'word:t',
      'punct:.',
      'word:x',
      'word:t',
      'punct:.',
      'quoted:`y`',
    ]);
  });

  it('takes the longest operator', () => {
    expect(kinds('a <=> b || c != d :: e')).toEqual([
      'word:a',
      'op:<=>',
      'word:b',
      'op:||',
      'word:c',
      'op:!=',
      'word:d',
      'op:::',
      'word:e',
    ]);
  });

  it('an unmatched ) is PARSE_SYNTAX_ERROR at it', () => {
    try {
      tokenizeSql('SELECT a) FROM t');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseException);
      expect((e as ParseException).errorClass).toBe('PARSE_SYNTAX_ERROR');
      expect((e as ParseException).message).toContain("Syntax error at or near ')'.");
      expect((e as ParseException).context).toMatchObject({ start: 8, stop: 9 });
    }
  });

  it("an unclosed ( is a syntax error at end of input with Spark's missing ')' hint", () => {
    expect(() => tokenizeSql('SELECT count(1 FROM t')).toThrow(
      "Syntax error at or near end of input: missing ')'.",
    );
  });

  it('an unclosed string or quoted identifier is a syntax error at its quote', () => {
    expect(() => tokenizeSql("SELECT 'abc FROM t")).toThrow("Syntax error at or near '''.");
    expect(() => tokenizeSql('SELECT `abc FROM t')).toThrow("Syntax error at or near '`'.");
  });

  it('an unclosed bracketed comment is UNCLOSED_BRACKETED_COMMENT', () => {
    try {
      tokenizeSql('SELECT 1 /* open');
      expect.unreachable();
    } catch (e) {
      expect((e as ParseException).errorClass).toBe('UNCLOSED_BRACKETED_COMMENT');
    }
  });
});
