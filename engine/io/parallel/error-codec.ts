/**
 * Errors across a thread boundary, so that a file decoded in a worker fails exactly as one
 * decoded in the calling thread: a TidemarkError comes back as the same class with the same
 * errorClass, message, messageParameters, sqlState and context (FAILFAST's
 * MALFORMED_RECORD_IN_PARSING with its file and line, FAILED_READ_FILE.*), and its cause
 * (often Node's I/O error) keeps its `code`, which the read-files rules look at. Structured
 * clone alone would keep only `message` and drop the class and fields.
 */
import {
  AnalysisException,
  IllegalArgumentException,
  ParseException,
  SparkArithmeticException,
  SparkNumberFormatException,
  SparkRuntimeException,
  TidemarkError,
  type ErrorContext,
} from '../../errors';
import { SparkIllegalArgumentException } from '../../types/datetime-pattern-tokens';

export type EncodedError =
  | {
      readonly kind: 'tidemark';
      readonly name: string;
      readonly errorClass: string;
      readonly message: string;
      readonly messageParameters: Readonly<Record<string, string>>;
      readonly sqlState: string | undefined;
      readonly context: ErrorContext | undefined;
      readonly stack: string | undefined;
      readonly cause: EncodedError | undefined;
    }
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly message: string;
      readonly stack: string | undefined;
      /** Node's system-error fields (code, errno, syscall, path), kept when present. */
      readonly fields: Readonly<Record<string, string | number>>;
      readonly cause: EncodedError | undefined;
    }
  | { readonly kind: 'value'; readonly text: string };

/** The TidemarkError classes a reader or the file-read rules can throw, by class name. */
const CLASSES: Readonly<Record<string, typeof TidemarkError>> = {
  TidemarkError,
  AnalysisException,
  ParseException,
  SparkArithmeticException,
  SparkNumberFormatException,
  SparkRuntimeException,
  IllegalArgumentException: IllegalArgumentException as unknown as typeof TidemarkError,
  SparkIllegalArgumentException,
};

const SYSTEM_FIELDS = ['code', 'errno', 'syscall', 'path'] as const;

export function encodeError(e: unknown, depth = 0): EncodedError {
  if (!(e instanceof Error)) return { kind: 'value', text: String(e) };
  const cause = e.cause !== undefined && depth < 4 ? encodeError(e.cause, depth + 1) : undefined;
  if (e instanceof TidemarkError) {
    return {
      kind: 'tidemark',
      name: e.name,
      errorClass: e.errorClass,
      message: e.message,
      messageParameters: { ...e.messageParameters },
      sqlState: e.sqlState,
      context: e.context === undefined ? undefined : { ...e.context },
      stack: e.stack,
      cause,
    };
  }
  const fields: Record<string, string | number> = {};
  for (const k of SYSTEM_FIELDS) {
    const v = (e as unknown as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
  }
  return { kind: 'error', name: e.name, message: e.message, stack: e.stack, fields, cause };
}

/**
 * The error again, of its class. A TidemarkError is rebuilt without running its constructor
 * (constructors format the message; the encoded message is already formatted), so the text
 * is exactly the worker's.
 */
export function decodeError(e: EncodedError): unknown {
  if (e.kind === 'value') return e.text;
  const cause = e.cause === undefined ? undefined : decodeError(e.cause);
  if (e.kind === 'tidemark') {
    const ctor = CLASSES[e.name] ?? TidemarkError;
    const error = Object.create(ctor.prototype) as TidemarkError;
    // The shape the constructor leaves: message, stack and cause (always present, as the
    // constructor passes `{ cause }`) non-enumerable; name and the Spark fields enumerable.
    define(error, { message: e.message, stack: e.stack, cause });
    Object.assign(error, {
      name: e.name,
      errorClass: e.errorClass,
      messageParameters: e.messageParameters,
      sqlState: e.sqlState,
      context: e.context,
    });
    return error;
  }
  const error = e.name === 'TypeError' ? new TypeError(e.message) : e.name === 'RangeError' ? new RangeError(e.message) : new Error(e.message);
  define(error, { stack: e.stack });
  if (cause !== undefined) define(error, { cause });
  // Node's system errors carry name (when not Error's), code, errno, syscall, path as own fields.
  Object.assign(error, e.fields);
  if (e.name !== error.name) Object.assign(error, { name: e.name });
  return error;
}

/** Own, writable, non-enumerable properties, as Error's own `message` and `stack` are. */
function define(target: object, values: Record<string, unknown>): void {
  for (const [k, value] of Object.entries(values)) {
    Object.defineProperty(target, k, { value, writable: true, configurable: true, enumerable: false });
  }
}
