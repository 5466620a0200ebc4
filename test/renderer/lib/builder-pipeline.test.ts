/**
 * The builder's node edits (insert, drag-move, Alt+↑/↓, remove, duplicate, bypass) and their
 * undo/redo round trips through the workspace history, as WorkspaceStore.edit records them.
 */
import { describe, expect, it } from 'vitest';
import type { DraftStep, Workspace } from '../../../engine/service/protocol';
import { editSteps, openedSteps } from '../../../renderer/src/lib/builder-edits';
import {
  clampSelection,
  dropIndex,
  duplicateAt,
  insertAfter,
  moveBy,
  moveTo,
  removeAt,
  replaceAt,
  toggleDisabled,
} from '../../../renderer/src/lib/builder-pipeline';
import { labDemoWorkspace } from '../../../renderer/src/lib/draft-defaults';
import { EditHistory } from '../../../renderer/src/lib/workspace-history';

const F: DraftStep = { kind: 'filter', condition: "gt = 'walk'" };
const W: DraftStep = { kind: 'watermark', column: 'Creation_Time', delay: '1 minute' };
const G: DraftStep = {
  kind: 'groupBy',
  keys: ["window(Creation_Time, '30 seconds')", 'User'],
  aggs: [],
};

describe('node edits', () => {
  it('inserts after a node; after the source (−1) is first', () => {
    expect(insertAfter([F, G], -1, W)).toEqual([W, F, G]);
    expect(insertAfter([F, G], 0, W)).toEqual([F, W, G]);
    expect(insertAfter([F, G], 1, W)).toEqual([F, G, W]);
    expect(insertAfter([], -1, W)).toEqual([W]);
  });

  it('drag-moves: the gap a node is dropped on gives its new index', () => {
    // Drag G (2) to the gap after the source: first.
    expect(moveTo([F, W, G], 2, dropIndex(2, -1))).toEqual([G, F, W]);
    // Drag F (0) to the gap after G (2): last.
    expect(moveTo([F, W, G], 0, dropIndex(0, 2))).toEqual([W, G, F]);
    // Dropped on the gap right after itself: no change (the same array: nothing to undo).
    const steps = [F, W, G];
    expect(moveTo(steps, 1, dropIndex(1, 1))).toBe(steps);
    expect(moveTo(steps, 1, dropIndex(1, 0))).toBe(steps);
  });

  it('Alt+↑/↓ moves one place and stops at the ends', () => {
    const steps = [F, W, G];
    expect(moveBy(steps, 2, -1)).toEqual([F, G, W]);
    expect(moveBy(steps, 0, 1)).toEqual([W, F, G]);
    expect(moveBy(steps, 0, -1)).toBe(steps);
    expect(moveBy(steps, 2, 1)).toBe(steps);
  });

  it('removes and duplicates (a deep copy, placed right after)', () => {
    expect(removeAt([F, W, G], 1)).toEqual([F, G]);
    const dup = duplicateAt([F, G], 1);
    expect(dup).toEqual([F, G, G]);
    expect(dup[2]).not.toBe(G);
    expect((dup[2] as { keys: readonly string[] } & DraftStep).keys).not.toBe(
      (G as { keys: readonly string[] } & DraftStep).keys,
    );
    const steps = [F];
    expect(removeAt(steps, 3)).toBe(steps);
    expect(duplicateAt(steps, -1)).toBe(steps);
  });

  it('bypass toggles `disabled`, and turning it off leaves the step as it was', () => {
    const off = toggleDisabled([F, G], 0);
    expect(off[0]).toEqual({ ...F, disabled: true });
    const on = toggleDisabled(off, 0);
    expect(on[0]).toEqual(F);
    expect('disabled' in on[0]).toBe(false);
  });

  it('replaces a step and keeps the selection in range', () => {
    expect(replaceAt([F, G], 1, W)).toEqual([F, W]);
    expect(clampSelection(5, 2)).toBe(2);
    expect(clampSelection(-3, 2)).toBe(-1);
  });
});

describe('undo and redo of builder edits', () => {
  /** WorkspaceStore.edit's bookkeeping, without the runes. */
  function store(initial: Workspace) {
    const history = new EditHistory<Workspace>();
    let ws = initial;
    let now = 0;
    return {
      get ws() {
        return ws;
      },
      edit(label: string, change: (w: Workspace) => Workspace, key: string | null = null) {
        const after = change(ws);
        if (after === ws) return;
        history.record(ws, label, key, (now += 10));
        ws = after;
      },
      undo() {
        const e = history.undo(ws);
        if (e !== null) ws = e.state;
        return e?.label ?? null;
      },
      redo() {
        const e = history.redo(ws);
        if (e !== null) ws = e.state;
        return e?.label ?? null;
      },
    };
  }
  const stepsOf = (ws: Workspace): readonly DraftStep[] => ws.queries[0].draft.steps;

  it('every edit undoes to the exact previous draft and redoes to the exact next one', () => {
    const s = store(labDemoWorkspace('/data/sensors', { source: 's', query: 'q' }));
    const versions: (readonly DraftStep[])[] = [stepsOf(s.ws)];
    const edits: [string, (steps: readonly DraftStep[]) => readonly DraftStep[]][] = [
      ['Add Watermark', (st) => insertAfter(st, -1, W)],
      ['Add Filter', (st) => insertAfter(st, 0, F)],
      ['Move Filter up', (st) => moveBy(st, 1, -1)],
      ['Duplicate Filter', (st) => duplicateAt(st, 0)],
      ['Bypass Filter', (st) => toggleDisabled(st, 1)],
      ['Remove Filter', (st) => removeAt(st, 0)],
      ['Edit Group by', (st) => replaceAt(st, 2, G)],
    ];
    for (const [label, change] of edits) {
      s.edit(label, (ws) => editSteps(ws, 'q', change));
      versions.push(stepsOf(s.ws));
    }
    expect(stepsOf(s.ws)).toEqual([{ ...F, disabled: true }, W, G]);
    for (let i = edits.length - 1; i >= 0; i--) {
      expect(s.undo()).toBe(edits[i][0]);
      expect(stepsOf(s.ws)).toEqual(versions[i]);
    }
    expect(s.undo()).toBeNull();
    for (let i = 0; i < edits.length; i++) {
      expect(s.redo()).toBe(edits[i][0]);
      expect(stepsOf(s.ws)).toEqual(versions[i + 1]);
    }
  });

  it('an edit that changes nothing records nothing', () => {
    const s = store(labDemoWorkspace('/data/sensors', { source: 's', query: 'q' }));
    s.edit('Move up', (ws) => editSteps(ws, 'q', (st) => moveBy(st, 0, -1)));
    expect(s.undo()).toBeNull();
  });

  it('opening a plan as nodes replaces the steps, undone in one step', () => {
    const s = store(labDemoWorkspace('/data/sensors', { source: 's', query: 'q' }));
    const before = stepsOf(s.ws);
    s.edit('Open plan as nodes', (ws) => openedSteps(ws, 'q', [W, G]));
    expect(stepsOf(s.ws)).toEqual([W, G]);
    s.undo();
    expect(stepsOf(s.ws)).toEqual(before);
  });
});
