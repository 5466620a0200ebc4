/** CONTRACT STUB — being implemented (issue 5 §5). */
import type { FunctionInfo } from './protocol';

export function listFunctions(): readonly FunctionInfo[] {
  throw new Error('listFunctions is not implemented yet');
}
