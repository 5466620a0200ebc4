/**
 * Any thrown value → the ErrorInfo the UI shows. TidemarkErrors keep Spark's error class
 * and SQLSTATE (so the user can search for them); anything else keeps its name and message.
 */
import { TidemarkError } from '../errors';
import type { ErrorInfo } from './protocol';

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof TidemarkError) {
    return {
      name: e.name,
      errorClass: e.errorClass,
      sqlState: e.sqlState ?? null,
      message: e.message,
    };
  }
  if (e instanceof Error)
    return { name: e.name, errorClass: null, sqlState: null, message: e.message };
  return { name: 'Error', errorClass: null, sqlState: null, message: String(e) };
}
