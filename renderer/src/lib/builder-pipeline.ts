/**
 * The builder's edits to a draft's steps, as pure functions (the workspace store records
 * each one for undo): insert a node after another, move it (drag or Alt+↑/↓), remove it,
 * duplicate it (Mod+D) and bypass it (a disabled step stays on the canvas but is skipped in
 * the plan, as ComfyUI's bypass). Indices are step indices; -1 is the source node, so
 * "insert after -1" puts a step first. Out-of-range edits return the steps unchanged
 * (the same array), which the store reads as "nothing to undo".
 */
import type { DraftStep } from '../../../engine/service/protocol';

/** `step` inserted right after step `after` (−1: after the source, i.e. first). */
export function insertAfter(
  steps: readonly DraftStep[],
  after: number,
  step: DraftStep,
): readonly DraftStep[] {
  const at = Math.min(Math.max(after + 1, 0), steps.length);
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

/**
 * Step `from` moved so that it ends up at index `to` (a drop onto the gap before step `to`
 * of the original list is `to`, or `to - 1` when moving down: see dropIndex).
 */
export function moveTo(
  steps: readonly DraftStep[],
  from: number,
  to: number,
): readonly DraftStep[] {
  if (from < 0 || from >= steps.length || to < 0 || to >= steps.length || from === to) return steps;
  const out = [...steps];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved);
  return out;
}

/** Alt+↑ / Alt+↓: one place up or down. */
export function moveBy(
  steps: readonly DraftStep[],
  index: number,
  delta: -1 | 1,
): readonly DraftStep[] {
  return moveTo(steps, index, index + delta);
}

/**
 * Where a step dragged from `from` lands when dropped on the gap after node `gapAfter`
 * (−1: right after the source): the index it gets once removed from its old place.
 */
export function dropIndex(from: number, gapAfter: number): number {
  const target = gapAfter + 1;
  return from < target ? target - 1 : target;
}

export function removeAt(steps: readonly DraftStep[], index: number): readonly DraftStep[] {
  if (index < 0 || index >= steps.length) return steps;
  return steps.filter((_, i) => i !== index);
}

/** A copy of step `index` right after it. */
export function duplicateAt(steps: readonly DraftStep[], index: number): readonly DraftStep[] {
  if (index < 0 || index >= steps.length) return steps;
  const copy = structuredClone(steps[index]) as DraftStep;
  return insertAfter(steps, index, copy);
}

/** Bypass on/off. `disabled` is left out when off, so an enabled step is as the form makes it. */
export function toggleDisabled(steps: readonly DraftStep[], index: number): readonly DraftStep[] {
  if (index < 0 || index >= steps.length) return steps;
  return steps.map((s, i) => {
    if (i !== index) return s;
    if (s.disabled === true) {
      const { disabled: _off, ...rest } = s;
      return rest as DraftStep;
    }
    return { ...s, disabled: true };
  });
}

export function replaceAt(
  steps: readonly DraftStep[],
  index: number,
  step: DraftStep,
): readonly DraftStep[] {
  if (index < 0 || index >= steps.length) return steps;
  return steps.map((s, i) => (i === index ? step : s));
}

/** The node selected after an edit: kept in range (−1 is the source, `steps.length` the sink). */
export function clampSelection(selected: number, count: number): number {
  return Math.min(Math.max(selected, -1), count);
}
