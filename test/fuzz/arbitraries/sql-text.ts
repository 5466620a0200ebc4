/**
 * Text for the "any string" parser properties. Uniform random strings rarely get past the
 * lexer, so most inputs are soups of real tokens (keywords, operators, literals with escapes,
 * quotes left open) that reach deep into the parser before going wrong.
 */
import fc from 'fast-check';

const KEYWORDS = [
  'AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'FALSE', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'ESCAPE', 'IN', 'BETWEEN',
  'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'TRY_CAST', 'AS', 'DISTINCT', 'ALL', 'DIV', 'FROM', 'INTERVAL',
  'DAY', 'TO', 'SECOND', 'HOURS', 'minute', 'year', 'TIMESTAMP', 'DATE', 'SELECT', 'int', 'decimal', 'array', 'struct',
];
const OPERATORS = ['<=>', '==', '<=', '>=', '<>', '!=', '||', '::', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', '[', ']', '&', '|', '^', '~', '!', ':', ';', '?', '@', '$', '#', '{', '}'];
const LITERALS = [
  '0', '1', '-1', '2147483648', '9223372036854775808', '128Y', '1L', '7S', '1.5', '.5', '1e3', '1e400', '2BD', '1.0F', '1D', '1a',
  "'a'", "'it\\'s'", "'\\u0041'", "'\\UFFFFFFFF'", "'\\U0010FFFF'", "'\\U00110000'", "'\\377'", "'\\'", '"x"', "r'\\d'", "'", '"', '`', '`a``b`',
  "'1 hour'", "'0 01:30:00'", "'1 2'", "'2024-01-01'", '/*', '*/', '--', '\n', '\u00e9', '\ud83d\ude00', '\ud800',
];

const token = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom(...OPERATORS),
  fc.constantFrom(...LITERALS),
  fc.constantFrom('x', 'a.b', 'window', 'count', 'upper', 'f', 's', '_1'),
);

/** A space- or nothing-separated sequence of tokens. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(token, fc.constantFrom(' ', '', '  ', '\t')), { maxLength: 24 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''));

/** Any text at all, tokens most of the time. */
export const anySqlText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: tokenSoup },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: fc.constantFrom('(', ')', "'", '\\', '`', '-', '*', '/', 'a', '1', ' ', '.', ',', '[', ']') }) },
);
