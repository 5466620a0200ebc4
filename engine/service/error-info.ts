/**
 * Any thrown value → the ErrorInfo the UI shows. TidemarkErrors keep Spark's error class
 * and SQLSTATE (so the user can search for them) and where it went wrong (the expression
 * text and offsets, or the file and line); a failed stream's wrapper (STREAM_FAILED) takes
 * that position from the error it wraps, so the UI can underline the failing expression.
 * Anything else keeps its name and message.
 */
import { TidemarkError, type ErrorContext } from '../errors';
import type { ErrorInfo, ErrorPosition } from './protocol';

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof TidemarkError) {
    const context = positionOf(e);
    return {
      name: e.name,
      errorClass: e.errorClass,
      sqlState: e.sqlState ?? null,
      message: e.message,
      ...(context === null ? {} : { context }),
    };
  }
  if (e instanceof Error)
    return { name: e.name, errorClass: null, sqlState: null, message: e.message };
  return { name: 'Error', errorClass: null, sqlState: null, message: String(e) };
}

/** The first context with a position along the cause chain (at most a few links). */
function positionOf(e: TidemarkError): ErrorPosition | null {
  let current: unknown = e;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof TidemarkError && hasPosition(current.context))
      return { ...current.context };
    current = current.cause;
  }
  return null;
}

function hasPosition(c: ErrorContext | undefined): c is ErrorContext {
  return c !== undefined && (c.start !== undefined || c.line !== undefined || c.file !== undefined);
}
