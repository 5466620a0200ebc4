import { describe, expect, it } from 'vitest';
import { isUndoKey, undoTarget } from '../../../renderer/src/lib/workspace-undo-keys';

const press = (
  key: string,
  o: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key,
  ctrlKey: o.ctrl ?? false,
  metaKey: o.meta ?? false,
  shiftKey: o.shift ?? false,
  altKey: o.alt ?? false,
});

/** A stand-in element: its tag, and whether it sits in a workspace editor. */
const element = (tagName: string, inWorkspace: boolean) => ({
  tagName,
  closest: (selector: string) =>
    inWorkspace && selector === '[data-undo="workspace"]' ? {} : null,
});

describe('workspace undo keys', () => {
  it('reads Mod+Z as undo and Mod+Shift+Z as redo, Ctrl+Y too off macOS', () => {
    expect(isUndoKey(press('z', { ctrl: true }), false)).toBe('undo');
    expect(isUndoKey(press('Z', { ctrl: true, shift: true }), false)).toBe('redo');
    expect(isUndoKey(press('y', { ctrl: true }), false)).toBe('redo');
    expect(isUndoKey(press('z', { meta: true }), true)).toBe('undo');
    expect(isUndoKey(press('y', { meta: true }), true)).toBeNull();
    expect(isUndoKey(press('z', { ctrl: true }), true)).toBeNull();
    expect(isUndoKey(press('z', { ctrl: true, alt: true }), false)).toBeNull();
    expect(isUndoKey(press('z'), false)).toBeNull();
  });

  it('leaves text fields outside the workspace editors their own undo', () => {
    expect(undoTarget(element('TEXTAREA', false))).toBe(false);
    expect(undoTarget(element('INPUT', true))).toBe(true);
    expect(undoTarget(element('BUTTON', false))).toBe(true);
    expect(undoTarget({ tagName: 'DIV', isContentEditable: true, closest: () => null })).toBe(
      false,
    );
    expect(undoTarget(null)).toBe(true);
  });
});
