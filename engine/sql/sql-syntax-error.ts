/**
 * The errors the SQL parser raises, with Spark's classes and texts
 * (error-conditions.json): PARSE_SYNTAX_ERROR "Syntax error at or near 'x'." or "… near
 * end of input.", with the hint Spark's SparkParserErrorStrategy appends (": missing ')'",
 * ": extra input 'x'"), and PARSE_EMPTY_STATEMENT. The context points into the whole
 * statement so the caret lands under the offending token.
 */
import { ParseException } from '../errors';

/** The part of a token an error needs (a SqlToken fits). */
export interface TokenLike {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * PARSE_SYNTAX_ERROR at `token`, or at the end of the statement when `token` is undefined.
 * `hint` is Spark's suffix without the leading ": " (e.g. "missing ')'").
 */
export function syntaxError(
  text: string,
  token: TokenLike | undefined,
  hint?: string,
): ParseException {
  const near = token === undefined ? 'end of input' : `'${token.text}'`;
  const suffix = hint === undefined ? '' : `: ${hint}`;
  const start = token === undefined ? text.length : token.start;
  const stop = token === undefined ? text.length : token.end;
  return new ParseException('PARSE_SYNTAX_ERROR', `Syntax error at or near ${near}${suffix}.`, {
    messageParameters: { error: near, hint: suffix },
    sqlState: '42601',
    context: { text, start, stop },
  });
}

export function emptyStatement(text: string): ParseException {
  return new ParseException('PARSE_EMPTY_STATEMENT', 'Syntax error, unexpected empty statement.', {
    sqlState: '42617',
    context: { text, start: 0, stop: text.length },
  });
}

/**
 * A construct Spark accepts but Tidemark's session.sql() does not plan (EXCEPT, NATURAL
 * JOIN, window clauses, …): Spark's UNSUPPORTED_FEATURE class, naming the construct.
 */
export function unsupportedSql(text: string, token: TokenLike, feature: string): ParseException {
  return new ParseException(
    'UNSUPPORTED_FEATURE.SQL_CONSTRUCT',
    `The feature is not supported: ${feature} in session.sql().`,
    {
      messageParameters: { feature },
      sqlState: '0A000',
      context: { text, start: token.start, stop: token.end },
    },
  );
}
