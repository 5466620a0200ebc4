import { describe, expect, it } from 'vitest';
import type { DraftStep } from '../../../engine/service/protocol';
import {
  STEP_KINDS,
  entryLine,
  fieldText,
  fieldsOf,
  isStepKind,
  moveStep,
  newStep,
  removeStep,
  stepForEngine,
  withFieldText,
} from '../../../renderer/src/lib/draft-steps';

describe('draft steps', () => {
  it('offers every DraftStep kind, each with fields named as the step properties', () => {
    for (const { kind } of STEP_KINDS) {
      const step = newStep(kind);
      expect(step.kind).toBe(kind);
      for (const field of fieldsOf(kind)) expect(field.name in step).toBe(true);
    }
    expect(isStepKind('groupBy')).toBe(true);
    expect(isStepKind('union')).toBe(false);
  });

  it('edits list fields one entry per line and keeps the lines as typed', () => {
    const groupBy = newStep('groupBy');
    const keys = fieldsOf('groupBy').find((f) => f.name === 'keys')!;
    const edited = withFieldText(groupBy, keys, "gt\n\nwindow(Arrival_Time, '10 minutes')");
    expect(edited).toEqual({
      kind: 'groupBy',
      keys: ['gt', '', "window(Arrival_Time, '10 minutes')"],
      aggs: [],
    });
    expect(fieldText(edited, 'keys')).toBe("gt\n\nwindow(Arrival_Time, '10 minutes')");
    // The engine gets the entries without the blank line; its entry 1 is line 2 of the text.
    expect(stepForEngine(edited)).toEqual({
      kind: 'groupBy',
      keys: ['gt', "window(Arrival_Time, '10 minutes')"],
      aggs: [],
    });
    expect(entryLine((edited as Extract<DraftStep, { kind: 'groupBy' }>).keys, 1)).toBe(2);
    expect(entryLine(['a'], 3)).toBe(-1);
  });

  it('reads numbers and how for na.drop', () => {
    const fields = fieldsOf('naDrop');
    let step: DraftStep = newStep('naDrop');
    step = withFieldText(
      step,
      fields.find((f) => f.name === 'thresh')!,
      '2',
    );
    step = withFieldText(
      step,
      fields.find((f) => f.name === 'how')!,
      'all',
    );
    expect(step).toEqual({ kind: 'naDrop', how: 'all', thresh: 2, subset: [] });
    step = withFieldText(
      step,
      fields.find((f) => f.name === 'thresh')!,
      '',
    );
    expect((step as { thresh: number | null }).thresh).toBeNull();
    expect(fieldText(step, 'thresh')).toBe('');
  });

  it('moves and removes steps', () => {
    const steps: DraftStep[] = [
      { kind: 'filter', condition: 'x > 0' },
      { kind: 'drop', columns: ['Index'] },
      { kind: 'groupBy', keys: ['gt'], aggs: [] },
    ];
    expect(moveStep(steps, 2, -1).map((s) => s.kind)).toEqual(['filter', 'groupBy', 'drop']);
    expect(moveStep(steps, 0, 1).map((s) => s.kind)).toEqual(['drop', 'filter', 'groupBy']);
    expect(moveStep(steps, 0, -1)).toBe(steps);
    expect(moveStep(steps, 2, 1)).toBe(steps);
    expect(removeStep(steps, 1).map((s) => s.kind)).toEqual(['filter', 'groupBy']);
  });
});
