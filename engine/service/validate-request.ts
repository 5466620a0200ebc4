/**
 * The runtime check on every request that arrives from a UI (IPC or WebSocket) before it
 * reaches the engine: the right fields with the right JSON types, nothing else trusted.
 * Deeper checks (does the plan analyze, does the query exist) are the engine's, and come
 * back as error responses.
 */
import type { HostRequest, RequestType } from './protocol';

const REQUEST_TYPES: ReadonlySet<RequestType> = new Set<RequestType>([
  'listQueries',
  'startDemo',
  'startQuery',
  'stopQuery',
  'sql',
  'getTriggerTable',
]);

/** Why `message` is not a HostRequest, or null when it is one. */
export function requestProblem(message: unknown): string | null {
  if (!isRecord(message)) return 'a request must be a JSON object';
  const { id, type } = message;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
    return 'a request needs a whole-number `id`';
  if (typeof type !== 'string' || !REQUEST_TYPES.has(type as RequestType)) {
    return `unknown request type ${JSON.stringify(type)}; expected one of ${[...REQUEST_TYPES].join(', ')}`;
  }
  switch (type as RequestType) {
    case 'listQueries':
    case 'startDemo':
      return null;
    case 'startQuery': {
      const spec = message.spec;
      if (!isRecord(spec) || !isRecord(spec.plan) || !isRecord(spec.sink))
        return 'startQuery needs `spec: { plan, sink }`';
      if (typeof spec.plan.op !== 'string') return 'startQuery: `spec.plan.op` must be a string';
      if (typeof spec.sink.format !== 'string')
        return 'startQuery: `spec.sink.format` must be a string';
      return null;
    }
    case 'stopQuery':
      return typeof message.queryId === 'string' ? null : 'stopQuery needs a string `queryId`';
    case 'sql':
      if (typeof message.text !== 'string') return 'sql needs a string `text`';
      if (
        message.maxRows !== undefined &&
        !(
          typeof message.maxRows === 'number' &&
          Number.isSafeInteger(message.maxRows) &&
          message.maxRows >= 0
        )
      ) {
        return 'sql: `maxRows` must be a whole number';
      }
      return null;
    case 'getTriggerTable':
      if (typeof message.queryId !== 'string') return 'getTriggerTable needs a string `queryId`';
      return typeof message.batchId === 'number' && Number.isSafeInteger(message.batchId)
        ? null
        : 'getTriggerTable needs a whole-number `batchId`';
  }
}

export function isHostRequest(message: unknown): message is HostRequest {
  return requestProblem(message) === null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
