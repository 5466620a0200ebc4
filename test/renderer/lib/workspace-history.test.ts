import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../../renderer/src/lib/workspace-history';

describe('EditHistory', () => {
  it('undoes and redoes edits in order', () => {
    const h = new EditHistory<string>();
    h.record('a', 'Add b', null, 0);
    h.record('ab', 'Add c', null, 10);
    expect(h.undoLabel).toBe('Add c');
    expect(h.undo('abc')).toEqual({ state: 'ab', label: 'Add c' });
    expect(h.undo('ab')).toEqual({ state: 'a', label: 'Add b' });
    expect(h.undo('a')).toBeNull();
    expect(h.redoLabel).toBe('Add b');
    expect(h.redo('a')?.state).toBe('ab');
    expect(h.redo('ab')?.state).toBe('abc');
    expect(h.canRedo).toBe(false);
  });

  it('groups quick keystrokes with the same key into one step', () => {
    const h = new EditHistory<string>(200, 1000);
    h.record('', 'Rename', 'name', 0);
    h.record('a', 'Rename', 'name', 300);
    h.record('ab', 'Rename', 'name', 600);
    h.record('abc', 'Rename', 'name', 2000); // a pause: a new step
    expect(h.undo('abcd')?.state).toBe('abc');
    expect(h.undo('abc')?.state).toBe('');
    expect(h.canUndo).toBe(false);
  });

  it('drops the redo branch on a new edit and keeps at most `limit` steps', () => {
    const h = new EditHistory<number>(3);
    for (let i = 0; i < 5; i++) h.record(i, `set ${i + 1}`, null, i);
    h.undo(5);
    h.record(4, 'other', null, 100);
    expect(h.canRedo).toBe(false);
    const states: number[] = [];
    let cur = 99;
    for (let e = h.undo(cur); e !== null; e = h.undo(cur)) states.push((cur = e.state));
    expect(states).toEqual([4, 3, 2]);
  });
});
