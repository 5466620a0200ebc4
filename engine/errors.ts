/**
 * Errors users can act on. Class names and error classes follow Spark's
 * (common/utils/src/main/resources/error/error-conditions.json) so that a user can
 * search for them; messages follow Spark's templates and add where the problem is
 * (file, line, expression position).
 */

/** Where in the user's input an error points: an expression fragment, or a file line. */
export interface ErrorContext {
  /** The expression or statement text the positions refer to. */
  text?: string;
  /** 0-based character offsets into `text`, end exclusive. */
  start?: number;
  stop?: number;
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
}

export class TidemarkError extends Error {
  readonly errorClass: string;
  readonly messageParameters: Readonly<Record<string, string>>;
  readonly sqlState: string | undefined;
  readonly context: ErrorContext | undefined;

  constructor(
    errorClass: string,
    message: string,
    options: {
      messageParameters?: Record<string, string>;
      sqlState?: string;
      context?: ErrorContext;
      cause?: unknown;
    } = {},
  ) {
    super(formatMessage(errorClass, message, options.sqlState, options.context), {
      cause: options.cause,
    });
    this.name = new.target.name;
    this.errorClass = errorClass;
    this.messageParameters = options.messageParameters ?? {};
    this.sqlState = options.sqlState;
    this.context = options.context;
  }
}

/** Spark prints `[CLASS] message SQLSTATE: xxxxx`; legacy classes print only the message. */
function formatMessage(
  errorClass: string,
  message: string,
  sqlState: string | undefined,
  context: ErrorContext | undefined,
): string {
  const head = errorClass.startsWith('_LEGACY_') ? message : `[${errorClass}] ${message}`;
  const state = sqlState ? ` SQLSTATE: ${sqlState}` : '';
  return head + state + describeContext(context);
}

/** Renders Spark's "== SQL (line 1, position 8) ==" block, or a file:line reference. */
export function describeContext(context: ErrorContext | undefined): string {
  if (!context) return '';
  if (context.file !== undefined) {
    return context.line !== undefined
      ? `\n== File ${context.file}, line ${context.line} ==`
      : `\n== File ${context.file} ==`;
  }
  if (context.text === undefined || context.start === undefined) return '';
  const start = context.start;
  const stop = Math.max(context.stop ?? start + 1, start + 1);
  const caret = ' '.repeat(start) + '^'.repeat(Math.min(stop, context.text.length + 1) - start);
  return `\n== SQL (line 1, position ${start + 1}) ==\n${context.text}\n${caret}`;
}

/** Analysis-time failures: unknown columns, type mismatches, unsupported operations. */
export class AnalysisException extends TidemarkError {}
/** Syntax errors in expressions, SQL, DDL or durations. */
export class ParseException extends TidemarkError {}
/** ANSI-mode arithmetic failures: DIVIDE_BY_ZERO, ARITHMETIC_OVERFLOW. */
export class SparkArithmeticException extends TidemarkError {}
/** ANSI-mode cast failures: CAST_INVALID_INPUT. */
export class SparkNumberFormatException extends TidemarkError {}
/** Runtime failures while processing data (malformed records in FAILFAST mode, I/O). */
export class SparkRuntimeException extends TidemarkError {}
/** Wrong arguments to an API call (Java's IllegalArgumentException in Spark). */
export class IllegalArgumentException extends TidemarkError {
  constructor(message: string, context?: ErrorContext) {
    super('_LEGACY_ERROR_TEMP_ILLEGAL_ARGUMENT', message, { context });
  }
}

/** A stream that failed: Spark's STREAM_FAILED wrapper around the batch's error. */
export class StreamingQueryException extends TidemarkError {
  constructor(queryId: string, runId: string, cause: unknown) {
    const inner = cause instanceof Error ? cause.message : String(cause);
    super(
      'STREAM_FAILED',
      `Query [id = ${queryId}, runId = ${runId}] terminated with exception: ${inner}`,
      { messageParameters: { id: queryId, runId, message: inner }, cause },
    );
  }
}

/** Backtick-quotes an identifier as Spark's toSQLId does. */
export function quoteId(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}
