import { describe, expect, it } from 'vitest';
import { isHostRequest, requestProblem } from '../../../engine/service/validate-request';

describe('requestProblem: the shape check before a UI request reaches the engine', () => {
  it('accepts every request type in its documented shape', () => {
    expect(isHostRequest({ id: 1, type: 'listQueries' })).toBe(true);
    expect(isHostRequest({ id: 2, type: 'startDemo' })).toBe(true);
    expect(isHostRequest({ id: 3, type: 'stopQuery', queryId: 'q' })).toBe(true);
    expect(isHostRequest({ id: 4, type: 'sql', text: 'SELECT 1', maxRows: 10 })).toBe(true);
    expect(isHostRequest({ id: 5, type: 'getTriggerTable', queryId: 'q', batchId: 3 })).toBe(true);
    const spec = { plan: { op: 'source' }, sink: { format: 'memory' } };
    expect(isHostRequest({ id: 6, type: 'startQuery', spec })).toBe(true);
  });

  it('names what is wrong', () => {
    expect(requestProblem(null)).toBe('a request must be a JSON object');
    expect(requestProblem([])).toBe('a request must be a JSON object');
    expect(requestProblem({ type: 'listQueries' })).toBe('a request needs a whole-number `id`');
    expect(requestProblem({ id: 1.5, type: 'listQueries' })).toBe(
      'a request needs a whole-number `id`',
    );
    expect(requestProblem({ id: 1, type: 'eval' })).toMatch(
      /^unknown request type "eval"; expected one of listQueries, /,
    );
    expect(requestProblem({ id: 1, type: 'stopQuery' })).toBe('stopQuery needs a string `queryId`');
    expect(requestProblem({ id: 1, type: 'sql', text: 'SELECT 1', maxRows: -1 })).toBe(
      'sql: `maxRows` must be a whole number',
    );
    expect(requestProblem({ id: 1, type: 'getTriggerTable', queryId: 'q', batchId: '3' })).toBe(
      'getTriggerTable needs a whole-number `batchId`',
    );
    expect(
      requestProblem({ id: 1, type: 'startQuery', spec: { plan: {}, sink: { format: 'memory' } } }),
    ).toBe('startQuery: `spec.plan.op` must be a string');
  });
});
