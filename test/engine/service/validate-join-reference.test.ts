/** The runtime shape checks of the builder's requests and of a join step's reference side. */
import { describe, expect, it } from 'vitest';
import { requestProblem } from '../../../engine/service/validate-request';

const draft = (steps: unknown[]) => ({
  name: 'q',
  source: { path: '/data/in', format: 'json', schema: 'a INT', options: {} },
  steps,
  sink: { format: 'memory', outputMode: 'append', options: {}, trigger: { kind: 'default' } },
});
const join = (right: unknown) => ({ kind: 'join', right, on: ['a'], condition: '', how: 'left' });

describe('builder requests', () => {
  it('accepts cube, rollup, join and disabled steps', () => {
    const steps = [
      { kind: 'cube', keys: ['a'], aggs: [] },
      { kind: 'rollup', keys: ['a'], aggs: ['sum(a)'], disabled: true },
      join({
        kind: 'rows',
        schema: 'a INT, b STRING',
        rows: [
          [1, 'x'],
          [2, null],
        ],
      }),
      join({
        kind: 'files',
        source: { path: '/data/ref.json', format: 'json', schema: null, options: {} },
      }),
    ];
    expect(requestProblem({ id: 1, type: 'analyzeDraft', draft: draft(steps) })).toBeNull();
    expect(
      requestProblem({ id: 2, type: 'previewDraft', draft: draft(steps), maxRows: 5 }),
    ).toBeNull();
    expect(
      requestProblem({ id: 3, type: 'draftFromPlan', plan: { version: 1, plan: {} } }),
    ).toBeNull();
  });

  it('refuses a bad reference side, naming where', () => {
    expect(
      requestProblem({
        id: 1,
        type: 'analyzeDraft',
        draft: draft([join({ kind: 'rows', schema: 'a INT', rows: [[{ x: 1 }]] })]),
      }),
    ).toMatch(/steps\[0\]\.right`\.rows may hold only/);
    expect(
      requestProblem({
        id: 1,
        type: 'analyzeDraft',
        draft: draft([
          join({ kind: 'files', source: { path: '', format: 'json', schema: null, options: {} } }),
        ]),
      }),
    ).toMatch(/right`\.source\.path/);
    expect(requestProblem({ id: 1, type: 'analyzeDraft', draft: draft([join('x')]) })).toMatch(
      /right` must be/,
    );
    expect(
      requestProblem({
        id: 1,
        type: 'analyzeDraft',
        draft: draft([{ kind: 'filter', condition: 'a', disabled: 'yes' }]),
      }),
    ).toMatch(/disabled` has the wrong type/);
    expect(requestProblem({ id: 1, type: 'previewDraft', draft: draft([]), maxRows: -1 })).toMatch(
      /maxRows/,
    );
    expect(requestProblem({ id: 1, type: 'draftFromPlan', plan: 3 })).toMatch(
      /draftFromPlan needs/,
    );
  });
});
